import type { Readable } from 'node:stream'
import type { FileChangeView, ImageAnalysis } from '../../../shared/types'
import type { EngineConnection } from '../engine/connection'
import { chainIds } from '../images/chain'
import { analyzeStack } from './analysis'
import { readImageExport, type Platform } from './export-reader'
import type { LayerCache } from './layer-cache'
import { loadStack, stackOfExport, type LayerStack } from './stack'

export interface AnalyzeOptions {
  files?: boolean
  topWasted?: number
  signal?: AbortSignal
  platform?: Platform
  /** Bytes of the export read so far, and the expected total when known. */
  onProgress?: (bytes: number, total: number | null) => void
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
      ...(result.changes === null
        ? {}
        : { files: (result.changes[index] ?? []).map((change): FileChangeView => ({ ...change.entry, kind: change.kind })) }),
    })),
    totalBytes: result.totalBytes,
    wastedBytes: result.wastedBytes,
    efficiency: result.efficiency,
    wasted: result.wasted,
  }
}

/** Analyzes an engine image: from the layer cache when it can, else by streaming its export once. */
export async function analyzeEngineImage(connection: EngineConnection, ref: string, cache: LayerCache, options: AnalyzeOptions = {}): Promise<ImageAnalysis> {
  return analysisOf(await loadStack(connection, ref, cache, options), options)
}

/** Analyzes an image archive on disk (`docker save` output or an OCI layout tar) without loading it. */
export async function analyzeArchive(stream: Readable, totalBytes: number | null, options: AnalyzeOptions = {}): Promise<ImageAnalysis> {
  const image = await readImageExport(stream, {
    ...(options.signal !== undefined ? { signal: options.signal } : {}),
    ...(options.platform !== undefined ? { platform: options.platform } : {}),
    onBytes: (bytes) => options.onProgress?.(bytes, totalBytes),
  })
  return analysisOf(stackOfExport(image), options)
}
