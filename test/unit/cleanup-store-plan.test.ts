import { describe, expect, it } from 'vitest'
import { planCleanup } from '../../electron/core/cleanup/plan'
import { planSet } from '../../electron/core/images/set-plan'
import type { CleanupSnapshot, SnapshotContainer, SnapshotImage } from '../../electron/core/cleanup/snapshot'
import { snapshotStoreOf, type StoreListEntry } from '../../electron/core/cleanup/store-plan'
import type { ImageStore } from '../../electron/core/engine/image-store'
import { planJson, planText } from '../../electron/host/cli-cleanup-output'
import { blobs, bytes, chainIdsOf, chains, digests, engineSharedSize, imageList } from '../fixtures/engine-api/containerd-images'
import { container, NOW, options } from './cleanup-snapshot'

const CONTAINERD: ImageStore = { kind: 'containerd', snapshotter: 'overlayfs' }
const CLASSIC: ImageStore = { kind: 'classic', snapshotter: null }

interface FixtureWorld {
  store?: ImageStore
  shared?: { alpine: number; app: number }
  containers?: SnapshotContainer[]
  /** The blobs each manifest lists (an OCI layout's view); without them, the engine's manifest summaries only. */
  withBlobs?: boolean
  /** False: an engine below API 1.47, asked without ?manifests=1. */
  manifestsListed?: boolean
  pinned?: string[]
}

/**
 * A cleanup snapshot as readSnapshot builds it from the recorded GET /images/json?manifests=1 answer
 * (test/fixtures/engine-api/containerd-images.ts: alpine:3.20, an index, and app:1 built FROM it).
 */
function fixtureSnapshot(world: FixtureWorld = {}): CleanupSnapshot {
  const list = imageList(world.shared ?? engineSharedSize.buggy) as unknown as (StoreListEntry & { RepoTags: string[]; RepoDigests: string[]; Created: number; Size: number })[]
  const chainsById = new Map([
    [digests.alpineIndex, chains.alpine],
    [digests.appManifest, chains.app],
  ])
  const images: SnapshotImage[] = list.map((entry) => ({
    id: entry.Id,
    repoTags: entry.RepoTags,
    repoDigests: entry.RepoDigests,
    parentId: null,
    created: entry.Created * 1000,
    size: entry.Size,
    labels: {},
    chains: entry.Id === digests.alpineIndex ? chainIdsOf.alpine : chainIdsOf.app,
    listed: true,
  }))
  const store = snapshotStoreOf(world.store ?? CONTAINERD, list, chainsById, world.manifestsListed ?? true, world.withBlobs === true ? blobs : undefined)
  const chainSizes = new Map(chains.app.map((chain) => [chain.chainId, chain.size]))
  return {
    images,
    containers: world.containers ?? [],
    buildCache: [],
    volumes: [],
    chainSizes,
    layersSize: bytes.alpineUnpacked + bytes.appUnpacked,
    layersSource: 'engine',
    pinned: new Set(world.pinned ?? []),
    pinsNotFound: [],
    readAt: NOW,
    ...(store === null ? {} : { store }),
  }
}

const appOwnBlobs = bytes.appManifest + bytes.appConfig + bytes.appLayerBlob
const alpineBlobs = bytes.alpineManifest + bytes.alpineConfig + bytes.alpineLayerBlob + bytes.attestation
/** alpine:3.20 stays: a running container uses it. */
const alpineRunning = [container('run', digests.alpineIndex, 'running')]

describe('cleanup plan on the containerd store (recorded Engine API answers)', () => {
  it('counts content and snapshots apart, and a snapshot a kept image shares is not freed', () => {
    const plan = planCleanup(fixtureSnapshot({ containers: alpineRunning, withBlobs: true }), options({ unused: true }))
    expect(plan.items.map((item) => item.id)).toEqual([digests.appManifest])
    expect(plan.freed.store).toEqual({
      kind: 'containerd',
      snapshotter: 'overlayfs',
      // alpine's layer blob stays: alpine's amd64 manifest still references it.
      content: { count: 3, bytes: appOwnBlobs, source: 'blob-digests' },
      // alpine's snapshot (the bottom of app's chain) stays: alpine keeps it.
      snapshots: { count: 1, bytes: bytes.appUnpacked, source: 'history-chain-ids' },
    })
    expect(plan.freed.layers).toBe(appOwnBlobs + bytes.appUnpacked)
    expect(plan.items[0]?.bytesFreed).toBe(plan.freed.layers)
    expect(plan.totalBytesFreed).toBe(plan.freed.layers)
  })

  it('frees a blob two manifests share only when both images go, and charges it to the last one', () => {
    const plan = planCleanup(fixtureSnapshot({ withBlobs: true }), options({ unused: true }))
    // Newest first: app, then the alpine it was built on.
    expect(plan.items.map((item) => item.id)).toEqual([digests.appManifest, digests.alpineIndex])
    expect(plan.freed.store?.content).toEqual({ count: 7, bytes: appOwnBlobs + alpineBlobs, source: 'blob-digests' })
    expect(plan.freed.store?.snapshots).toEqual({ count: 2, bytes: bytes.alpineUnpacked + bytes.appUnpacked, source: 'history-chain-ids' })
    const [app, alpine] = plan.items
    expect(app?.bytesFreed).toBe(appOwnBlobs + bytes.appUnpacked)
    expect(alpine?.bytesFreed).toBe(alpineBlobs + bytes.alpineUnpacked)
    expect(plan.items.reduce((sum, item) => sum + item.bytesFreed, 0)).toBe(plan.freed.layers)
  })

  it('lets the base go once the plan removes the stopped container that held it', () => {
    const stopped = [container('old', digests.alpineIndex, 'exited', { sizeRw: 4096 })]
    const kept = planCleanup(fixtureSnapshot({ containers: stopped, withBlobs: true }), options({ unused: true }))
    expect(kept.freed.store?.snapshots.bytes).toBe(bytes.appUnpacked)
    const both = planCleanup(fixtureSnapshot({ containers: stopped, withBlobs: true }), options({ unused: true, containers: true }))
    expect(both.freed.store?.snapshots.bytes).toBe(bytes.alpineUnpacked + bytes.appUnpacked)
    expect(both.totalBytesFreed).toBe(4096 + appOwnBlobs + alpineBlobs + bytes.alpineUnpacked + bytes.appUnpacked)
  })

  it('keeps a pinned base\'s snapshot and blobs', () => {
    const plan = planCleanup(fixtureSnapshot({ pinned: [digests.alpineIndex], withBlobs: true }), options({ unused: true }))
    expect(plan.freed.store?.snapshots).toMatchObject({ count: 1, bytes: bytes.appUnpacked })
    expect(plan.freed.store?.content?.bytes).toBe(appOwnBlobs)
  })

  it('with the engine\'s manifest summaries only, names the content source and counts a manifest as one unit', () => {
    const plan = planCleanup(fixtureSnapshot({ containers: alpineRunning }), options({ unused: true }))
    // The summary of app's manifest includes alpine's layer blob, which the engine does not list apart: an upper bound, said so.
    expect(plan.freed.store?.content).toEqual({ count: 1, bytes: appOwnBlobs + bytes.alpineLayerBlob, source: 'manifest-content' })
    expect(plan.freed.store?.snapshots.bytes).toBe(bytes.appUnpacked)
  })

  it('predicts the same whatever SharedSize the engine reports (moby #52476/#52482)', () => {
    for (const withBlobs of [false, true]) {
      for (const containers of [[], alpineRunning]) {
        const buggy = planCleanup(fixtureSnapshot({ shared: engineSharedSize.buggy, withBlobs, containers }), options({ unused: true }))
        const fixed = planCleanup(fixtureSnapshot({ shared: engineSharedSize.fixed, withBlobs, containers }), options({ unused: true }))
        expect(buggy).toEqual(fixed)
      }
    }
  })

  it('below API 1.47 counts snapshots and leaves content uncounted rather than 0', () => {
    const plan = planCleanup(fixtureSnapshot({ containers: alpineRunning, manifestsListed: false }), options({ unused: true }))
    expect(plan.freed.store?.content).toBeNull()
    expect(plan.freed.store?.snapshots.bytes).toBe(bytes.appUnpacked)
    expect(plan.freed.layers).toBe(bytes.appUnpacked)
  })

  it('adds the content to the disk map\'s image bytes, so disk use after is disk use before minus what the plan frees', () => {
    const plan = planCleanup(fixtureSnapshot({ containers: alpineRunning, withBlobs: true }), options({ unused: true }))
    expect(plan.diskMap.before.layers).toBe(bytes.alpineUnpacked + bytes.appUnpacked + appOwnBlobs + alpineBlobs)
    expect(plan.diskMap.before.total - plan.diskMap.after.total).toBe(plan.totalBytesFreed)
  })

  it('says so in the dry-run text and JSON', () => {
    const plan = planCleanup(fixtureSnapshot({ containers: alpineRunning, withBlobs: true }), options({ unused: true }))
    expect(planText(plan)).toContain('Images on the containerd store (overlayfs): content 527 kB (3 blobs, by blob digest); unpacked 1.25 MB (1 snapshot, by chain ID, from layer histories)\n')
    expect(planJson(plan)).toMatchObject({ store: plan.freed.store })
  })
})

describe('deleting a set of images on the containerd store (images.planRemoveSet)', () => {
  it('frees the set\'s own blobs and snapshots, and what the base shares only when the base goes too', () => {
    const app = planSet(fixtureSnapshot({ withBlobs: true }), [digests.appManifest])
    // alpine stays: its snapshot and the layer blob its manifest lists too are not freed.
    expect(app.keepingContainers.freedBytes).toBe(appOwnBlobs + bytes.appUnpacked)
    const both = planSet(fixtureSnapshot({ withBlobs: true }), [digests.appManifest, digests.alpineIndex])
    expect(both.keepingContainers.freedBytes).toBe(appOwnBlobs + alpineBlobs + bytes.alpineUnpacked + bytes.appUnpacked)
  })

  it('counts the same as the cleanup plan of the same images', () => {
    const snapshot = fixtureSnapshot({ withBlobs: true })
    const plan = planCleanup(snapshot, options({ unused: true }))
    expect(planSet(snapshot, plan.items.map((item) => item.id)).keepingContainers.freedBytes).toBe(plan.freed.layers)
  })

  it('on the classic store stays the chain-ID sum', () => {
    const snapshot = fixtureSnapshot({ store: CLASSIC, withBlobs: true })
    expect(planSet(snapshot, [digests.appManifest]).keepingContainers.freedBytes).toBe(bytes.appUnpacked)
  })
})

describe('cleanup plan on the classic store', () => {
  it('has no store part: the same snapshot and the same JSON as before', () => {
    const snapshot = fixtureSnapshot({ store: CLASSIC, containers: alpineRunning })
    expect(snapshot.store).toBeUndefined()
    const plan = planCleanup(snapshot, options({ unused: true }))
    expect(plan.freed).toEqual({ layers: bytes.appUnpacked, containers: 0, buildCache: 0, volumes: 0 })
    expect(Object.keys(planJson(plan) as object)).toEqual(['items', 'totalBytesFreed', 'protected'])
    expect(planText(plan)).not.toContain('containerd')
  })
})
