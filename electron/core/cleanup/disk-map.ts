import type { CleanupBytes, DiskMap, DiskMapTotals, LogSizeReason } from '../../../shared/types'
import type { CachePlan } from './build-cache'
import { hasKeepLabel } from './filters'
import type { ImagePlan } from './plan-images'
import { imageNames, volumeBytes, type CleanupSnapshot } from './snapshot'

function totals(bytes: CleanupBytes, logs: number): DiskMapTotals {
  return { ...bytes, logs, total: bytes.layers + bytes.containers + bytes.buildCache + bytes.volumes + logs }
}

/** Measured logs as tiles, the others counted by reason; a removed container's log goes with it, but the plan does not count it. */
function logsOf(snapshot: CleanupSnapshot): Pick<DiskMap, 'logs' | 'logsUnmeasured'> {
  const names = new Map(snapshot.containers.map((container) => [container.id, container.names]))
  const logsUnmeasured: Partial<Record<LogSizeReason, number>> = {}
  const logs: DiskMap['logs'] = []
  for (const log of snapshot.logs ?? []) {
    if (log.bytes === null) logsUnmeasured[log.reason ?? 'not-found'] = (logsUnmeasured[log.reason ?? 'not-found'] ?? 0) + 1
    else logs.push({ id: log.id, names: names.get(log.id) ?? [], driver: log.driver, bytes: log.bytes, unbounded: log.unbounded })
  }
  return { logs, logsUnmeasured }
}

/**
 * Disk use as a treemap draws it: each listed image by the bytes it alone holds,
 * one pool for the layers several images share (stored once), containers' writable
 * layers, the build cache, volumes and containers' logs (on disk, never freed). Image tiles and the pool add up to the layers the
 * engine counts in LayersSize; on the containerd store, `contentBytes` (the images' distinct content blobs) is added to them.
 */
export function diskMapOf(snapshot: CleanupSnapshot, images: ImagePlan, cache: CachePlan, plannedVolumes: ReadonlySet<string>, freedChains: ReadonlySet<string>, freed: CleanupBytes, contentBytes = 0): DiskMap {
  const listed = snapshot.images.filter((image) => image.listed)
  const holders = new Map<string, string[]>()
  for (const image of listed) for (const chainId of image.chains) holders.set(chainId, [...(holders.get(chainId) ?? []), image.id])
  const size = (chainId: string): number => snapshot.chainSizes.get(chainId) ?? 0

  const imageTiles = listed.map((image) => {
    const uniqueBytes = image.chains.reduce((sum, chainId) => sum + ((holders.get(chainId)?.length ?? 0) === 1 ? size(chainId) : 0), 0)
    const total = image.chains.reduce((sum, chainId) => sum + size(chainId), 0)
    return {
      id: image.id,
      names: imageNames(image),
      uniqueBytes,
      sharedBytes: total - uniqueBytes,
      planned: images.deleted.has(image.id),
      protected: snapshot.pinned.has(image.id) || hasKeepLabel(image.labels),
    }
  })
  const poolLayers = [...holders].filter(([, ids]) => ids.length > 1).map(([chainId, ids]) => ({ chainId, bytes: size(chainId), holders: ids, freed: freedChains.has(chainId) }))
  const pool = poolLayers.reduce((sum, layer) => sum + layer.bytes, 0)
  const poolFreed = poolLayers.reduce((sum, layer) => sum + (layer.freed ? layer.bytes : 0), 0)

  const plannedContainers = new Set(images.containers.map((container) => container.id))
  const plannedEntries = new Set(cache.entries.map((entry) => entry.id))
  const before: CleanupBytes = {
    // On the containerd store the images' content blobs sit beside their snapshots (the tiles): freed.layers counts both.
    layers: imageTiles.reduce((sum, tile) => sum + tile.uniqueBytes, 0) + pool + contentBytes,
    containers: snapshot.containers.reduce((sum, container) => sum + container.sizeRw, 0),
    buildCache: snapshot.buildCache.reduce((sum, entry) => sum + entry.size, 0),
    volumes: snapshot.volumes.reduce((sum, volume) => sum + volumeBytes(volume), 0),
  }
  const logs = logsOf(snapshot)
  const logBytes = logs.logs.reduce((sum, log) => sum + log.bytes, 0)
  return {
    images: imageTiles,
    sharedPool: { bytes: pool, freedBytes: poolFreed, layers: poolLayers },
    containers: snapshot.containers.map((container) => ({
      id: container.id,
      names: container.names,
      imageId: container.imageId,
      state: container.state,
      writableBytes: container.sizeRw,
      planned: plannedContainers.has(container.id),
    })),
    buildCache: snapshot.buildCache.map((entry) => ({
      id: entry.id,
      type: entry.type,
      description: entry.description,
      bytes: entry.size,
      inUse: entry.inUse,
      shared: entry.shared,
      planned: plannedEntries.has(entry.id),
    })),
    volumes: snapshot.volumes.map((volume) => ({
      name: volume.name,
      anonymous: volume.anonymous,
      bytes: volumeBytes(volume),
      inUse: volume.mountedBy.length > 0 || volume.refCount > 0,
      planned: plannedVolumes.has(volume.name),
    })),
    ...logs,
    before: totals(before, logBytes),
    after: totals({ layers: before.layers - freed.layers, containers: before.containers - freed.containers, buildCache: before.buildCache - freed.buildCache, volumes: before.volumes - freed.volumes }, logBytes),
    engineLayersBytes: snapshot.layersSize,
  }
}
