import type { Readable } from 'node:stream'
import type { ImageAdvice } from '../../../../shared/advice'
import { failure } from '../../../../shared/errors'
import { problem } from '../../../../shared/problems'
import type { EngineConnection } from '../../engine/connection'
import { archiveStack, type ReadOptions } from '../analyze-image'
import type { LayerCache } from '../layer-cache'
import { imageAccessOf, loadStack, type LayerStack } from '../stack'
import type { LayerFiles } from '../types'
import { acrossImages } from './across-images'
import { adviceOf } from './advise'

/**
 * The other local images whose layers the cache holds, as stacks: what the advice
 * compares against without exporting anything. The rest are counted as not read.
 */
async function cachedNeighbours(connection: EngineConnection, self: LayerStack, cache: LayerCache): Promise<{ stacks: LayerStack[]; notRead: number }> {
  const images = await connection.docker.listImages({ all: false })
  const stacks: LayerStack[] = []
  let notRead = 0
  for (const image of images) {
    if (image.Id === self.imageId) continue
    const meta = await cache.getMeta(image.Id)
    const layers = meta === null ? [] : await Promise.all(meta.diffIds.map((diffId) => cache.getLayer(diffId)))
    if (meta === null || !layers.every((layer): layer is LayerFiles => layer !== null)) {
      notRead += 1
      continue
    }
    const repoTags = (image.RepoTags ?? []).filter((tag) => tag !== '<none>:<none>')
    stacks.push({ imageId: image.Id, repoTags, diffIds: meta.diffIds, createdBy: meta.createdBy, layers })
  }
  return { stacks, notRead }
}

/** Advice on an engine image, from the layer cache or one streamed export (which fills the cache). */
export async function adviseEngineImage(connection: EngineConnection, ref: string, cache: LayerCache, options: ReadOptions = {}): Promise<ImageAdvice> {
  const stack = await loadStack(imageAccessOf(connection), ref, cache, options)
  if (options.signal?.aborted === true) throw failure('CANCELLED', problem('layer.adviceCancelled'))
  const neighbours = await cachedNeighbours(connection, stack, cache)
  return { ...adviceOf(stack), acrossImages: acrossImages(stack, neighbours.stacks, neighbours.notRead) }
}

/** Advice on an image archive on disk, without loading it. */
export async function adviseArchive(stream: Readable, totalBytes: number | null, options: ReadOptions = {}): Promise<ImageAdvice> {
  return adviceOf(await archiveStack(stream, totalBytes, options))
}
