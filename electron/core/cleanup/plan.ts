import type { CleanupOptions } from '../../../shared/cleanup-input'
import type { CleanupBytes, CleanupItem, CleanupPlan } from '../../../shared/types'
import { planBuildCache } from './build-cache'
import { diskMapOf } from './disk-map'
import { accountLayers } from './layer-bytes'
import { planImages } from './plan-images'
import { planVolumes } from './plan-volumes'
import { imageNames, itemKey, volumeBytes, type CleanupSnapshot } from './snapshot'
import { accountStore } from './store-plan'

function iso(milliseconds: number): string {
  return new Date(milliseconds).toISOString()
}

/**
 * The whole plan from one snapshot: containers first, then images (children before
 * parents), then build cache entries (children before parents), then volumes: the order execute
 * removes them in. Pure, so the arithmetic is tested on crafted snapshots.
 */
export function planCleanup(snapshot: CleanupSnapshot, options: CleanupOptions, allow: ReadonlySet<string> | null = null): CleanupPlan {
  const images = planImages(snapshot, options, allow)
  const layers = accountLayers(snapshot, images)
  // On the containerd store an image's bytes are content blobs and snapshots, each freed when nothing left references it.
  const store = accountStore(snapshot, images)
  const imageBytes = store?.perImage ?? layers.perImage
  const cache = planBuildCache(snapshot.buildCache, options, allow)
  const volumes = planVolumes(snapshot, options, new Set(images.containers.map((container) => container.id)), allow)

  const items: CleanupItem[] = [
    ...images.containers.map((container): CleanupItem => ({
      key: itemKey('container', container.id),
      kind: 'container',
      id: container.id,
      names: container.names,
      reason: 'stopped-container',
      rule: null,
      after: [],
      size: container.sizeRw,
      bytesFreed: container.sizeRw,
      created: iso(container.created),
    })),
    ...images.images.map((image): CleanupItem => {
      const key = itemKey('image', image.id)
      const why = images.reasons.get(image.id) ?? { reason: 'unused', rule: null }
      return {
        key,
        kind: 'image',
        id: image.id,
        names: imageNames(image),
        reason: why.reason,
        rule: why.rule,
        after: images.after.get(key) ?? [],
        size: image.size,
        bytesFreed: imageBytes.get(image.id) ?? 0,
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
        rule: null,
        after: cache.after.get(key) ?? [],
        size: entry.size,
        bytesFreed: entry.size,
        created: entry.lastUsedAt ?? entry.createdAt,
      }
    }),
    ...volumes.volumes.map((volume): CleanupItem => {
      const key = itemKey('volume', volume.name)
      return {
        key,
        kind: 'volume',
        id: volume.name,
        names: [volume.name],
        rule: null,
        reason: 'unused-volume',
        after: volumes.after.get(key) ?? [],
        size: volumeBytes(volume),
        bytesFreed: volumeBytes(volume),
        created: volume.created === null ? null : iso(volume.created),
        volume: { anonymous: volume.anonymous, driver: volume.driver, sizeKnown: volume.size >= 0 },
      }
    }),
  ]
  const freed: CleanupBytes = {
    layers: store === null ? layers.freedBytes : (store.bytes.content?.bytes ?? 0) + store.bytes.snapshots.bytes,
    containers: images.containers.reduce((sum, container) => sum + container.sizeRw, 0),
    buildCache: cache.entries.reduce((sum, entry) => sum + entry.size, 0),
    volumes: volumes.volumes.reduce((sum, volume) => sum + volumeBytes(volume), 0),
    ...(store === null ? {} : { store: store.bytes }),
  }
  return {
    items,
    totalBytesFreed: freed.layers + freed.containers + freed.buildCache + freed.volumes,
    freed,
    imagesSize: images.images.reduce((sum, image) => sum + image.size, 0),
    sharedLayers: layers.sharedLayers,
    protected: [...images.kept, ...cache.kept, ...volumes.kept],
    pinsNotFound: snapshot.pinsNotFound,
    retention: images.retention,
    diskMap: diskMapOf(snapshot, images, cache, new Set(volumes.volumes.map((volume) => volume.name)), layers.freedChains, freed, store?.contentBefore ?? 0),
  }
}
