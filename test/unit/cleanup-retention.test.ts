import { describe, expect, it } from 'vitest'
import { planCleanup } from '../../electron/core/cleanup/plan'
import { REASON_TEXT } from '../../electron/core/cleanup/reasons'
import { container, options, snapshotOf, type World } from './cleanup-snapshot'

/**
 * The planner with retention rules: base <- app:1..app:5 (app:5 newest), a child image
 * built on app:2, a container on app:1, a dangling image, and an unrelated tool image.
 */
const WORLD: World = {
  sizes: { b0: 1000, l1: 11, l2: 12, l3: 13, l4: 14, l5: 15, k2: 20, d1: 5, t1: 7 },
  images: {
    base: { tags: ['base:1'], chains: ['b0'], age: 100 },
    app1: { tags: ['app:1'], parent: 'base', chains: ['b0', 'l1'], age: 50, labels: { team: 'a' } },
    app2: { tags: ['app:2'], parent: 'base', chains: ['b0', 'l2'], age: 40, labels: { team: 'a' } },
    app3: { tags: ['app:3'], parent: 'base', chains: ['b0', 'l3'], age: 30, labels: { team: 'b' } },
    app4: { tags: ['app:4'], parent: 'base', chains: ['b0', 'l4'], age: 20, labels: { team: 'a' } },
    app5: { tags: ['app:5'], parent: 'base', chains: ['b0', 'l5'], age: 10, labels: { team: 'a' } },
    kid: { tags: ['kid:1'], parent: 'app2', chains: ['b0', 'l2', 'k2'], age: 35 },
    dangling: { chains: ['b0', 'd1'], age: 60 },
    tool: { tags: ['tool:ci-7'], chains: ['b0', 't1'], age: 9 },
  },
  containers: [container('user', 'app1', 'exited')],
}

const plan = (input: Record<string, unknown>, world: World = WORLD): ReturnType<typeof planCleanup> => planCleanup(snapshotOf(world), options(input))

describe('planCleanup with retention rules', () => {
  it('plans what the rules drop, naming the rule, and keeps what they keep with theirs', () => {
    const result = plan({ retention: { keepLast: 2, overrides: [{ repository: 'base', keepLast: 1 }, { repository: 'kid', keepLast: 1 }, { repository: 'tool', keepLast: 1 }] } })
    expect(result.items.map((item) => [item.id, item.reason, item.rule])).toEqual([['app3', 'retention', { kind: 'beyond-last', count: 2 }]])
    const kept = Object.fromEntries(result.protected.map((entry) => [entry.id, [entry.reason, entry.rule]]))
    expect(kept).toEqual({
      // Dropped by the rules, but a container uses it, and an image stays on the other.
      app1: ['stopped-container', null],
      app2: ['child-image', null],
      app4: ['retention-keep', { kind: 'keep-last', count: 2 }],
      app5: ['retention-keep', { kind: 'keep-last', count: 2 }],
      base: ['retention-keep', { kind: 'keep-last', count: 1 }],
      kid: ['retention-keep', { kind: 'keep-last', count: 1 }],
      tool: ['retention-keep', { kind: 'keep-last', count: 1 }],
    })
    expect(result.items[0]?.bytesFreed).toBe(13)
    expect(result.retention.map((verdict) => verdict.imageId).sort()).toEqual(['app1', 'app2', 'app3', 'app4', 'app5', 'base', 'kid', 'tool'])
  })

  it('leaves images the rules say nothing of out of the plan, even unused ones', () => {
    const result = plan({ retention: { dropTags: [{ pattern: 'ci-*', olderThan: '7d' }] } })
    expect(result.items.map((item) => [item.id, item.rule])).toEqual([['tool', { kind: 'drop-tag', pattern: 'ci-*', olderThan: '7d' }]])
    expect(result.protected).toEqual([])
    expect(plan({ retention: { dropTags: [{ pattern: 'ci-*', olderThan: '10d' }] } }).items).toEqual([])
  })

  it('adds to the other kinds as a union, and a keep rule wins over unused', () => {
    const rules = { keepLast: 1, overrides: [{ repository: 'tool', keepTags: ['ci-*'] }] }
    const withDangling = plan({ dangling: true, retention: rules })
    expect(withDangling.items.map((item) => [item.id, item.reason]).sort()).toEqual([
      ['app3', 'retention'],
      ['app4', 'retention'],
      ['dangling', 'dangling'],
    ])
    const withUnused = plan({ unused: true, retention: rules })
    // tool is unused, but its ci-* tag is kept; base and kid are each their repository's newest.
    expect(withUnused.items.map((item) => item.id).sort()).toEqual(['app3', 'app4', 'dangling'])
    expect(withUnused.protected.find((entry) => entry.id === 'tool')).toMatchObject({ reason: 'retention-keep', rule: { kind: 'keep-tag', pattern: 'ci-*' } })
    expect(withUnused.items.find((item) => item.id === 'dangling')?.rule).toBeNull()
  })

  it('lets labels and the age narrow the images the rules drop, not the ranking', () => {
    const result = plan({ retention: { keepLast: 1 }, labels: ['team=a'] })
    // app:5 stays the newest though app:3 (team b) is out of the filter; app:1 and app:2 are held.
    expect(result.items.map((item) => item.id)).toEqual(['app4'])
    expect(result.protected.map((entry) => entry.id).sort()).toEqual(['app1', 'app2', 'app5'])
    const old = plan({ retention: { keepLast: 1 }, until: '2025-05-05T00:00:00Z' })
    expect(old.items.map((item) => item.id)).toEqual(['app3'])
  })

  it('never plans a pinned or strata.keep image the rules drop', () => {
    const world: World = { ...WORLD, images: { ...WORLD.images, app3: { ...WORLD.images.app3, chains: ['b0', 'l3'], labels: { 'strata.keep': '' } } }, pinned: ['app4'] }
    const result = plan({ retention: { keepLast: 1 } }, world)
    expect(result.items).toEqual([])
    expect(Object.fromEntries(result.protected.filter((entry) => entry.id.startsWith('app')).map((entry) => [entry.id, entry.reason]))).toEqual({
      app1: 'stopped-container',
      app2: 'child-image',
      app3: 'keep-label',
      app4: 'pinned',
      app5: 'retention-keep',
    })
  })

  it('plans a dropped parent after its dropped child, and the container on it first', () => {
    const result = plan({ containers: true, retention: { keepLast: 0, overrides: [{ repository: 'base', keepLast: 1 }, { repository: 'tool', keepLast: 1 }] } })
    const order = result.items.map((item) => item.key)
    expect(order[0]).toBe('container:user')
    expect(order.indexOf('image:kid')).toBeLessThan(order.indexOf('image:app2'))
    expect(result.items.find((item) => item.id === 'app2')?.after).toEqual(['image:kid'])
    expect(result.items.find((item) => item.id === 'app1')).toMatchObject({ reason: 'retention', rule: { kind: 'beyond-last', count: 0 }, after: ['container:user'] })
  })

  it('has no verdicts and no rule without rules', () => {
    const result = plan({ unused: true })
    expect(result.retention).toEqual([])
    expect(result.items.every((item) => item.rule === null)).toBe(true)
    expect(result.protected.every((entry) => entry.rule === null)).toBe(true)
    expect(REASON_TEXT.retention).toBe('a retention rule drops it')
  })
})
