import { describe, expect, it } from 'vitest'
import { planCleanup } from '../../electron/core/cleanup/plan'
import { isAnonymousVolume } from '../../electron/core/cleanup/snapshot'
import { DAY, NOW, container, options, snapshotOf, volume, type World } from './cleanup-snapshot'

const ANON = 'a'.repeat(40) + '0123456789abcdef01234567'

/** One image; `web` runs with `live`, `old` is stopped with `kept-data`, `gone` is stopped with `leftover` and an anonymous volume. */
function world(): World {
  const web = container('web', 'img', 'running', { volumes: ['live'] })
  const old = container('old', 'img', 'exited', { volumes: ['kept-data'] })
  const gone = container('gone', 'img', 'exited', { volumes: ['leftover', ANON], labels: { tier: 'batch' } })
  return {
    sizes: { l1: 100 },
    images: { img: { tags: ['img:1'], chains: ['l1'] } },
    containers: [web, old, gone],
    volumes: [
      volume('live', 500, [web]),
      volume('kept-data', 700, [old]),
      volume('leftover', 300, [gone]),
      volume(ANON, 20, [gone]),
      volume('orphan', 4096, [], { labels: { team: 'a' }, created: NOW - 10 * DAY }),
      volume('b'.repeat(64), 60, [], { created: NOW - 2 * DAY }),
    ],
  }
}

describe('planCleanup: volumes', () => {
  it('never plans a volume unless asked, whatever else is chosen', () => {
    const plan = planCleanup(snapshotOf(world()), options({ unused: true, containers: true, dangling: true, buildCache: true }))
    expect(plan.items.filter((item) => item.kind === 'volume')).toEqual([])
    expect(plan.freed.volumes).toBe(0)
    expect(plan.protected.filter((kept) => kept.kind === 'volume')).toEqual([])
  })

  it('plans the volumes no container of any state mounts, each freeing its size, and keeps the used ones saying why', () => {
    const plan = planCleanup(snapshotOf(world()), options({ volumes: true }))
    expect(plan.items.map((item) => [item.key, item.bytesFreed, item.reason, item.volume?.anonymous])).toEqual([
      ['volume:orphan', 4096, 'unused-volume', false],
      [`volume:${'b'.repeat(64)}`, 60, 'unused-volume', true],
    ])
    expect(plan.freed).toEqual({ layers: 0, containers: 0, buildCache: 0, volumes: 4156 })
    expect(plan.totalBytesFreed).toBe(4156)
    const kept = new Map(plan.protected.map((entry) => [entry.id, entry]))
    expect(kept.get('live')).toMatchObject({ kind: 'volume', reason: 'running-container', blockers: [{ kind: 'running-container', id: 'web', name: 'name-web' }] })
    expect(kept.get('kept-data')).toMatchObject({ reason: 'stopped-container', blockers: [{ kind: 'stopped-container', id: 'old' }] })
    // Images are not chosen by the volumes option alone.
    expect(plan.items.some((item) => item.kind === 'image')).toBe(false)
  })

  it('plans a volume mounted only by containers the same plan removes, after them', () => {
    const plan = planCleanup(snapshotOf(world()), options({ volumes: true, containers: true }))
    const keys = plan.items.map((item) => item.key)
    expect(keys).toEqual(['container:old', 'container:gone', 'volume:kept-data', 'volume:leftover', `volume:${ANON}`, 'volume:orphan', `volume:${'b'.repeat(64)}`])
    expect(plan.items.find((item) => item.key === 'volume:leftover')?.after).toEqual(['container:gone'])
    expect(plan.items.find((item) => item.key === `volume:${ANON}`)?.volume).toEqual({ anonymous: true, driver: 'local', sizeKnown: true })
    expect(plan.protected.map((kept) => kept.key)).toContain('volume:live')
  })

  it('keeps the volumes of a container the plan keeps: a confirmed subset without the container keeps its volume', () => {
    const allow = new Set(['volume:leftover', 'volume:orphan'])
    const plan = planCleanup(snapshotOf(world()), options({ volumes: true, containers: true }), allow)
    expect(plan.items.map((item) => item.key)).toEqual(['volume:orphan'])
    expect(plan.protected.find((kept) => kept.key === 'volume:leftover')?.reason).toBe('stopped-container')
  })

  it('narrows volumes by creation time and labels as docker volume prune does; pins do not protect them', () => {
    const snapshot = snapshotOf({ ...world(), pinned: ['orphan'] })
    const older = planCleanup(snapshot, options({ volumes: true, until: new Date(NOW - 5 * DAY).toISOString() }))
    expect(older.items.map((item) => item.id)).toEqual(['orphan'])
    const labelled = planCleanup(snapshot, options({ volumes: true, labels: ['team=a'] }))
    expect(labelled.items.map((item) => item.id)).toEqual(['orphan'])
    const notLabelled = planCleanup(snapshot, options({ volumes: true, labelsNot: ['team'] }))
    expect(notLabelled.items.map((item) => item.id)).toEqual(['b'.repeat(64)])
  })

  it('keeps a volume labelled strata.keep, one the engine counts users of that no listed container explains, and counts an unknown size as 0', () => {
    const plan = planCleanup(
      snapshotOf({
        sizes: {},
        images: {},
        volumes: [volume('precious', 10, [], { labels: { 'strata.keep': '' } }), volume('elsewhere', 10, [], { refCount: 1 }), volume('remote', -1, [], { driver: 'nfs' })],
      }),
      options({ volumes: true }),
    )
    expect(plan.items.map((item) => [item.id, item.bytesFreed, item.volume?.sizeKnown])).toEqual([['remote', 0, false]])
    expect(plan.protected.map((kept) => [kept.id, kept.reason])).toEqual([
      ['precious', 'keep-label'],
      ['elsewhere', 'stopped-container'],
    ])
  })

  it('draws every volume in the disk map, with the planned ones flagged and the totals before and after', () => {
    const plan = planCleanup(snapshotOf(world()), options({ volumes: true }))
    const tiles = new Map(plan.diskMap.volumes.map((tile) => [tile.name, tile]))
    expect(tiles.size).toBe(6)
    expect(tiles.get('orphan')).toEqual({ name: 'orphan', anonymous: false, bytes: 4096, inUse: false, planned: true })
    expect(tiles.get('live')).toMatchObject({ inUse: true, planned: false })
    expect(plan.diskMap.before.volumes).toBe(500 + 700 + 300 + 20 + 4096 + 60)
    expect(plan.diskMap.after.volumes).toBe(500 + 700 + 300 + 20)
    expect(plan.diskMap.before.total - plan.diskMap.after.total).toBe(plan.totalBytesFreed)
  })
})

describe('isAnonymousVolume', () => {
  it('knows Docker 20.10 anonymous volumes by their 64-hex name and Docker 23+ ones by their label', () => {
    expect(isAnonymousVolume('f'.repeat(64), {})).toBe(true)
    expect(isAnonymousVolume('my-data', { 'com.docker.volume.anonymous': '' })).toBe(true)
    expect(isAnonymousVolume('F'.repeat(64), {})).toBe(false)
    expect(isAnonymousVolume('f'.repeat(63), {})).toBe(false)
    expect(isAnonymousVolume('my-data', {})).toBe(false)
  })
})
