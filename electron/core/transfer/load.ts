import { Transform } from 'node:stream'
import { failure } from '../../../shared/errors'
import { problem } from '../../../shared/problems'
import type { ImageRef, LoadResult, TransferLayer } from '../../../shared/types'
import type { EngineConnection } from '../engine/connection'
import { engineError } from '../engine/errors'
import type { ImageInspect } from '../images/image-data'
import { realTags } from '../images/summary'
import { engineLoad } from '../registry/engine-calls'
import { TransferTracker, followStream } from '../registry/transfer-tracker'
import { openRegularFile } from './file-checks'
import { sourceError } from './file-errors'

export interface LoadOptions {
  signal: AbortSignal
  /** Bytes of the file sent to the engine, of its size. */
  onBytes?: (sent: number, total: number) => void
  onLayer?: (layer: TransferLayer) => void
}

const LOADED = /^Loaded image(?: ID)?: (.+)$/

/**
 * POST /images/load with the file; the engine answers what it loaded, or an error line
 * inside its 200. The file is read from one descriptor, opened and checked before any
 * byte is sent and closed however the call ends (a cancel, the client going away).
 */
export async function loadImages(connection: EngineConnection, file: string, options: LoadOptions): Promise<LoadResult> {
  const { handle, size: total } = await openRegularFile(file)
  const tracker = new TransferTracker(options.onLayer === undefined ? {} : { onLayer: options.onLayer })
  // The stream never closes the descriptor itself: the finally below does, once, after the stream is gone.
  const source = handle.createReadStream({ autoClose: false })
  // A read that fails mid-way (a disk error) is the file's fault, not the engine's.
  let readFailure: unknown = null
  let sent = 0
  const body = source.pipe(
    new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        sent += chunk.length
        options.onBytes?.(sent, total)
        callback(null, chunk)
      },
    }),
  )
  source.on('error', (error) => {
    readFailure = error
    body.destroy(error)
  })
  try {
    const answer = await engineLoad(connection, body, options.signal)
    await followStream(answer, tracker, options.signal)
  } catch (error) {
    throw readFailure === null ? engineError(error, connection.endpoint) : sourceError(file, readFailure)
  } finally {
    // pipe() does not pass a destroy upstream: the file stream must be stopped on its own.
    body.destroy()
    source.destroy()
    await handle.close()
  }
  if (tracker.error !== null) throw failure('INVALID_INPUT', problem('transfer.loadFailed', { path: file, reason: tracker.error.message }), { path: file })
  const loaded = tracker.streamLines.flatMap((line) => {
    const match = LOADED.exec(line)
    return match?.[1] === undefined ? [] : [match[1].trim()]
  })
  const images: ImageRef[] = []
  for (const name of loaded) {
    try {
      const inspect = (await connection.docker.getImage(name).inspect()) as ImageInspect
      if (!images.some((image) => image.id === inspect.Id)) images.push({ id: inspect.Id, repoTags: realTags(inspect.RepoTags) })
    } catch (error) {
      throw engineError(error, connection.endpoint)
    }
  }
  return { loaded, images }
}
