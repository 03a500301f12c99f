import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import type { MenuItemConstructorOptions } from 'electron'
import { aboutText, diagnosticsText, type RuntimeVersions } from '../../electron/main/help'
import { openLogFile } from '../../electron/main/log-file'
import { menuTemplate } from '../../electron/main/menu'
import type { Outcome } from '../../shared/errors'
import type { EngineInfo } from '../../shared/types'
import { DEFAULT_SETTINGS } from '../../electron/core/settings/settings'

const versions: RuntimeVersions = { app: '0.1.0', electron: '41.7.1', chrome: '146.0.1', node: '22.1.0', os: 'linux x64 6.1' }

const engine: Outcome<EngineInfo> = {
  ok: true,
  value: {
    endpoint: { url: 'unix:///var/run/docker.sock', kind: 'unix', source: 'default', context: null, tls: false },
    name: 'host',
    engineVersion: '20.10.24',
    daemonApiVersion: '1.41',
    apiVersion: '1.41',
    minApiVersion: '1.12',
    os: 'linux',
    osType: 'linux',
    architecture: 'x86_64',
    kernelVersion: '6.1',
    storageDriver: 'overlay2',
    backingFilesystem: 'extfs',
    imageStore: 'classic',
    snapshotter: null,
    dataRoot: '/var/lib/docker',
    cpus: 2,
    memoryBytes: 1,
    images: 3,
    containers: { total: 0, running: 0, paused: 0, stopped: 0 },
    podman: false,
  },
}

describe('Help menu', () => {
  function helpItems(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
    const help = template.find((menu) => menu.role === 'help')
    if (!Array.isArray(help?.submenu)) throw new Error('no Help menu')
    return help.submenu
  }

  it('is there on every platform, with About, Open Logs Folder and Copy Diagnostics wired to their actions', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const actions = { about: vi.fn(), openLogsFolder: vi.fn(), copyDiagnostics: vi.fn() }
      const items = helpItems(menuTemplate(platform, 'Strata', { packaged: true, help: actions }))
      expect(items.map((item) => item.label ?? item.type)).toEqual(['About Strata', 'separator', 'Open Logs Folder', 'Copy Diagnostics'])
      for (const item of items) (item.click as (() => void) | undefined)?.()
      expect(actions.about).toHaveBeenCalledTimes(1)
      expect(actions.openLogsFolder).toHaveBeenCalledTimes(1)
      expect(actions.copyDiagnostics).toHaveBeenCalledTimes(1)
    }
  })

  it('makes the macOS app menu’s About the same as Help’s', () => {
    const about = vi.fn()
    const mac = menuTemplate('darwin', 'Strata', { packaged: true, help: { about, openLogsFolder: vi.fn(), copyDiagnostics: vi.fn() } })
    const first = mac[0]?.submenu
    expect(Array.isArray(first) && first[0]?.label).toBe('About Strata')
    if (Array.isArray(first)) (first[0]?.click as () => void)()
    expect(about).toHaveBeenCalled()
  })
})

describe('About and diagnostics', () => {
  it('name Strata’s version, its runtime and the engine it talks to', () => {
    expect(aboutText(versions, engine)).toBe(
      ['Strata 0.1.0', 'Electron 41.7.1 (Chromium 146.0.1, Node 22.1.0)', 'linux x64 6.1', 'Engine: Docker Engine 20.10.24, API 1.41 (daemon 1.41), overlay2, linux x86_64, at unix:///var/run/docker.sock'].join('\n'),
    )
    const down: Outcome<EngineInfo> = { ok: false, error: { code: 'ENGINE_UNREACHABLE', message: 'No Docker engine answers at unix:///var/run/docker.sock.', detail: {} } }
    expect(aboutText(versions, down)).toContain('Engine: not answering (ENGINE_UNREACHABLE: No Docker engine answers')
  })

  it('adds the settings and the log file for a bug report', () => {
    const text = diagnosticsText(versions, engine, { ...DEFAULT_SETTINGS, pinnedImages: ['app:1'] }, '/home/me/.config/strata/logs/strata.log')
    expect(text.split('\n').slice(-2)).toEqual(['Settings: {"pinnedImages":["app:1"],"engines":[],"defaultEngineHost":null,"defaultEngineTls":null,"theme":"system","language":"system","sidebar":"auto","cacheCapBytes":null,"defaultPullPlatform":null,"cleanupPolicies":[],"problem":null}', 'Log file: /home/me/.config/strata/logs/strata.log'])
  })
})

describe('the log file', () => {
  const folder = mkdtempSync(join(tmpdir(), 'strata-logs-'))
  afterAll(() => {
    rmSync(folder, { recursive: true, force: true })
  })

  it('writes timestamped lines with the error’s stack, and rotates, keeping a few older files', () => {
    const log = openLogFile(join(folder, 'logs'), { maxBytes: 200, keep: 2, now: () => new Date('2026-12-04T10:00:00Z') })
    log.write('info', 'engine connected')
    const failure = new Error('boom')
    log.write('error', 'live update failed', failure)
    const first = readFileSync(log.path, 'utf8')
    expect(first.startsWith('2026-12-04T10:00:00.000Z INFO  engine connected\n2026-12-04T10:00:00.000Z ERROR live update failed Error: boom\n')).toBe(true)
    for (let index = 0; index < 40; index += 1) log.write('warn', `engine reconnecting ${String(index)} ${'x'.repeat(40)}`)
    expect(readdirSync(log.folder).sort()).toEqual(['strata.1.log', 'strata.2.log', 'strata.log'])
    // The newest line is in the current file, and no file grows far past the limit.
    expect(readFileSync(log.path, 'utf8')).toContain('engine reconnecting 39')
    for (const name of readdirSync(log.folder)) expect(readFileSync(join(log.folder, name)).length).toBeLessThan(400)
  })

  it('never throws when the folder cannot be made', () => {
    // Under a regular file: mkdir fails with ENOTDIR. (Not /proc: Node's recursive mkdir spins forever there.)
    const aFile = join(folder, 'a-file')
    writeFileSync(aFile, '')
    const log = openLogFile(join(aFile, 'logs'))
    expect(() => {
      log.write('error', 'nowhere to go')
    }).not.toThrow()
  })
})
