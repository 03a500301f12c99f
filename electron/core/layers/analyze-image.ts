import type { Readable } from 'node:stream'
import { failure } from '../../../shared/errors'
import { problem } from '../../../shared/problems'
import type { FileChangeView, ImageAnalysis } from '../../../shared/types'
import { chainIds } from '../images/chain'
import { analyzeStack, type FileChange } from './analysis'
import { diveFigures } from './dive-figures'
import { readImageExport, type Platform } from './export-reader'
import type { LayerCache } from './layer-cache'
import { readStack, stackOfExport, type ImageAccess, type LayerStack } from './stack'

/** How an export or archive is read: cancelled, one platform of several, with progress. */
export interface ReadOptions {
  signal?: AbortSignal
  platform?: Platform
  /** Bytes of the export read so far, and the expected total when known. */
  onProgress?: (bytes: number, total: number | null) => void
}

export interface AnalyzeOptions extends ReadOptions {
  files?: boolean
  topWasted?: number
}

function changeView({ path, kind, entry, sameContent }: FileChange): FileChangeView {
  return { path, kind, type: entry.type, size: entry.size, mode: entry.mode, uid: entry.uid, gid: entry.gid, link: entry.link, sameContent }
}

export function analysisOf(stack: LayerStack, options: AnalyzeOptions): ImageAnalysis {
  const result = analyzeStack(stack.layers, { keepChanges: options.files === true, topWasted: options.topWasted ?? 50 })
  const chains = chainIds(stack.diffIds)
  return {
    image: { id: stack.imageId, repoTags: stack.repoTags },
    layers: result.layers.map((stats, index) => ({
      index,
      diffId: stack.diffIds[index] ?? '',
      chainId: chains[index] ?? '',
      createdBy: stack.createdBy[index] ?? '',
      size: stats.storedBytes,
      added: stats.added,
      modified: stats.modified,
      removed: stats.removed,
      addedBytes: stats.addedBytes,
      modifiedBytes: stats.modifiedBytes,
      removedBytes: stats.removedBytes,
      modifiedSameContent: stats.modifiedSameContent,
      ...(result.changes === null ? {} : { files: (result.changes[index] ?? []).map(changeView) }),
    })),
    totalBytes: result.totalBytes,
    wastedBytes: result.wastedBytes,
    efficiency: result.efficiency,
    wasted: result.wasted,
    dive: diveFigures(stack.layers),
  }
}

/**
 * Analyzes an engine image: a finished analysis of the same image ID is answered from
 * the cache; otherwise the layer indexes come from the cache or one streamed export.
 */
export async function analyzeEngineImage(access: ImageAccess, ref: string, cache: LayerCache, options: AnalyzeOptions = {}): Promise<ImageAnalysis> {
  const inspect = await access.inspect(ref)
  const repoTags = (inspect.RepoTags ?? []).filter((tag) => tag !== '<none>:<none>')
  const wantsFiles = options.files === true
  if (!wantsFiles) {
    const known = await cache.getAnalysis(inspect.Id)
    // Tags move; everything else about an image ID never changes.
    if (known !== null) return { ...known, image: { id: inspect.Id, repoTags } }
  }
  const { stack, stored } = await readStack(access, inspect.Id, cache, { ...options, inspect })
  // The export may have been fully read when the cancel came: the caller asked to stop, so stop.
  if (options.signal?.aborted === true) {
    await stored
    throw failure('CANCELLED', problem('layer.analysisCancelled'))
  }
  // Analysed while the layer indexes are written to the cache.
  const analysis = analysisOf(stack, options)
  const result = { ...analysis, image: { id: inspect.Id, repoTags } }
  await stored
  if (!wantsFiles) await cache.putAnalysis(result)
  return result
}

/** The layer stack of an image archive on disk (`docker save` output or an OCI layout tar), read as it streams, never loaded. */
export async function archiveStack(stream: Readable, totalBytes: number | null, options: ReadOptions = {}): Promise<LayerStack> {
  const image = await readImageExport(stream, {
    ...(options.signal !== undefined ? { signal: options.signal } : {}),
    ...(options.platform !== undefined ? { platform: options.platform } : {}),
    onBytes: (bytes) => options.onProgress?.(bytes, totalBytes),
  })
  return stackOfExport(image)
}

/** Analyzes an image archive on disk without loading it. */
export async function analyzeArchive(stream: Readable, totalBytes: number | null, options: AnalyzeOptions = {}): Promise<ImageAnalysis> {
  return analysisOf(await archiveStack(stream, totalBytes, options), options)
}
