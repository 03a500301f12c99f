import { describe, expect, it } from 'vitest'
import { planCleanup } from '../../electron/core/cleanup/plan'
import { runCli } from '../../electron/host/cli'
import { cleanupOptionsOf } from '../../electron/host/cli-cleanup'
import { planJson, planText } from '../../electron/host/cli-cleanup-output'
import { memoryIo } from '../support/cli-io'
import { container, options, snapshotOf } from './cleanup-snapshot'

// Every case fails before connecting; an unreachable host proves nothing is asked of an engine.
const NO_ENGINE = ['--host', 'unix:///nonexistent/strata-cleanup.sock']
const NOW = new Date('2025-06-01T00:00:00Z')

describe('strata cleanup retention flags', () => {
  it('reads --keep-last, --keep-tag and --drop-tag/--older-than pairs, in order, into the rules', () => {
    const read = cleanupOptionsOf([], { 'keep-last': '3', 'keep-tag': ['stable', 'release-*'], 'drop-tag': ['ci-*', 'pr-?'], 'older-than': ['7d', '12h'] }, NOW)
    expect(read.retention).toEqual({
      keepLast: 3,
      keepTags: ['stable', 'release-*'],
      dropTags: [
        { pattern: 'ci-*', olderThan: '7d' },
        { pattern: 'pr-?', olderThan: '12h' },
      ],
    })
    expect(read).toMatchObject({ dangling: false, unused: false, pinned: [] })
    expect(cleanupOptionsOf([], { 'keep-last': '0', unused: true }, NOW).retention).toEqual({ keepLast: 0 })
    expect(cleanupOptionsOf([], { unused: true }, NOW).retention).toBeUndefined()
  })

  it('exits 2 before connecting for a bad count, a pattern, an age, unpaired flags or keep-tag alone', async () => {
    for (const [args, message] of [
      [['--keep-last', 'three'], 'strata: --keep-last takes a whole number of tags to keep per repository, such as 3, not "three"'],
      [['--keep-last=-1'], 'strata: --keep-last takes a whole number of tags to keep per repository, such as 3, not "-1"'],
      [['--keep-last', '20000'], 'strata: --keep-last is not valid: '],
      [['--keep-last', '2', '--keep-tag', 'a/b'], 'strata: --keep-tag a/b is not valid: a tag pattern uses letters, digits, _ . - and the wildcards * and ?'],
      [['--drop-tag', 'ci-*', '--older-than', '7 days'], 'strata: --older-than 7 days is not valid: an age is a whole number and a unit: 30m, 12h, 7d or 2w'],
      [['--drop-tag', 'ci:*', '--older-than', '7d'], 'strata: --drop-tag ci:* is not valid: a tag pattern uses'],
      [['--drop-tag', 'ci-*'], 'strata: each --drop-tag needs its --older-than (they pair in order: the first --drop-tag with the first --older-than); got 1 --drop-tag and 0 --older-than'],
      [['--drop-tag', 'a', '--drop-tag', 'b', '--older-than', '1d'], 'got 2 --drop-tag and 1 --older-than'],
      [['--older-than', '1d', '--unused'], 'got 0 --drop-tag and 1 --older-than'],
      [['--keep-tag', 'stable'], 'strata: --keep-tag needs --keep-last or --drop-tag: on its own it removes nothing'],
    ] as const) {
      const run = memoryIo()
      expect(await runCli(['cleanup', ...args, '--dry-run', ...NO_ENGINE], run), args.join(' ')).toBe(2)
      expect(run.err.split('\n')[0]).toContain(message)
      expect(run.out).toBe('')
    }
  })

  it('says the retention flags are cleanup\'s when another command gets one', async () => {
    const run = memoryIo()
    expect(await runCli(['images', '--keep-last', '3', ...NO_ENGINE], run)).toBe(2)
    expect(run.err.split('\n')[0]).toBe('strata: --keep-last is an option of cleanup only')
  })

  it('tells in the help how --drop-tag and --older-than pair', async () => {
    const run = memoryIo()
    expect(await runCli(['--help'], run)).toBe(0)
    expect(run.out).toContain('[--keep-last N] [--keep-tag PATTERN]... [--drop-tag PATTERN --older-than AGE]...')
    expect(run.out).toContain('they pair in order, the first --drop-tag with the')
  })
})

describe('strata cleanup --dry-run with retention rules', () => {
  const snapshot = snapshotOf({
    sizes: { b0: 100, l1: 1, l2: 2, l3: 3, l4: 4 },
    images: {
      a1: { tags: ['app:1.9'], chains: ['b0', 'l1'], age: 1 },
      a2: { tags: ['app:1.10'], chains: ['b0', 'l2'], age: 9 },
      a3: { tags: ['app:1.8'], chains: ['b0', 'l3'], age: 20 },
      a4: { tags: ['app:1.7'], chains: ['b0', 'l4'], age: 30 },
    },
    containers: [container('user', 'a4', 'exited')],
  })
  const plan = planCleanup(snapshot, options({ retention: { keepLast: 2 } }))

  it('says per image which rule keeps it and which removes it', () => {
    const text = planText(plan)
    expect(text).toMatch(/^image {2}app:1\.8 .* removed by rule keep-last 2, not among the newest 2$/m)
    expect(text).toContain('  image app:1.10: kept by rule keep-last 2\n')
    expect(text).toContain('  image app:1.9: kept by rule keep-last 2\n')
    expect(text).toContain('  image app:1.7: a container that stays uses it (rule keep-last 2, not among the newest 2 would remove it) [container name-user (exited)]')
  })

  it('prints the rules behind items and keeps, and every verdict, with --json', () => {
    const printed = planJson(plan, true) as { items: { id: string; rule: unknown }[]; protected: { id: string; rule: unknown }[]; retention: { imageId: string; verdict: string }[] }
    expect(printed.items).toEqual([{ kind: 'image', id: 'a3', names: ['app:1.8'], bytesFreed: 3, reason: 'retention', rule: { kind: 'beyond-last', count: 2 } }])
    expect(printed.protected.find((kept) => kept.id === 'a2')?.rule).toEqual({ kind: 'keep-last', count: 2 })
    expect(printed.retention.map((verdict) => [verdict.imageId, verdict.verdict])).toEqual([
      ['a1', 'kept'],
      ['a2', 'kept'],
      ['a3', 'dropped'],
      ['a4', 'dropped'],
    ])
    // Without rules the printed shape stays as it was.
    expect(Object.keys(planJson(plan) as object).sort()).toEqual(['items', 'protected', 'totalBytesFreed'])
  })
})
