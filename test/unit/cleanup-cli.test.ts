import { describe, expect, it } from 'vitest'
import { runCli } from '../../electron/host/cli'
import { memoryIo } from '../support/cli-io'
import { cleanupOptionsOf, parseUntil } from '../../electron/host/cli-cleanup'
import { planJson, planText } from '../../electron/host/cli-cleanup-output'
import { planCleanup } from '../../electron/core/cleanup/plan'
import { options, snapshotOf, volume } from './cleanup-snapshot'

// Every case fails before connecting; an unreachable host proves nothing is asked of an engine.
const NO_ENGINE = ['--host', 'unix:///nonexistent/strata-cleanup.sock']

describe('strata cleanup usage', () => {
  it('exits 2 without a candidate flag, naming the flags that exist', async () => {
    const run = memoryIo()
    expect(await runCli(['cleanup', '--dry-run', ...NO_ENGINE], run)).toBe(2)
    expect(run.err.split('\n')[0]).toBe('strata: cleanup needs at least one of --dangling, --unused, --until, --label, --label-not, --containers, --build-cache, --volumes, --keep-last, --drop-tag')
    expect(run.out).toBe('')
  })

  it('exits 2 for a bad date, an argument or an option of another command', async () => {
    for (const [args, message] of [
      [['cleanup', '--until', 'last tuesday'], 'strata: --until is not valid: a date such as 2024-05-01'],
      [['cleanup', '--unused', 'extra'], 'strata: cleanup takes no argument, not "extra"'],
      [['cleanup', '--unused', '--force'], 'strata: --force is not an option of cleanup'],
      [['cleanup', '--unused', '--keep', '../x'], "strata: --keep is not valid: '../x' is not an ID, name or image reference: it has a '..' part"],
      [['images', '--dangling'], 'strata: --dangling is an option of cleanup only'],
      [['containers', '--build-cache'], 'strata: --build-cache is not an option of containers'],
    ] as const) {
      const run = memoryIo()
      expect(await runCli([...args, ...NO_ENGINE], run)).toBe(2)
      expect(run.err.split('\n')[0]).toContain(message)
    }
  })

  it('reads the flags into the contract options', () => {
    const now = new Date('2025-06-01T00:00:00Z')
    const options = cleanupOptionsOf([], { unused: true, until: '7d', label: ['strata.test=cleanup'], 'label-not': ['team'], containers: true, keep: ['app:1', 'sha256:abcd'] }, now)
    expect(options).toEqual({
      dangling: false,
      unused: true,
      until: '2025-05-25T00:00:00.000Z',
      labels: ['strata.test=cleanup'],
      labelsNot: ['team'],
      containers: true,
      buildCache: false,
      volumes: false,
      pinned: ['app:1', 'sha256:abcd'],
    })
  })

  it('takes ages in seconds to weeks and leaves dates as they are', () => {
    const now = new Date('2025-06-01T00:00:00Z')
    expect(parseUntil('90m', now)).toBe('2025-05-31T22:30:00.000Z')
    expect(parseUntil('36h', now)).toBe('2025-05-30T12:00:00.000Z')
    expect(parseUntil('2w', now)).toBe('2025-05-18T00:00:00.000Z')
    expect(parseUntil('2024-05-01', now)).toBe('2024-05-01')
  })
})

describe('strata cleanup --volumes', () => {
  it('reads --volumes alone as a candidate set, choosing no image', () => {
    expect(cleanupOptionsOf([], { volumes: true }, new Date())).toMatchObject({ volumes: true, unused: false, dangling: false, containers: false })
  })

  it('marks named and anonymous volumes in the plan text and JSON, and an unknown size as unknown', () => {
    const anonymous = 'c'.repeat(64)
    const plan = planCleanup(
      snapshotOf({ sizes: {}, images: {}, volumes: [volume('db-data', 2_500_000), volume(anonymous, 1000), volume('remote', -1, [], { driver: 'nfs' })] }),
      options({ volumes: true }),
    )
    const lines = planText(plan).split('\n')
    expect(lines[0]).toBe('Cleanup plan: 3 items, frees 2.50 MB')
    expect(lines[2]).toMatch(/^volume \(named\)\s+db-data\s+-\s+2\.50 MB\s+volume no container mounts$/)
    expect(lines[3]).toMatch(/^volume \(anonymous\)\s+cccccccccccc\s+-\s+1\.00 kB\s+volume no container mounts$/)
    expect(lines[4]).toMatch(/^volume \(named\)\s+remote\s+-\s+unknown\s+/)
    expect(planJson(plan)).toMatchObject({ items: [{ kind: 'volume', id: 'db-data', anonymous: false, sizeKnown: true }, { id: anonymous, anonymous: true }, { id: 'remote', sizeKnown: false }] })
  })
})
