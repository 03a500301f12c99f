import { describe, expect, it } from 'vitest'
import { runCli } from '../../electron/host/cli'
import { memoryIo } from '../support/cli-io'
import { logsCommandIndex, logsRequest, logsSince, logsTail } from '../../electron/host/cli-logs-usage'
import { durationSeconds } from '../../shared/log-since'

const NOW = Date.UTC(2026, 11, 4, 12, 0, 0)
const nowSeconds = NOW / 1000

describe('strata logs command line', () => {
  it('is found past the options every command takes, and only as the command word', () => {
    expect(logsCommandIndex(['logs', 'web'])).toBe(0)
    expect(logsCommandIndex(['--host', 'unix:///x', 'logs', '-f', 'web'])).toBe(2)
    expect(logsCommandIndex(['containers', 'logs'])).toBe(-1)
    expect(logsCommandIndex(['--host', 'logs', 'images'])).toBe(-1)
  })

  it('reads the container, follow and timestamps', () => {
    expect(logsRequest(['web'], { follow: true, timestamps: true }, NOW)).toEqual({ ok: true, request: { id: 'web', follow: true, timestamps: true } })
    expect(logsRequest(['web'], { follow: false, timestamps: false, tail: '20' }, NOW)).toEqual({ ok: true, request: { id: 'web', follow: false, timestamps: false, tail: 20 } })
    expect(logsRequest(['web'], { follow: false, timestamps: false, tail: 'all' }, NOW)).toEqual({ ok: true, request: { id: 'web', follow: false, timestamps: false } })
    expect(logsRequest([], { follow: false, timestamps: false }, NOW)).toEqual({ ok: false, message: 'logs takes one container' })
    expect(logsRequest(['a', 'b'], { follow: false, timestamps: false }, NOW)).toEqual({ ok: false, message: 'logs takes one container, not 2 arguments' })
  })

  it('takes --since as docker does: a duration back from now, Unix seconds, or an RFC 3339 time', () => {
    expect(logsSince('10m', NOW)).toEqual({ ok: true, since: String(nowSeconds - 600) })
    expect(logsSince('1h30m', NOW)).toEqual({ ok: true, since: String(nowSeconds - 5400) })
    expect(logsSince('1700000000', NOW)).toEqual({ ok: true, since: '1700000000' })
    expect(logsSince('1700000000.5', NOW)).toEqual({ ok: true, since: '1700000000.5' })
    expect(logsSince('2026-12-04T10:00:00Z', NOW)).toEqual({ ok: true, since: '2026-12-04T10:00:00Z' })
    expect(logsSince('yesterday', NOW)).toMatchObject({ ok: false, message: expect.stringContaining('not "yesterday"') as unknown })
    expect(durationSeconds('1.5h')).toBe(5400)
    expect(durationSeconds('250ms')).toBe(0.25)
    expect(durationSeconds('10')).toBeNull()
    expect(durationSeconds('m')).toBeNull()
  })

  it('takes --tail as a count of lines or "all"', () => {
    expect(logsTail('0')).toEqual({ ok: true, tail: 0 })
    expect(logsTail('all')).toEqual({ ok: true, tail: undefined })
    expect(logsTail('-5')).toMatchObject({ ok: false })
    expect(logsTail('1e3')).toMatchObject({ ok: false })
    expect(logsTail('99999999')).toMatchObject({ ok: false })
  })

  it('exits 2 with the usage text for every mistake, before any engine is asked', async () => {
    for (const argv of [['logs'], ['logs', 'a', 'b'], ['logs', '--json', 'web'], ['logs', '--since', 'soon', 'web'], ['logs', '--tail', 'many', 'web'], ['logs', '--size', 'web']]) {
      const io = memoryIo()
      expect(await runCli([...argv, '--host', 'unix:///nonexistent/strata.sock'], io)).toBe(2)
      expect(io.err).toMatch(/^strata: .+\nUsage: strata <command>/)
      expect(io.out).toBe('')
    }
    const io = memoryIo()
    expect(await runCli(['logs', '--tail', 'many', 'web'], io)).toBe(2)
    expect(io.err.split('\n')[0]).toBe('strata: --tail takes a number of lines (0 to 10000000) or "all", not "many"')
  })

  it('shows logs in the help text', async () => {
    const io = memoryIo()
    expect(await runCli(['--help'], io)).toBe(0)
    expect(io.out).toContain('logs [-f|--follow] [-t|--timestamps] [--since X] [--tail N|all] <container>')
  })
})
