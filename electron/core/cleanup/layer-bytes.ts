import type { CleanupSharedLayer, ImageRef } from '../../../shared/types'
import type { ImagePlan } from './plan-images'
import type { CleanupSnapshot, SnapshotImage } from './snapshot'

export interface LayerAccount {
  /** Image ID -> bytes its delete frees, taking the plan's steps in order. */
  perImage: Map<string, number>
  freedBytes: number
  freedChains: ReadonlySet<string>
  /** Layers of planned images that explain their summed sizes minus what they free. */
  sharedLayers: CleanupSharedLayer[]
}

/**
 * Bytes freed by deleting a set of images: the sizes of chain IDs the deleted images
 * use and nothing left uses. "Left" means every listed image not deleted and the
 * image of every container that stays (a hidden parent can be one: the classic
 * builder's intermediates). Hidden parents deleted along hold only chains their
 * deleted children hold too, so only listed images are stepped through. Each step
 * is charged the chains it is the last holder of, so the steps add up to the total.
 */
export function accountLayers(snapshot: CleanupSnapshot, plan: ImagePlan): LayerAccount {
  const byId = new Map(snapshot.images.map((image) => [image.id, image]))
  const removedContainers = new Set(plan.containers.map((container) => container.id))
  const holders = new Map<string, Set<string>>()
  const hold = (image: SnapshotImage): void => {
    for (const chainId of image.chains) {
      const set = holders.get(chainId)
      if (set === undefined) holders.set(chainId, new Set([image.id]))
      else set.add(image.id)
    }
  }
  for (const image of snapshot.images) if (image.listed) hold(image)
  for (const container of snapshot.containers) {
    const image = byId.get(container.imageId)
    if (image !== undefined && !removedContainers.has(container.id)) hold(image)
  }

  const size = (chainId: string): number => snapshot.chainSizes.get(chainId) ?? 0
  const perImage = new Map<string, number>()
  const freedChains = new Set<string>()
  const plannedBy = new Map<string, SnapshotImage[]>()
  for (const image of plan.images) {
    let freed = 0
    for (const chainId of image.chains) {
      const set = holders.get(chainId)
      set?.delete(image.id)
      if (set === undefined || set.size === 0) {
        freed += size(chainId)
        freedChains.add(chainId)
      }
      const list = plannedBy.get(chainId)
      if (list === undefined) plannedBy.set(chainId, [image])
      else list.push(image)
    }
    perImage.set(image.id, freed)
  }

  const refOf = (id: string): ImageRef => ({ id, repoTags: byId.get(id)?.repoTags ?? [] })
  const sharedLayers: CleanupSharedLayer[] = []
  for (const [chainId, planned] of plannedBy) {
    const keptBy = [...(holders.get(chainId) ?? [])]
    if (keptBy.length === 0 && planned.length < 2) continue
    sharedLayers.push({ chainId, bytes: size(chainId), plannedImages: planned.map((image) => refOf(image.id)), keptBy: keptBy.map(refOf) })
  }
  sharedLayers.sort((a, b) => b.bytes - a.bytes || a.chainId.localeCompare(b.chainId))
  const freedBytes = [...perImage.values()].reduce((sum, bytes) => sum + bytes, 0)
  return { perImage, freedBytes, freedChains, sharedLayers }
}
