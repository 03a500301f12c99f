import type { CleanupStoreBytes } from '../../../shared/types'
import type { ImageStore } from '../engine/image-store'
import type { ManifestSummaryWire } from '../images/manifests'
import { contentSource, storeInputOf, unitsOf, type StoreUnit } from '../images/store-sizes'
import type { ImagePlan } from './plan-images'
import type { CleanupSnapshot, SnapshotStore } from './snapshot'
import { accountStoreUnits } from './store-units'

/** An image list entry as GET /images/json?manifests=1 gives it; Size and SharedSize are left unread on purpose. */
export interface StoreListEntry {
  Id: string
  Manifests?: readonly ManifestSummaryWire[] | null
}

/**
 * The store part of a cleanup snapshot, from the list entries and the chains each image's history
 * measured. Null on the classic store, which is planned by chain ID alone. `manifestsListed` says
 * the entries were asked with ?manifests=1 (API 1.47+): below that the engine describes no content,
 * so content is not counted (null) rather than counted as 0. An image with no entry (one only a
 * container names) still holds its snapshots.
 */
export function snapshotStoreOf(
  store: ImageStore,
  entries: readonly StoreListEntry[],
  chainsOf: ReadonlyMap<string, readonly { chainId: string; size: number }[]>,
  manifestsListed: boolean,
  blobs?: ReadonlyMap<string, readonly { digest: string; size: number }[]>,
): SnapshotStore | null {
  if (store.kind !== 'containerd') return null
  const byId = new Map(entries.map((entry) => [entry.Id, entry]))
  const units = new Map<string, StoreUnit[]>()
  let byDigest = true
  for (const [id, chains] of chainsOf) {
    const input = storeInputOf((manifestsListed ? byId.get(id) : undefined) ?? { Id: id }, chains, blobs)
    units.set(id, unitsOf(input))
    if (input.manifests.some((manifest) => manifest.contentBytes > 0) && contentSource(input) !== 'blob-digests') byDigest = false
  }
  return { kind: 'containerd', snapshotter: store.snapshotter, units, contentSource: !manifestsListed ? null : byDigest ? 'blob-digests' : 'manifest-content' }
}

export interface StorePlanAccount {
  /** Image ID -> bytes (content + snapshots) its step frees. */
  perImage: Map<string, number>
  bytes: CleanupStoreBytes
  /** Distinct content bytes every image holds now: what the disk map adds to the snapshots it draws. */
  contentBefore: number
}

/**
 * The plan's image bytes on the containerd store. What holds a unit after the plan is what
 * holds a chain in accountLayers: every listed image not deleted, and the image of every
 * container that stays. Null on the classic store.
 */
export function accountStore(snapshot: CleanupSnapshot, plan: ImagePlan): StorePlanAccount | null {
  const store = snapshot.store
  if (store === undefined) return null
  const removedContainers = new Set(plan.containers.map((container) => container.id))
  const keptByContainers = new Set(snapshot.containers.filter((container) => !removedContainers.has(container.id)).map((container) => container.imageId))
  const holding = snapshot.images.filter((image) => image.listed || keptByContainers.has(image.id))
  const images = holding.map((image) => ({ id: image.id, units: store.units.get(image.id) ?? [] }))
  const account = accountStoreUnits(
    images,
    plan.images.map((image) => image.id),
    keptByContainers,
  )
  const perImage = new Map<string, number>()
  for (const [id, step] of account.perImage) perImage.set(id, step.blobs.bytes + step.snapshots.bytes)
  const seen = new Set<string>()
  let contentBefore = 0
  for (const image of images) {
    for (const unit of image.units) {
      if (unit.kind !== 'blob' || seen.has(unit.key)) continue
      seen.add(unit.key)
      contentBefore += unit.size
    }
  }
  return {
    perImage,
    bytes: {
      kind: 'containerd',
      snapshotter: store.snapshotter,
      content: store.contentSource === null ? null : { ...account.freed.blobs, source: store.contentSource },
      snapshots: { ...account.freed.snapshots, source: 'history-chain-ids' },
    },
    contentBefore,
  }
}
