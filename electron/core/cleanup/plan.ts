import type { CleanupOptions } from '../../../shared/cleanup-input'
import type { CleanupBytes, CleanupItem, CleanupPlan } from '../../../shared/types'
import { planBuildCache } from './build-cache'
import { diskMapOf } from './disk-map'
import { accountLayers } from './layer-bytes'
import { planImages } from './plan-images'
import { imageNames, itemKey, type CleanupSnapshot } from './snapshot'

function iso(milliseconds: number): string {
  return new Date(milliseconds).toISOString()
}

/**
 * The whole plan from one snapshot: containers first, then images (children before
 * parents), then build cache entries (children before parents): the order execute
 * removes them in. Pure, so the arithmetic is tested on crafted snapshots.
 */
export function planCleanup(snapshot: CleanupSnapshot, options: CleanupOptions, allow: ReadonlySet<string> | null = null): CleanupPlan {
  const images = planImages(snapshot, options, allow)
  const layers = accountLayers(snapshot, images)
  const cache = planBuildCache(snapshot.buildCache, options, allow)

  const items: CleanupItem[] = [
    ...images.containers.map((container): CleanupItem => ({
      key: itemKey('container', container.id),
      kind: 'container',
      id: container.id,
      names: container.names,
      reason: 'stopped-container',
      after: [],
      size: container.sizeRw,
      bytesFreed: container.sizeRw,
      created: iso(container.created),
    })),
    ...images.images.map((image): CleanupItem => {
      const key = itemKey('image', image.id)
      return {
        key,
        kind: 'image',
        id: image.id,
        names: imageNames(image),
        reason: options.dangling && image.repoTags.length === 0 ? 'dangling' : 'unused',
        after: images.after.get(key) ?? [],
        size: image.size,
        bytesFreed: layers.perImage.get(image.id) ?? 0,
        created: iso(image.created),
      }
    }),
    ...cache.entries.map((entry): CleanupItem => {
      const key = itemKey('build-cache', entry.id)
      return {
        key,
        kind: 'build-cache',
        id: entry.id,
        names: [entry.description],
        reason: 'build-cache',
        after: cache.after.get(key) ?? [],
        size: entry.size,
        bytesFreed: entry.size,
        created: entry.lastUsedAt ?? entry.createdAt,
      }
    }),
  ]
  const freed: CleanupBytes = {
    layers: layers.freedBytes,
    containers: images.containers.reduce((sum, container) => sum + container.sizeRw, 0),
    buildCache: cache.entries.reduce((sum, entry) => sum + entry.size, 0),
  }
  return {
    items,
    totalBytesFreed: freed.layers + freed.containers + freed.buildCache,
    freed,
    imagesSize: images.images.reduce((sum, image) => sum + image.size, 0),
    sharedLayers: layers.sharedLayers,
    protected: [...images.kept, ...cache.kept],
    pinsNotFound: snapshot.pinsNotFound,
    retention: [],
    diskMap: diskMapOf(snapshot, images, cache, layers.freedChains, freed),
  }
}
