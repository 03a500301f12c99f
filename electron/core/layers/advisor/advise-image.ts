import type { Readable } from 'node:stream'
import type { ImageAdvice } from '../../../../shared/advice'
import { StrataError } from '../../../../shared/errors'
import type { EngineConnection } from '../../engine/connection'
import { readImageExport, type Platform } from '../export-reader'
import type { LayerCache } from '../layer-cache'
import { loadStack, stackOfExport } from '../stack'
import { adviceOf } from './advise'

export interface AdviseOptions {
  signal?: AbortSignal
  platform?: Platform
  onProgress?: (bytes: number, total: number | null) => void
}

/** Advice on an engine image, from the layer cache or one streamed export (which fills the cache). */
export async function adviseEngineImage(connection: EngineConnection, ref: string, cache: LayerCache, options: AdviseOptions = {}): Promise<ImageAdvice> {
  const stack = await loadStack(connection, ref, cache, options)
  if (options.signal?.aborted === true) throw new StrataError('CANCELLED', 'The advice was cancelled.')
  return adviceOf(stack)
}

/** Advice on an image archive on disk, without loading it. */
export async function adviseArchive(stream: Readable, totalBytes: number | null, options: AdviseOptions = {}): Promise<ImageAdvice> {
  const image = await readImageExport(stream, {
    ...(options.signal !== undefined ? { signal: options.signal } : {}),
    ...(options.platform !== undefined ? { platform: options.platform } : {}),
    onBytes: (bytes) => options.onProgress?.(bytes, totalBytes),
  })
  return adviceOf(stackOfExport(image))
}
