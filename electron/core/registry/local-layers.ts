import type { EngineConnection } from '../engine/connection'
import type { ImageDataCache } from '../images/image-data'
import { realDigests } from '../images/summary'

/** What the engine holds, for telling which remote images and layers are here already. */
export interface LocalLayers {
  imageIds: Set<string>
  /** Chain IDs of every layer of every image, intermediate ones included: the layer store holds exactly these. */
  chainIds: Set<string>
  /** repository@digest → the image ID it was pulled or pushed as. */
  repoDigests: Map<string, string>
}

/** Lists all images (with the hidden intermediates, whose layers are stored too) and their layers from the inspect cache. */
export async function localLayers(connection: EngineConnection, cache: ImageDataCache): Promise<LocalLayers> {
  const entries = (await connection.docker.listImages({ all: true })) as { Id: string; RepoDigests?: string[] | null }[]
  const data = await cache.getMany(
    connection,
    entries.map((entry) => entry.Id),
  )
  const chainIds = new Set<string>()
  for (const image of data.values()) for (const chainId of image.chainIds) chainIds.add(chainId)
  const repoDigests = new Map<string, string>()
  for (const entry of entries) for (const digest of realDigests(entry.RepoDigests)) repoDigests.set(digest, entry.Id)
  return { imageIds: new Set(entries.map((entry) => entry.Id)), chainIds, repoDigests }
}
