import type { ContainerdImageSizes, PlatformContent, SizeSource, StoreFigure } from '../../../shared/types'
import { parseManifests, type ManifestSummaryWire } from './manifests'

/** What a containerd store keeps on disk, each thing under the key that makes it one thing. */
export interface StoreUnit {
  kind: 'blob' | 'snapshot'
  /** A blob digest, a manifest digest (for its content when its blobs are not known one by one) or a chain ID. */
  key: string
  size: number
}

/** One image on the containerd store, as the engine describes it. */
export interface StoreImageInput {
  id: string
  /** Layers by chain ID with the snapshotter's usage of each (GET /images/{id}/history on this store). */
  chains: readonly { chainId: string; size: number }[]
  /** GET /images/json?manifests=1 (API 1.47+). */
  manifests: readonly PlatformContent[]
  /** Blobs of a manifest by its digest, when a source lists them (an OCI layout's manifests); else its Size.Content is one unit. */
  blobs?: ReadonlyMap<string, readonly { digest: string; size: number }[]>
}

/** The units one image holds: snapshots by chain ID, content by blob digest where known, by manifest digest otherwise. */
export function unitsOf(image: StoreImageInput): StoreUnit[] {
  const units = new Map<string, StoreUnit>()
  const put = (unit: StoreUnit): void => {
    // The same blob under two manifests (a layer two platforms share) is one blob.
    if (!units.has(`${unit.kind} ${unit.key}`)) units.set(`${unit.kind} ${unit.key}`, unit)
  }
  for (const chain of image.chains) put({ kind: 'snapshot', key: chain.chainId, size: chain.size })
  for (const manifest of image.manifests) {
    const blobs = image.blobs?.get(manifest.digest)
    if (blobs !== undefined) for (const blob of blobs) put({ kind: 'blob', key: blob.digest, size: blob.size })
    else if (manifest.contentBytes > 0) put({ kind: 'blob', key: manifest.digest, size: manifest.contentBytes })
  }
  return [...units.values()]
}

export function contentSource(image: StoreImageInput): SizeSource {
  const withContent = image.manifests.filter((manifest) => manifest.contentBytes > 0)
  return withContent.length > 0 && withContent.every((manifest) => image.blobs?.has(manifest.digest) === true) ? 'blob-digests' : 'manifest-content'
}

/** Which images hold each unit: `kind key` -> image IDs. */
export function holdersOf(images: readonly { id: string; units: readonly StoreUnit[] }[]): Map<string, string[]> {
  const holders = new Map<string, string[]>()
  for (const image of images) {
    for (const unit of image.units) {
      const key = `${unit.kind} ${unit.key}`
      const list = holders.get(key)
      if (list === undefined) holders.set(key, [image.id])
      else if (!list.includes(image.id)) list.push(image.id)
    }
  }
  return holders
}

function figure(units: readonly StoreUnit[], holders: ReadonlyMap<string, string[]>, source: SizeSource): StoreFigure {
  let total = 0
  let shared = 0
  for (const unit of units) {
    total += unit.size
    if ((holders.get(`${unit.kind} ${unit.key}`)?.length ?? 0) > 1) shared += unit.size
  }
  return { total, shared, unique: total - shared, source }
}

/**
 * Unpacked and content bytes of every image, shared/unique by key: a snapshot is shared when
 * another image uses its chain ID, a blob when another image references its digest. Nothing here
 * reads the engine's Size or SharedSize (SharedSize counted snapshots only until moby #52482).
 */
export function containerdSizes(images: readonly StoreImageInput[]): Map<string, ContainerdImageSizes> {
  const withUnits = images.map((image) => ({ image, id: image.id, units: unitsOf(image) }))
  const holders = holdersOf(withUnits)
  const result = new Map<string, ContainerdImageSizes>()
  for (const { image, units } of withUnits) {
    result.set(image.id, {
      unpacked: figure(
        units.filter((unit) => unit.kind === 'snapshot'),
        holders,
        'history-chain-ids',
      ),
      content: figure(
        units.filter((unit) => unit.kind === 'blob'),
        holders,
        contentSource(image),
      ),
      platforms: [...image.manifests],
    })
  }
  return result
}

/** A /images/json?manifests=1 entry with the chains its history gave: the input, SharedSize and Size left unread on purpose. */
export function storeInputOf(
  entry: { Id: string; Manifests?: readonly ManifestSummaryWire[] | null },
  chains: readonly { chainId: string; size: number }[],
  blobs?: ReadonlyMap<string, readonly { digest: string; size: number }[]>,
): StoreImageInput {
  return { id: entry.Id, chains, manifests: parseManifests(entry.Manifests), ...(blobs !== undefined ? { blobs } : {}) }
}
