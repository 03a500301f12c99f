import { Readable } from 'node:stream'
import { StrataError } from '../../../shared/errors'
import type { FileChangeView, ImageAnalysis } from '../../../shared/types'
import type { EngineConnection } from '../engine/connection'
import { chainIds } from '../images/chain'
import { cleanCreatedBy } from '../images/history'
import type { ImageInspect } from '../images/image-data'
import { analyzeStack } from './analysis'
import { readImageExport, type ExportedImage, type Platform } from './export-reader'

export interface AnalyzeOptions {
  files?: boolean
  topWasted?: number
  signal?: AbortSignal
  platform?: Platform
  /** Bytes of the export read so far, and the expected total when known. */
  onProgress?: (bytes: number, total: number | null) => void
}

/** The instruction of each layer, exact: the exported config still carries empty_layer. */
function layerInstructions(image: ExportedImage): string[] {
  const steps = (image.config.history ?? []).filter((step) => step.empty_layer !== true)
  return image.layers.map((_layer, index) => cleanCreatedBy(steps[index]?.created_by ?? ''))
}

export function analysisOf(image: ExportedImage, options: AnalyzeOptions): ImageAnalysis {
  const stack = analyzeStack(
    image.layers.map((layer) => layer.files),
    { keepChanges: options.files === true, topWasted: options.topWasted ?? 50 },
  )
  const chains = chainIds(image.layers.map((layer) => layer.diffId))
  const instructions = layerInstructions(image)
  return {
    image: { id: image.imageId, repoTags: image.repoTags },
    layers: stack.layers.map((stats, index) => ({
      index,
      diffId: image.layers[index]?.diffId ?? '',
      chainId: chains[index] ?? '',
      createdBy: instructions[index] ?? '',
      size: stats.storedBytes,
      added: stats.added,
      modified: stats.modified,
      removed: stats.removed,
      addedBytes: stats.addedBytes,
      modifiedBytes: stats.modifiedBytes,
      removedBytes: stats.removedBytes,
      ...(stack.changes === null
        ? {}
        : {
            files: (stack.changes[index] ?? []).map(
              (change): FileChangeView => ({ ...change.entry, kind: change.kind }),
            ),
          }),
    })),
    totalBytes: stack.totalBytes,
    wastedBytes: stack.wastedBytes,
    efficiency: stack.efficiency,
    wasted: stack.wasted,
  }
}

/** Analyzes an image of the engine by streaming its export (GET /images/{id}/get); nothing is written to disk. */
export async function analyzeEngineImage(connection: EngineConnection, ref: string, options: AnalyzeOptions = {}): Promise<ImageAnalysis> {
  const inspect = (await connection.docker.getImage(ref).inspect()) as ImageInspect
  const stream = await connection.docker.getImage(inspect.Id).get()
  // dockerode types it loosely; it is the HTTP response, a Node Readable.
  if (!(stream instanceof Readable)) throw new StrataError('INTERNAL', 'The engine export did not arrive as a stream.')
  options.signal?.addEventListener('abort', () => stream.destroy(), { once: true })
  const image = await readImageExport(stream, {
    imageId: inspect.Id,
    ...(options.signal !== undefined ? { signal: options.signal } : {}),
    // The export is the layers' tars plus small metadata: the image size is a close estimate.
    onBytes: (bytes) => options.onProgress?.(bytes, inspect.Size),
  })
  return analysisOf({ ...image, repoTags: image.repoTags.length > 0 ? image.repoTags : (inspect.RepoTags ?? []) }, options)
}

/** Analyzes an image archive on disk (`docker save` output or an OCI layout tar) without loading it. */
export async function analyzeArchive(stream: Readable, totalBytes: number | null, options: AnalyzeOptions = {}): Promise<ImageAnalysis> {
  const image = await readImageExport(stream, {
    ...(options.signal !== undefined ? { signal: options.signal } : {}),
    ...(options.platform !== undefined ? { platform: options.platform } : {}),
    onBytes: (bytes) => options.onProgress?.(bytes, totalBytes),
  })
  return analysisOf(image, options)
}
