import { describe, expect, it } from 'vitest'
import { compareConfigs, type ComparedConfig } from '../../renderer/lib/config-diff'
import type { ImageConfigView } from '../../shared/types'

function image(config: Partial<ImageConfigView>, architecture = 'amd64'): ComparedConfig {
  return {
    platform: { os: 'linux', architecture, variant: null },
    config: { entrypoint: null, cmd: null, env: [], exposedPorts: [], volumes: [], workingDir: '', user: '', labels: {}, stopSignal: null, ...config },
  }
}

describe('config differences', () => {
  it('lists only what differs, each variable, label, port and volume on its own row', () => {
    const a = image({ cmd: ['nginx', '-g', 'daemon off;'], env: ['PATH=/usr/bin', 'MODE=dev', 'A=x=y'], labels: { version: '1', team: 'web' }, exposedPorts: ['80/tcp'], user: 'nginx' })
    const b = image({ cmd: ['nginx'], env: ['PATH=/usr/bin', 'MODE=prod', 'A=x=y'], labels: { version: '2', team: 'web' }, exposedPorts: ['80/tcp', '443/tcp'], volumes: ['/data'], user: 'nginx' }, 'arm64')
    const diff = compareConfigs(a, b)
    expect(diff.differ.map((row) => [row.field, row.key, row.a, row.b])).toEqual([
      ['platform', null, 'linux/amd64', 'linux/arm64'],
      ['cmd', null, '["nginx","-g","daemon off;"]', '["nginx"]'],
      ['env', 'MODE', 'dev', 'prod'],
      ['labels', 'version', '1', '2'],
      ['exposedPorts', '443/tcp', null, '443/tcp'],
      ['volumes', '/data', null, '/data'],
    ])
    expect(diff.same.map((row) => [row.field, row.key])).toEqual([
      ['user', null],
      ['env', 'A'],
      ['env', 'PATH'],
      ['labels', 'team'],
      ['exposedPorts', '80/tcp'],
    ])
  })

  it('treats an empty user or working directory as not set, and leaves out what neither sets', () => {
    const diff = compareConfigs(image({ workingDir: '' }), image({}))
    expect(diff.differ).toEqual([])
    expect(diff.same.map((row) => row.field)).toEqual(['platform'])
  })

  it('tells an entrypoint set to nothing from one not set', () => {
    const diff = compareConfigs(image({ entrypoint: [] }), image({ entrypoint: null }))
    expect(diff.differ).toEqual([{ field: 'entrypoint', key: null, a: '[]', b: null }])
  })
})
