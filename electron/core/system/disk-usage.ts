import type { DiskUsage } from '../../../shared/types'
import type { EngineConnection } from '../engine/connection'
import { readSystemDf } from './system-df'

interface SystemDf {
  LayersSize?: number
  Images?: { Containers: number; Size: number; SharedSize: number }[] | null
  Containers?: { SizeRw?: number }[] | null
  Volumes?: { UsageData?: { Size: number } | null }[] | null
  BuildCache?: { Size: number }[] | null
}

/**
 * What the engine itself reports in /system/df. "Reclaimable" here is the engine's
 * own figure (the docker CLI's arithmetic); the cleanup planner computes the
 * honest per-layer figure.
 */
export async function getDiskUsage(connection: EngineConnection): Promise<DiskUsage> {
  const df = await readSystemDf<SystemDf>(connection)
  const images = df.Images ?? []
  const layersBytes = df.LayersSize ?? 0
  // The docker CLI's own formula, so the figure matches `docker system df`.
  const usedBytes = images
    .filter((image) => image.Containers > 0 && image.Size >= 0 && image.SharedSize >= 0)
    .reduce((sum, image) => sum + image.Size - image.SharedSize, 0)
  const containers = df.Containers ?? []
  const volumes = df.Volumes ?? []
  const cache = df.BuildCache ?? []
  return {
    images: { count: images.length, bytes: layersBytes, reclaimableBytes: layersBytes - usedBytes },
    containers: { count: containers.length, writableBytes: containers.reduce((sum, container) => sum + (container.SizeRw ?? 0), 0) },
    volumes: { count: volumes.length, bytes: volumes.reduce((sum, volume) => sum + Math.max(0, volume.UsageData?.Size ?? 0), 0) },
    buildCache: { count: cache.length, bytes: cache.reduce((sum, entry) => sum + entry.Size, 0) },
  }
}
