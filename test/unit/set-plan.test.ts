import { describe, expect, it } from 'vitest'
import { freedBytesOf, planSet } from '../../electron/core/images/set-plan'
import { container, snapshotOf, type World } from './cleanup-snapshot'

const MB = 1_000_000

/**
 * base (c1) is under app-a (c1 c2 c3) and app-b (c1 c2 c4): c2 is shared by both.
 * other (c1 c5) is outside every set below, and tool (c6 c7) shares c6 with keeper (c6 c8).
 */
const sizes = { c1: 10 * MB, c2: 20 * MB, c3: 3 * MB, c4: 4 * MB, c5: 5 * MB, c6: 60 * MB, c7: 7 * MB, c8: 8 * MB }
const world: World = {
  sizes,
  images: {
    base: { tags: ['base:1'], chains: ['c1'], age: 9 },
    'app-a': { tags: ['app-a:1'], chains: ['c1', 'c2', 'c3'], age: 3 },
    'app-b': { tags: ['app-b:1', 'b-alias:1'], chains: ['c1', 'c2', 'c4'], age: 2 },
    other: { tags: ['other:1'], chains: ['c1', 'c5'], age: 4 },
    tool: { tags: ['tool:1'], chains: ['c6', 'c7'], age: 5 },
    keeper: { tags: ['keeper:1'], chains: ['c6', 'c8'], age: 5 },
  },
}

describe('bytes a set frees, over chain IDs', () => {
  it('counts a chain two members share once', () => {
    const plan = planSet(snapshotOf(world), ['app-a', 'app-b'])
    // c2 is in both (once), c3 and c4 are theirs; c1 stays for base and other.
    expect(plan.removingContainers.freedBytes).toBe(20 * MB + 3 * MB + 4 * MB)
  })

  it('is not the sum of each image alone: alone, each frees nothing of the shared chain', () => {
    const alone = planSet(snapshotOf(world), ['app-a']).removingContainers.freedBytes + planSet(snapshotOf(world), ['app-b']).removingContainers.freedBytes
    expect(alone).toBe(3 * MB + 4 * MB)
  })

  it('does not free a chain an image outside the set holds', () => {
    const plan = planSet(snapshotOf(world), ['tool'])
    expect(plan.removingContainers.freedBytes).toBe(7 * MB)
  })

  it('frees a chain once every image holding it is in the set', () => {
    const plan = planSet(snapshotOf(world), ['tool', 'keeper'])
    expect(plan.removingContainers.freedBytes).toBe(60 * MB + 7 * MB + 8 * MB)
  })

  it('keeps the layers of an image a kept container uses', () => {
    const snapshot = snapshotOf({ ...world, containers: [container('k1', 'app-a', 'running')] })
    const plan = planSet(snapshot, ['app-a', 'app-b'])
    expect(plan.keepingContainers.deletable).toEqual(['app-b'])
    // app-a stays, so c2 stays with it: only c4 goes.
    expect(plan.keepingContainers.freedBytes).toBe(4 * MB)
    expect(plan.removingContainers.deletable).toEqual(['app-b', 'app-a'])
    expect(plan.removingContainers.containers).toEqual(['k1'])
    expect(plan.removingContainers.freedBytes).toBe(27 * MB)
  })

  it('sums nothing twice when the same chain sits in many images', () => {
    expect(freedBytesOf(snapshotOf(world), new Set(['base', 'app-a', 'app-b', 'other']))).toBe((10 + 20 + 3 + 4 + 5) * MB)
  })
})

describe('blockers of a set', () => {
  const family: World = {
    sizes,
    images: {
      base: { tags: ['base:1'], chains: ['c1'], age: 9 },
      hidden: { chains: [], parent: 'base', listed: false, age: 8 },
      child: { tags: ['child:1'], parent: 'hidden', chains: ['c1', 'c2'], age: 7 },
      grandchild: { tags: ['grandchild:1'], parent: 'child', chains: ['c1', 'c2', 'c3'], age: 6 },
    },
  }

  it('a child inside the set does not block, and the set is deleted children first', () => {
    const plan = planSet(snapshotOf(family), ['base', 'child', 'grandchild'])
    expect(plan.blockers).toEqual([])
    expect(plan.removingContainers.deletable).toEqual(['grandchild', 'child', 'base'])
    // The hidden intermediate goes with child, its only child.
    expect(plan.removingContainers.hiddenParents).toEqual(['hidden'])
    expect(plan.removingContainers.freedBytes).toBe(33 * MB)
  })

  it('a child outside the set blocks its parent, and the parents above it stay too', () => {
    const plan = planSet(snapshotOf(family), ['base', 'child'])
    expect(plan.blockers).toEqual([expect.objectContaining({ kind: 'child-image', id: 'grandchild', name: 'grandchild:1', imageId: 'child' })])
    expect(plan.removingContainers.deletable).toEqual([])
    expect(plan.removingContainers.freedBytes).toBe(0)
  })

  it('a hidden child stays, and blocks, when something outside the set is built on it: named by the listed image built on it', () => {
    const plan = planSet(snapshotOf(family), ['base'])
    expect(plan.blockers).toEqual([expect.objectContaining({ kind: 'child-image', id: 'child', name: 'child:1', via: ['hidden'], imageId: 'base' })])
  })

  it('names the containers of its images, running or stopped, with the image each holds', () => {
    const snapshot = snapshotOf({ ...world, containers: [container('run1', 'app-a', 'running'), container('old1', 'app-b', 'exited'), container('out1', 'other', 'running')] })
    const plan = planSet(snapshot, ['app-a', 'app-b'])
    expect(plan.blockers.map((blocker) => [blocker.kind, blocker.id, blocker.imageId])).toEqual([
      ['running-container', 'run1', 'app-a'],
      ['stopped-container', 'old1', 'app-b'],
    ])
    expect(plan.keepingContainers.deletable).toEqual([])
    expect(plan.removingContainers.containers.sort()).toEqual(['old1', 'run1'])
  })

  it('extra tags do not block: choosing an image chooses all its names', () => {
    const plan = planSet(snapshotOf(world), ['app-b'])
    expect(plan.blockers).toEqual([])
    expect(plan.keepingContainers.deletable).toEqual(['app-b'])
  })
})
