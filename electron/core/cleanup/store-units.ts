import type { StoreUnit } from '../images/store-sizes'

/** Bytes and how many things one kind of store unit frees. */
export interface UnitTally {
  count: number
  bytes: number
}

/** What deleting images frees on the containerd store: compressed blobs and unpacked snapshots, counted apart. */
export interface StoreFreed {
  blobs: UnitTally
  snapshots: UnitTally
}

export interface StoreAccount {
  /** Image ID -> what its step frees, taking the steps in order (so the steps add up to the total). */
  perImage: Map<string, StoreFreed>
  freed: StoreFreed
}

function emptyFreed(): StoreFreed {
  return { blobs: { count: 0, bytes: 0 }, snapshots: { count: 0, bytes: 0 } }
}

function add(freed: StoreFreed, unit: StoreUnit): void {
  const tally = unit.kind === 'blob' ? freed.blobs : freed.snapshots
  tally.count += 1
  tally.bytes += unit.size
}

/**
 * The prediction of a cleanup on the containerd store. A blob (by digest) or a snapshot (by chain
 * ID) is freed only when no image left references it: every image not deleted, and the image of
 * every container that stays (its writable snapshot sits on that image's chain). Each deleting
 * step is charged what it is the last holder of. Blobs and snapshots never net against each other:
 * an image can lose its snapshots while its blobs stay, referenced by another manifest, or the reverse.
 */
export function accountStoreUnits(images: readonly { id: string; units: readonly StoreUnit[] }[], steps: readonly string[], keptByContainers: ReadonlySet<string> = new Set()): StoreAccount {
  const deleting = new Set(steps)
  const holders = new Map<string, Set<string>>()
  const unitsOf = new Map<string, readonly StoreUnit[]>()
  for (const image of images) {
    unitsOf.set(image.id, image.units)
    for (const unit of image.units) {
      const key = `${unit.kind} ${unit.key}`
      const set = holders.get(key)
      if (set === undefined) holders.set(key, new Set([image.id]))
      else set.add(image.id)
    }
  }
  // Images that stay, by not being deleted or by a container still on them, hold their units for good.
  const pinned = new Set<string>()
  for (const image of images) {
    if (deleting.has(image.id) && !keptByContainers.has(image.id)) continue
    for (const unit of image.units) pinned.add(`${unit.kind} ${unit.key}`)
  }

  const perImage = new Map<string, StoreFreed>()
  const freed = emptyFreed()
  const counted = new Set<string>()
  for (const id of steps) {
    const step = emptyFreed()
    for (const unit of unitsOf.get(id) ?? []) {
      const key = `${unit.kind} ${unit.key}`
      const set = holders.get(key)
      set?.delete(id)
      if (pinned.has(key) || counted.has(key) || (set?.size ?? 0) > 0) continue
      counted.add(key)
      add(step, unit)
      add(freed, unit)
    }
    perImage.set(id, step)
  }
  return { perImage, freed }
}
