import { describe, expect, it } from 'vitest'
import { planCleanup } from '../../electron/core/cleanup/plan'
import type { CleanupPlan, ContainerLogSize } from '../../shared/types'
import { DAY, NOW, container, options, snapshotOf, type World } from './cleanup-snapshot'

/** base <- kept (a stopped container uses it), base <- a <- c: a and c are unused and share layers with base and kept. */
const SHARED: World = {
  sizes: { b0: 1000, b1: 200, k1: 30, a1: 50, c1: 70 },
  images: {
    base: { tags: ['base:1'], chains: ['b0', 'b1'], age: 4 },
    kept: { tags: ['kept:1'], parent: 'base', chains: ['b0', 'b1', 'k1'], age: 3 },
    a: { tags: ['a:1'], parent: 'base', chains: ['b0', 'b1', 'a1'], age: 2 },
    c: { tags: ['c:1'], parent: 'a', chains: ['b0', 'b1', 'a1', 'c1'], age: 1 },
  },
  containers: [container('k', 'kept', 'exited')],
}

function keys(plan: CleanupPlan): string[] {
  return plan.items.map((item) => item.key)
}

/** What the plan says explains imagesSize - freed.layers, recomputed from its shared layers. */
function explained(plan: CleanupPlan): number {
  return plan.sharedLayers.reduce((sum, layer) => sum + layer.bytes * (layer.plannedImages.length - (layer.keptBy.length === 0 ? 1 : 0)), 0)
}

describe('planCleanup: bytes over chain IDs', () => {
  it('frees only the layers no remaining image holds, children before parents', () => {
    const plan = planCleanup(snapshotOf(SHARED), options({ unused: true }))
    expect(keys(plan)).toEqual(['image:c', 'image:a'])
    expect(plan.items.map((item) => item.bytesFreed)).toEqual([70, 50])
    expect(plan.freed).toEqual({ layers: 120, containers: 0, buildCache: 0, volumes: 0 })
    expect(plan.totalBytesFreed).toBe(120)
    // The naive figure: the sizes added up.
    expect(plan.imagesSize).toBe(1320 + 1250)
  })

  it('names the shared layers that explain the difference, and they account for it exactly', () => {
    const plan = planCleanup(snapshotOf(SHARED), options({ unused: true }))
    const byChain = new Map(plan.sharedLayers.map((layer) => [layer.chainId, layer]))
    expect([...byChain.keys()].sort()).toEqual(['a1', 'b0', 'b1'])
    expect(byChain.get('b0')?.keptBy.map((ref) => ref.repoTags[0]).sort()).toEqual(['base:1', 'kept:1'])
    expect(byChain.get('a1')?.keptBy).toEqual([])
    expect(byChain.get('a1')?.plannedImages.map((ref) => ref.id)).toEqual(['c', 'a'])
    expect(explained(plan)).toBe(plan.imagesSize - plan.freed.layers)
  })

  it('says why the other candidates stay, with the blockers model naming what holds them', () => {
    const plan = planCleanup(snapshotOf(SHARED), options({ unused: true }))
    const kept = new Map(plan.protected.map((entry) => [entry.id, entry]))
    expect(kept.get('kept')).toMatchObject({ reason: 'stopped-container', blockers: [{ kind: 'stopped-container', name: 'name-k', state: 'exited' }] })
    expect(kept.get('base')).toMatchObject({ reason: 'child-image', blockers: [{ kind: 'child-image', id: 'kept', name: 'kept:1' }] })
  })

  it('names a kept parent\'s listed child through the hidden intermediates, as the delete dialog does', () => {
    const plan = planCleanup(
      snapshotOf({
        sizes: { b0: 100, i1: 1, w1: 10 },
        images: {
          base: { tags: ['base:1'], chains: ['b0'], age: 3 },
          step: { parent: 'base', chains: ['b0', 'i1'], listed: false, age: 2 },
          web: { tags: ['web:1'], parent: 'step', chains: ['b0', 'i1', 'w1'], age: 1 },
        },
        containers: [container('w', 'web', 'running')],
      }),
      options({ unused: true }),
    )
    const base = plan.protected.find((entry) => entry.id === 'base')
    expect(base).toMatchObject({ reason: 'child-image', blockers: [{ kind: 'child-image', id: 'web', name: 'web:1', via: ['step'] }] })
  })

  it('frees nothing for a dangling image whose every layer a tagged image holds', () => {
    const plan = planCleanup(
      snapshotOf({
        sizes: { b0: 1000, b1: 200, t1: 30, d2: 40 },
        images: {
          base: { tags: ['base:1'], chains: ['b0', 'b1'] },
          d1: { parent: 'base', chains: ['b0', 'b1'] },
          t: { tags: ['t:1'], parent: 'base', chains: ['b0', 'b1', 't1'] },
          d2: { parent: 't', chains: ['b0', 'b1', 't1', 'd2'] },
        },
      }),
      options({ dangling: true }),
    )
    expect(plan.items.map((item) => [item.id, item.reason, item.bytesFreed])).toEqual([
      ['d1', 'dangling', 0],
      ['d2', 'dangling', 40],
    ])
    expect(plan.imagesSize).toBe(1200 + 1270)
    expect(plan.totalBytesFreed).toBe(40)
    expect(explained(plan)).toBe(plan.imagesSize - plan.freed.layers)
  })
})

/** A <- (hidden LABEL step) <- B <- C, a stopped container on C and one on A. */
const CHAIN: World = {
  sizes: { b0: 1000, a1: 40, b1: 20, c1: 10 },
  images: {
    base: { tags: ['base:1'], chains: ['b0'], age: 9 },
    A: { tags: ['chain-a:1'], parent: 'base', chains: ['b0', 'a1'], labels: { scenario: 'chain' }, age: 3 },
    hA: { parent: 'A', chains: [], labels: { scenario: 'chain' }, listed: false, age: 2 },
    B: { tags: ['chain-b:1'], parent: 'hA', chains: ['b0', 'a1', 'b1'], labels: { scenario: 'chain' }, age: 2 },
    C: { tags: ['chain-c:1'], parent: 'B', chains: ['b0', 'a1', 'b1', 'c1'], labels: { scenario: 'chain' }, age: 1 },
  },
  containers: [container('x', 'C', 'exited', { sizeRw: 5, labels: { scenario: 'chain' } }), container('y', 'A', 'created', { labels: { scenario: 'chain' } })],
}

describe('planCleanup: cascades', () => {
  it('keeps a chain held by stopped containers when containers are not asked for', () => {
    const plan = planCleanup(snapshotOf(CHAIN), options({ unused: true, labels: ['scenario=chain'] }))
    expect(plan.items).toEqual([])
    expect(plan.protected.map((entry) => [entry.id, entry.reason])).toEqual([
      ['C', 'stopped-container'],
      ['B', 'child-image'],
      ['A', 'stopped-container'],
    ])
  })

  it('removing the stopped containers makes three images unused, deleted child first, hidden parents along', () => {
    const plan = planCleanup(snapshotOf(CHAIN), options({ unused: true, containers: true, labels: ['scenario=chain'] }))
    expect(keys(plan)).toEqual(['container:x', 'container:y', 'image:C', 'image:B', 'image:A'])
    expect(plan.items.map((item) => item.bytesFreed)).toEqual([5, 0, 10, 20, 40])
    expect(plan.items.find((item) => item.id === 'C')?.after).toEqual(['container:x'])
    // B's child is C; A's only child is the hidden LABEL step, deleted along with B.
    expect(plan.items.find((item) => item.id === 'B')?.after).toEqual(['image:C'])
    expect(plan.items.find((item) => item.id === 'A')?.after).toEqual(['container:y', 'image:B'])
    expect(plan.freed).toEqual({ layers: 70, containers: 5, buildCache: 0, volumes: 0 })
    expect(plan.totalBytesFreed).toBe(plan.items.reduce((sum, item) => sum + item.bytesFreed, 0))
  })

  it('removes only containers when no image kind is asked for', () => {
    const plan = planCleanup(snapshotOf(CHAIN), options({ containers: true, labels: ['scenario=chain'] }))
    expect(keys(plan)).toEqual(['container:x', 'container:y'])
    expect(plan.freed.layers).toBe(0)
  })

  it('plans only the confirmed items when given them, and a parent of an unconfirmed child stays', () => {
    const plan = planCleanup(snapshotOf(SHARED), options({ unused: true }), new Set(['image:a']))
    expect(plan.items).toEqual([])
    expect(plan.protected.find((entry) => entry.id === 'a')?.reason).toBe('child-image')
    const childOnly = planCleanup(snapshotOf(SHARED), options({ unused: true }), new Set(['image:c']))
    expect(keys(childOnly)).toEqual(['image:c'])
    // a stays, so it keeps a1: only c's own layer goes.
    expect(childOnly.totalBytesFreed).toBe(70)
  })
})

describe('planCleanup: protection', () => {
  const world: World = {
    sizes: { b0: 1000, p1: 11, p2: 12, q1: 13, z1: 14 },
    images: {
      base: { tags: ['base:1'], chains: ['b0'], age: 9 },
      p1: { tags: ['p1:1'], parent: 'base', chains: ['b0', 'p1'], labels: { 'strata.keep': '' }, age: 5 },
      p2: { tags: ['p2:1'], parent: 'base', chains: ['b0', 'p2'], age: 5 },
      q: { tags: ['q:1'], parent: 'p1', chains: ['b0', 'p1', 'q1'], age: 1 },
      h: { parent: 'base', chains: [], listed: false, age: 4 },
      z: { parent: 'h', chains: ['b0', 'z1'], age: 3 },
      multi: { tags: ['m:1', 'm:2'], parent: 'base', chains: ['b0'], age: 2 },
    },
    containers: [container('onP1', 'p1', 'exited', { labels: { 'strata.keep': '' } }), container('onQ', 'q', 'exited'), container('tagged', 'multi', 'exited', { labels: { 'strata.keep': 'yes' } })],
    pinned: ['p2', 'h'],
  }

  it('never plans a labelled, pinned or protected-parent image, nor the containers of protected images', () => {
    const plan = planCleanup(snapshotOf(world), options({ unused: true, containers: true }))
    const kept = new Map(plan.protected.map((entry) => [entry.key, entry.reason]))
    expect(kept.get('image:p1')).toBe('keep-label')
    expect(kept.get('image:p2')).toBe('pinned')
    // Deleting z would make the engine delete its pinned hidden parent h too.
    expect(kept.get('image:z')).toBe('protected-parent')
    expect(kept.get('container:onP1')).toBe('keep-label')
    expect(kept.get('container:tagged')).toBe('keep-label')
    expect(keys(plan)).toEqual(['container:onQ', 'image:q'])
    // q's own layer only: p1 stays and holds p1's layer.
    expect(plan.totalBytesFreed).toBe(13)
  })

  it('keeps the containers of a pinned image, and an image with several tags is not held by them', () => {
    const pinnedQ = planCleanup(snapshotOf({ ...world, pinned: ['q'] }), options({ unused: true, containers: true }))
    expect(pinnedQ.protected.find((entry) => entry.key === 'container:onQ')?.reason).toBe('protected-image')
    const noKeepLabel = planCleanup(snapshotOf({ ...world, containers: [] }), options({ unused: true }))
    expect(keys(noKeepLabel)).toContain('image:multi')
  })

  it('never plans an image a running, paused or restarting container uses, nor its parents', () => {
    for (const state of ['running', 'paused', 'restarting'] as const) {
      const plan = planCleanup(snapshotOf({ ...SHARED, containers: [container('run', 'c', state)] }), options({ unused: true, containers: true }))
      expect(keys(plan).filter((key) => key.startsWith('image:'))).toEqual(['image:kept'])
      const kept = new Map(plan.protected.map((entry) => [entry.key, entry]))
      expect(kept.get('container:run')?.reason).toBe('running')
      expect(kept.get('image:c')).toMatchObject({ reason: 'running-container', blockers: [{ kind: 'running-container', id: 'run', name: 'name-run', state }] })
      expect(kept.get('image:a')?.reason).toBe('child-image')
    }
  })
})

describe('planCleanup: candidate filters', () => {
  const world: World = {
    sizes: { b0: 1000, o1: 1, n1: 2, ta: 3, tb: 4, d1: 5 },
    images: {
      base: { tags: ['base:1'], chains: ['b0'], labels: { strata: 'base' }, age: 100 },
      old: { tags: ['old:1'], chains: ['b0', 'o1'], age: 40 },
      fresh: { tags: ['new:1'], chains: ['b0', 'n1'], age: 2 },
      teamA: { tags: ['a:1'], chains: ['b0', 'ta'], labels: { team: 'a' }, age: 2 },
      teamB: { tags: ['b:1'], chains: ['b0', 'tb'], labels: { team: 'b' }, age: 2 },
      dangling: { chains: ['b0', 'd1'], age: 50 },
    },
  }
  const planned = (input: Record<string, unknown>): string[] => planCleanup(snapshotOf(world), options(input)).items.map((item) => item.id).sort()

  it('narrows by age and labels, and reads filters alone as unused images', () => {
    const until = new Date(NOW - 30 * DAY).toISOString()
    expect(planned({ unused: true, until })).toEqual(['base', 'dangling', 'old'])
    expect(planned({ until })).toEqual(['base', 'dangling', 'old'])
    expect(planned({ labels: ['team=a'] })).toEqual(['teamA'])
    expect(planned({ labels: ['team'] })).toEqual(['teamA', 'teamB'])
    expect(planned({ unused: true, labelsNot: ['team=b', 'strata'] })).toEqual(['dangling', 'fresh', 'old', 'teamA'])
    expect(planned({ dangling: true })).toEqual(['dangling'])
    expect(planned({ dangling: true, unused: true, labels: ['team=b'] })).toEqual(['teamB'])
    // A container kind with a label filter narrows containers; it does not select images.
    expect(planned({ containers: true, labels: ['team=a'] })).toEqual([])
  })
})

describe('planCleanup: disk map', () => {
  it('splits layers into images by unique bytes and one shared pool, adding up to the layers on disk', () => {
    const snapshot = snapshotOf(SHARED)
    const plan = planCleanup(snapshot, options({ unused: true }))
    const map = plan.diskMap
    expect(Object.fromEntries(map.images.map((tile) => [tile.id, [tile.uniqueBytes, tile.sharedBytes, tile.planned]]))).toEqual({
      base: [0, 1200, false],
      kept: [30, 1200, false],
      a: [0, 1250, true],
      c: [70, 1250, true],
    })
    expect(map.sharedPool.bytes).toBe(1250)
    expect(map.sharedPool.freedBytes).toBe(50)
    expect(map.before.layers).toBe(snapshot.layersSize)
    expect(map.after).toEqual({ layers: snapshot.layersSize - 120, containers: 0, buildCache: 0, volumes: 0, logs: 0, total: snapshot.layersSize - 120 })
    expect(map.containers).toEqual([{ id: 'k', names: ['name-k'], imageId: 'kept', state: 'exited', writableBytes: 0, planned: false }])
  })

  it('counts measured container logs before and after but never in what the plan frees, and the unmeasured ones by reason', () => {
    const log = (id: string, bytes: number | null, reason: ContainerLogSize['reason'] = null, driver = 'json-file'): ContainerLogSize => ({
      id, driver, options: {}, maxSize: null, maxFile: null, compress: false, unbounded: driver === 'json-file', bytes, files: bytes === null ? 0 : 1, reason,
    })
    const snapshot = {
      ...snapshotOf({ ...SHARED, containers: [container('k', 'kept'), container('gone', 'a', 'exited', { sizeRw: 40 })] }),
      logs: [log('k', 300), log('gone', 700), log('j', null, 'driver-not-file', 'journald'), log('n', null, 'driver-not-file', 'none'), log('r', null, 'no-permission')],
    }
    const plan = planCleanup(snapshot, options({ containers: true, unused: true }))
    const map = plan.diskMap
    expect(map.containers.find((tile) => tile.id === 'gone')?.planned).toBe(true)
    expect(map.logs).toEqual([
      { id: 'k', names: ['name-k'], driver: 'json-file', bytes: 300, unbounded: true },
      { id: 'gone', names: ['name-gone'], driver: 'json-file', bytes: 700, unbounded: true },
    ])
    expect(map.logsUnmeasured).toEqual({ 'driver-not-file': 2, 'no-permission': 1 })
    expect(map.before.logs).toBe(1000)
    expect(map.after.logs).toBe(1000)
    expect(map.before.total - map.after.total).toBe(plan.totalBytesFreed)
    expect(map.before.total).toBe(map.before.layers + map.before.containers + map.before.buildCache + 1000)
  })

  it('has no log tiles when the logs were not read', () => {
    const map = planCleanup(snapshotOf(SHARED), options({ unused: true })).diskMap
    expect([map.logs, map.logsUnmeasured, map.before.logs]).toEqual([[], {}, 0])
  })
})
