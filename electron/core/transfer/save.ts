import { randomBytes } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { Transform, type Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { failure } from '../../../shared/errors'
import { problem } from '../../../shared/problems'
import type { ImageRef, SaveResult } from '../../../shared/types'
import type { EngineConnection } from '../engine/connection'
import { engineError } from '../engine/errors'
import type { ImageInspect } from '../images/image-data'
import { realTags } from '../images/summary'
import { checkDestination } from './file-checks'
import { destinationError } from './file-errors'

export interface SaveOptions {
  signal: AbortSignal
  /** Bytes written so far, and an estimate of the total (one image's size) when there is one. */
  onBytes?: (written: number, total: number | null) => void
}

/** A counter in the pipe: the engine sends no length for an export. */
function counting(onChunk: (bytes: number) => void): Transform {
  let bytes = 0
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length
      onChunk(bytes)
      callback(null, chunk)
    },
  })
}

/** A name beside the target, so the final rename stays on one filesystem. */
export function partialPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(4).toString('hex')}.strata-partial`)
}

/**
 * Writes `docker save` of one or more images (GET /images/get?names=…) to `target`. The
 * bytes go to a file beside it that is renamed at the end, so a failed or cancelled
 * save leaves nothing under the target name (an existing file there stays as it was).
 * A symbolic link at the target is replaced by the file, never written through.
 */
export async function saveImages(connection: EngineConnection, refs: string[], target: string, options: SaveOptions): Promise<SaveResult> {
  await checkDestination(target)
  const images: ImageRef[] = []
  let size = 0
  try {
    for (const ref of refs) {
      const inspect = (await connection.docker.getImage(ref).inspect()) as ImageInspect
      if (!images.some((image) => image.id === inspect.Id)) {
        images.push({ id: inspect.Id, repoTags: realTags(inspect.RepoTags) })
        size += inspect.Size
      }
    }
  } catch (error) {
    throw engineError(error, connection.endpoint)
  }
  // One image's export is about its layers' size; several share layers, so a sum would overshoot.
  const estimate = images.length === 1 ? size : null
  const partial = partialPathFor(target)
  let written = 0
  // Which side failed decides whom the message blames: the file being written, or the engine sending it.
  let writeFailure: unknown = null
  try {
    // dockerode has GET /images/get (several names) at run time; its type declarations omit it.
    const docker = connection.docker as unknown as { getImages(options: { names: string[]; abortSignal: AbortSignal }): Promise<Readable> }
    const source = await docker.getImages({ names: refs, abortSignal: options.signal })
    const output = createWriteStream(partial, { flags: 'wx', mode: 0o644 })
    output.on('error', (error) => {
      writeFailure = error
    })
    await pipeline(
      source,
      counting((bytes) => {
        written = bytes
        options.onBytes?.(bytes, estimate)
      }),
      output,
      { signal: options.signal },
    )
    await rename(partial, target).catch((error: unknown) => {
      writeFailure = error
      throw error
    })
  } catch (error) {
    await rm(partial, { force: true })
    if (options.signal.aborted) throw failure('CANCELLED', problem('transfer.saveCancelled'), { path: target })
    if (writeFailure !== null) throw destinationError(target, writeFailure)
    throw engineError(error, connection.endpoint)
  }
  return { path: target, bytes: written, images }
}
