import { Readable } from 'node:stream'
import { failure } from '../../../shared/errors'
import { problem } from '../../../shared/problems'
import type { EngineConnection } from '../engine/connection'
import type { Endpoint } from '../engine/endpoint'
import { getOverSocket } from '../engine/socket-get'
import { cleanCreatedBy } from '../images/history'
import type { ImageInspect } from '../images/image-data'
import { readImageExport, type ExportedImage } from './export-reader'
import { claimEarlyExport } from './early-export'
import type { LayerCache } from './layer-cache'
import type { LayerFiles } from './types'

/** An image as the layer tools see it: its layers' file indexes bottom first, with their instructions. */
export interface LayerStack {
  imageId: string
  repoTags: string[]
  diffIds: string[]
  createdBy: string[]
  layers: LayerFiles[]
}

/** The instruction of each layer, exact: the exported config still carries empty_layer. */
export function instructionsOf(image: ExportedImage): string[] {
  const steps = (image.config.history ?? []).filter((step) => step.empty_layer !== true)
  return image.layers.map((_layer, index) => cleanCreatedBy(steps[index]?.created_by ?? ''))
}

export function stackOfExport(image: ExportedImage): LayerStack {
  return {
    imageId: image.imageId,
    repoTags: image.repoTags,
    diffIds: image.layers.map((layer) => layer.diffId),
    createdBy: instructionsOf(image),
    layers: image.layers.map((layer) => layer.files),
  }
}

/**
 * What reading an engine image's layers asks of the engine: the core asks through its
 * connection (`imageAccessOf`); `strata analyze` on a local socket asks without loading
 * the engine client at all (host/cli-analyze-direct.ts).
 */
export interface ImageAccess {
  inspect(ref: string): Promise<ImageInspect>
  exportStream(imageId: string, signal?: AbortSignal): Promise<Readable>
}

export function imageAccessOf(connection: EngineConnection): ImageAccess {
  return {
    inspect: (ref) => connection.docker.getImage(ref).inspect(),
    exportStream: (imageId, signal) => exportStream(connection, imageId, signal),
  }
}

/**
 * The export over the engine's local socket, read by socket-get.ts (faster than the http
 * client under dockerode for hundreds of MB); null when that path is not open or the
 * engine answered anything but 200, so dockerode asks again and words the engine's error.
 */
async function exportOverSocket(endpoint: Endpoint, imageId: string, signal?: AbortSignal): Promise<Readable | null> {
  const { kind, address } = endpoint
  // Only an ID goes into the path as it is (dockerode would escape anything else).
  if ((kind !== 'unix' && kind !== 'npipe') || !/^sha256:[0-9a-f]{64}$/.test(imageId)) return null
  if (signal?.aborted === true) throw failure('CANCELLED', problem('layer.exportCancelled'))
  const request = getOverSocket(address, `/images/${imageId}/get`)
  // The engine writes the whole export before its first byte (seconds): a cancel meanwhile drops the request at once.
  const cancel = (): void => {
    request.destroy()
  }
  signal?.addEventListener('abort', cancel, { once: true })
  try {
    const answer = await request.answer
    if (answer.statusCode === 200) return answer.body
    answer.body.destroy()
  } catch {
    // dockerode reports what is wrong with the engine.
  } finally {
    signal?.removeEventListener('abort', cancel)
  }
  // Read again after the wait (a check before it would let TypeScript assume it still false).
  if (isAborted(signal)) throw failure('CANCELLED', problem('layer.exportCancelled'))
  return null
}

function isAborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true
}

/**
 * The export of `imageId` read straight from a local socket: the one the command line
 * asked for before the core loaded when it is this image's from this engine, else a
 * new request; null when neither is to be had (the engine client then asks).
 */
export async function localExport(endpoint: Endpoint, imageId: string, signal?: AbortSignal): Promise<Readable | null> {
  const early = endpoint.kind === 'unix' ? await claimEarlyExport(endpoint.address, imageId) : null
  const stream = early ?? (await exportOverSocket(endpoint, imageId, signal))
  return stream === null ? null : cancellable(stream, signal)
}

function cancellable(stream: Readable, signal: AbortSignal | undefined): Readable {
  if (signal?.aborted === true) stream.destroy(failure('CANCELLED', problem('layer.exportCancelled')))
  signal?.addEventListener('abort', () => stream.destroy(failure('CANCELLED', problem('layer.exportCancelled'))), { once: true })
  return stream
}

export async function exportStream(connection: EngineConnection, imageId: string, signal?: AbortSignal): Promise<Readable> {
  const local = await localExport(connection.endpoint, imageId, signal)
  if (local !== null) return local
  const stream: unknown = await connection.docker.getImage(imageId).get()
  // dockerode types it loosely; it is the HTTP response, a Node Readable.
  if (!(stream instanceof Readable)) throw failure('INTERNAL', problem('layer.exportNotStream'))
  return cancellable(stream, signal)
}

export interface StackOptions {
  /** The image's inspect answer when the caller has it already: one round trip less before the export. */
  inspect?: ImageInspect
  signal?: AbortSignal
  onProgress?: (bytes: number, total: number | null) => void
}

/**
 * The layer stack of an engine image: from the cache when every layer is indexed
 * already (no export at all), otherwise by streaming the export once and filling
 * the cache.
 */
export async function loadStack(access: ImageAccess, ref: string, cache: LayerCache, options: StackOptions = {}): Promise<LayerStack> {
  const { stack, stored } = await readStack(access, ref, cache, options)
  await stored
  return stack
}

/**
 * As `loadStack`, but answers as soon as the stack is known: `stored` settles once the
 * cache holds it. A caller with work of its own to do (an analysis) does it meanwhile,
 * rather than after a dozen file-system round trips and the cache folder's cap check.
 */
export async function readStack(access: ImageAccess, ref: string, cache: LayerCache, options: StackOptions = {}): Promise<{ stack: LayerStack; stored: Promise<void> }> {
  const inspect: ImageInspect = options.inspect ?? (await access.inspect(ref))
  const repoTags = (inspect.RepoTags ?? []).filter((tag) => tag !== '<none>:<none>')
  const meta = await cache.getMeta(inspect.Id)
  if (meta !== null) {
    const layers = await Promise.all(meta.diffIds.map((diffId) => cache.getLayer(diffId)))
    if (layers.every((layer): layer is LayerFiles => layer !== null)) {
      options.onProgress?.(inspect.Size, inspect.Size)
      return { stack: { imageId: inspect.Id, repoTags, diffIds: meta.diffIds, createdBy: meta.createdBy, layers }, stored: Promise.resolve() }
    }
  }
  const stream = await access.exportStream(inspect.Id, options.signal)
  const image = await readImageExport(stream, {
    imageId: inspect.Id,
    ...(options.signal !== undefined ? { signal: options.signal } : {}),
    // The export is the layers' tars plus small metadata: the image size is a close estimate.
    onBytes: (bytes) => options.onProgress?.(bytes, inspect.Size),
  })
  const stack = { ...stackOfExport(image), imageId: inspect.Id, repoTags }
  const stored = (async () => {
    await cache.putLayers(
      stack.diffIds.flatMap((diffId, index) => {
        const files = stack.layers[index]
        return files === undefined ? [] : [[diffId, files] as const]
      }),
    )
    await cache.putMeta({ imageId: inspect.Id, diffIds: stack.diffIds, createdBy: stack.createdBy })
  })()
  return { stack, stored }
}
