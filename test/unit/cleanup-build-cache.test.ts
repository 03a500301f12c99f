import { describe, expect, it } from 'vitest'
import { planBuildCache } from '../../electron/core/cleanup/build-cache'
import { planCleanup } from '../../electron/core/cleanup/plan'
import { readSnapshot } from '../../electron/core/cleanup/read-snapshot'
import type { EngineConnection } from '../../electron/core/engine/connection'
import { ImageDataCache } from '../../electron/core/images/image-data'
import { cacheEntry, options, snapshotOf } from './cleanup-snapshot'

/**
 * The private test daemon builds with the classic builder, which leaves
 * /system/df's BuildCache empty; the planning rules are checked here on crafted
 * entries shaped as BuildKit reports them.
 */
const ENTRIES = [
  cacheEntry('leaf', 100, { parents: ['mid'] }),
  cacheEntry('mid', 200, { parents: ['root'] }),
  cacheEntry('root', 300),
  cacheEntry('busy', 10, { inUse: true }),
  cacheEntry('exported', 20, { shared: true, parents: ['underExported'] }),
  cacheEntry('underExported', 30),
  cacheEntry('old', 50, { lastUsedAt: '2024-01-01T00:00:00Z', type: 'source.local' }),
]

describe('planBuildCache', () => {
  it('prunes entries neither in use nor shared, each before the entries it was made on', () => {
    const plan = planBuildCache(ENTRIES, options({ buildCache: true }), null)
    const order = plan.entries.map((entry) => entry.id)
    expect(new Set(order)).toEqual(new Set(['leaf', 'mid', 'root', 'old']))
    expect(order.indexOf('leaf')).toBeLessThan(order.indexOf('mid'))
    expect(order.indexOf('mid')).toBeLessThan(order.indexOf('root'))
    expect(plan.after.get('build-cache:mid')).toEqual(['build-cache:leaf'])
  })

  it('keeps what is in use or shared, and what an entry that stays is made on', () => {
    const plan = planBuildCache(ENTRIES, options({ buildCache: true }), null)
    expect(Object.fromEntries(plan.kept.map((entry) => [entry.id, entry.reason]))).toEqual({
      busy: 'in-use',
      exported: 'shared',
      // The engine would refuse it while the shared entry made on it stays.
      underExported: 'child-entry',
    })
  })

  it('filters by last use, and a label filter that asks for a label matches no entry', () => {
    expect(planBuildCache(ENTRIES, options({ buildCache: true, until: '2025-01-01' }), null).entries.map((entry) => entry.id)).toEqual(['old'])
    expect(planBuildCache(ENTRIES, options({ buildCache: true, labels: ['team=a'] }), null).entries).toEqual([])
    expect(planBuildCache(ENTRIES, options({ buildCache: true, labelsNot: ['team=a'] }), null).entries).toHaveLength(4)
  })

  it('plans nothing unless asked, and nothing from an empty list', () => {
    expect(planBuildCache(ENTRIES, options({ unused: true }), null).entries).toEqual([])
    expect(planBuildCache([], options({ buildCache: true }), null)).toEqual({ entries: [], after: new Map(), kept: [] })
  })

  it('limits itself to confirmed entries, keeping a parent whose child was not confirmed', () => {
    const plan = planBuildCache(ENTRIES, options({ buildCache: true }), new Set(['build-cache:mid', 'build-cache:root']))
    expect(plan.entries).toEqual([])
    expect(plan.kept.filter((entry) => entry.reason === 'child-entry').map((entry) => entry.id).sort()).toEqual(['mid', 'root'])
  })

  it('adds the cache to the plan total and flags planned entries in the disk map', () => {
    const plan = planCleanup(snapshotOf({ sizes: {}, images: {}, buildCache: ENTRIES }), options({ buildCache: true }))
    expect(plan.freed).toEqual({ layers: 0, containers: 0, buildCache: 650, volumes: 0 })
    expect(plan.totalBytesFreed).toBe(650)
    expect(plan.items.every((item) => item.kind === 'build-cache' && item.reason === 'build-cache')).toBe(true)
    expect(plan.diskMap.buildCache.filter((entry) => entry.planned).map((entry) => entry.id).sort()).toEqual(['leaf', 'mid', 'old', 'root'])
    expect(plan.diskMap.before.buildCache).toBe(710)
    expect(plan.diskMap.after.buildCache).toBe(60)
  })
})

function fakeConnection(df: unknown): EngineConnection {
  const docker = { df: () => Promise.resolve(df), listImages: () => Promise.resolve([]) }
  // readSnapshot reads only these; /system/df calls are queued per endpoint URL.
  return { docker, endpoint: { url: 'unix:///fake/docker.sock' } } as unknown as EngineConnection
}

describe('readSnapshot on /system/df answers', () => {
  it('takes a missing or null BuildCache as no entries', async () => {
    for (const df of [{ LayersSize: 0, Images: [], Containers: [], BuildCache: null }, { LayersSize: 0 }]) {
      const snapshot = await readSnapshot(fakeConnection(df), new ImageDataCache(), [])
      expect(snapshot.buildCache).toEqual([])
      expect(planCleanup(snapshot, options({ buildCache: true })).items).toEqual([])
    }
  })

  it('reads the parent of API 1.41 (Parent) and of 1.42+ (Parents), and a never-used entry', async () => {
    const df = {
      LayersSize: 0,
      BuildCache: [
        { ID: 'p', Parent: '', Type: 'regular', Description: 'from local', InUse: false, Shared: false, Size: 5, CreatedAt: '2025-01-01T00:00:00Z', LastUsedAt: null },
        { ID: 'c1', Parent: 'p', Type: 'regular', Description: 'fileop target', InUse: false, Shared: false, Size: 6, CreatedAt: '2025-01-02T00:00:00Z', LastUsedAt: '2025-01-03T00:00:00Z' },
        { ID: 'c2', Parents: ['p'], Type: 'exec.cachemount', Description: 'cache mount', InUse: false, Shared: false, Size: 7, CreatedAt: '2025-01-02T00:00:00Z' },
      ],
    }
    const snapshot = await readSnapshot(fakeConnection(df), new ImageDataCache(), [])
    expect(snapshot.buildCache.map((entry) => [entry.id, entry.parents, entry.lastUsedAt])).toEqual([
      ['p', [], null],
      ['c1', ['p'], '2025-01-03T00:00:00Z'],
      ['c2', ['p'], null],
    ])
    const plan = planCleanup(snapshot, options({ buildCache: true, until: '2025-01-02T12:00:00Z' }))
    // p was never used: its creation counts. c1 was used after the date; c2 (created before) goes, then p would strand c1.
    expect(plan.items.map((item) => item.id)).toEqual(['c2'])
    expect(plan.protected.map((entry) => [entry.id, entry.reason])).toEqual([['p', 'child-entry']])
  })
})
