import { describe, expect, it } from 'vitest'
import { DAEMON_JSON_REMEDY, RUN_REMEDY, optionWords, rotationText } from '../../renderer/lib/log-remedy'
import { sortContainers } from '../../renderer/lib/container-sort'
import { translator } from '../../renderer/i18n/translator'
import type { ContainerLogSize, ContainerSummary } from '../../shared/types'

const en = translator('en')
const zh = translator('zh-CN')
const number = (value: number): string => String(value)

function log(extra: Partial<ContainerLogSize>): ContainerLogSize {
  return { id: 'x', driver: 'json-file', options: {}, maxSize: null, maxFile: null, compress: false, unbounded: false, bytes: 0, files: 0, reason: null, ...extra }
}

describe('the log remedy', () => {
  it('is the daemon.json log-opts and the docker run options, as typed in every language', () => {
    expect(JSON.parse(DAEMON_JSON_REMEDY)).toEqual({ 'log-opts': { 'max-size': '10m', 'max-file': '3' } })
    expect(RUN_REMEDY).toContain('docker run --log-opt max-size=10m --log-opt max-file=3')
  })
})

describe('rotationText', () => {
  it('words rotation on, off, capped and not applicable, in English and Chinese', () => {
    expect(rotationText(log({ unbounded: true }), en, number)).toBe('off')
    expect(rotationText(log({ maxSize: '10m', maxFile: 3 }), en, number)).toBe('at 10m, keeps 3 files')
    expect(rotationText(log({ maxSize: '10m', maxFile: 1 }), en, number)).toBe('at 10m, keeps 1 file')
    expect(rotationText(log({ driver: 'local', maxSize: '20m', maxFile: 5, compress: true }), en, number)).toBe('at 20m, keeps 5 files, compressed')
    expect(rotationText(log({ driver: 'k8s-file', maxSize: '1m' }), en, number)).toBe('capped at 1m')
    expect(rotationText(log({ driver: 'journald' }), en, number)).toBe('not applicable')
    expect(rotationText(log({ maxSize: '10m', maxFile: 3 }), zh, number)).toBe('达到 10m 时轮转，保留 3 个文件')
    expect(rotationText(log({ unbounded: true }), zh, number)).toBe('未开启')
  })

  it('lists the options sorted as key=value', () => {
    expect(optionWords({ 'max-size': '10m', compress: 'true', 'max-file': '3' })).toEqual(['compress=true', 'max-file=3', 'max-size=10m'])
  })
})

describe('sorting by log size', () => {
  it('puts the largest log first descending, unknown sizes last', () => {
    const container = (id: string): ContainerSummary => ({ id, names: [id], image: 'i', imageId: 'i', command: '', created: '2025-01-01T00:00:00Z', state: 'running', status: '' })
    const bytes: Record<string, number | null> = { a: 10, b: null, c: 5000, d: 0 }
    const sorted = sortContainers(['a', 'b', 'c', 'd'].map(container), { key: 'log', descending: true }, (id) => bytes[id] ?? null)
    expect(sorted.map((one) => one.id)).toEqual(['c', 'a', 'd', 'b'])
  })
})
