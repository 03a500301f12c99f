import type { LayersBytesSource } from '../../../shared/types'
import type { EngineConnection } from '../engine/connection'
import { readSystemDf } from '../system/system-df'
import { ChainSizes, resolveChainSizes } from './chain-sizes'
import type { ImageDataCache, InspectData } from './image-data'
import type { ImageListEntry } from './summary'


/**
 * The bytes every distinct layer takes, counted once: what Docker reports as LayersSize.
 * An engine that reports none while it holds images (Podman's compatibility API always
 * answers 0) gets the same figure computed from what is there now: the chain IDs of the
 * images it lists and each layer's size. Listed images cover every hidden parent's
 * layers, since a parent's chain is a prefix of its child's.
 */
export function sumChainBytes(images: Iterable<Pick<InspectData, 'chainIds'>>, sizes: { get(chainId: string): number | undefined }): number {
  const seen = new Set<string>()
  let total = 0
  for (const image of images) {
    for (const chainId of image.chainIds) {
      if (seen.has(chainId)) continue
      seen.add(chainId)
      total += sizes.get(chainId) ?? 0
    }
  }
  return total
}

/** Whether LayersSize can be believed: an engine holding images with bytes reports more than 0. */
export function engineReportsLayers(layersSize: number | undefined, imageSizes: readonly number[]): boolean {
  return layersSize !== undefined && (layersSize > 0 || imageSizes.every((size) => size <= 0))
}

/** Measures the engine's layer bytes now (after a delete, say); see sumChainBytes for engines without LayersSize. */
export async function measureLayersBytes(connection: EngineConnection, cache: ImageDataCache): Promise<{ bytes: number; source: LayersBytesSource }> {
  const [df, listed] = await Promise.all([readSystemDf<{ LayersSize?: number }>(connection), connection.docker.listImages() as Promise<ImageListEntry[]>])
  if (engineReportsLayers(df.LayersSize, listed.map((image) => image.Size))) return { bytes: df.LayersSize ?? 0, source: 'engine' }
  const data = await cache.getMany(connection, listed.map((image) => image.Id))
  const sizes = new ChainSizes()
  await resolveChainSizes(connection, cache, sizes, [...data.values()])
  return { bytes: sumChainBytes(data.values(), sizes), source: 'images' }
}
