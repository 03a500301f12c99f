import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { Transform } from 'node:stream'
import { StrataError } from '../../../shared/errors'
import type { ImageRef, LoadResult, TransferLayer } from '../../../shared/types'
import type { EngineConnection } from '../engine/connection'
import { engineError } from '../engine/errors'
import type { ImageInspect } from '../images/image-data'
import { realTags } from '../images/summary'
import { engineLoad } from '../registry/engine-calls'
import { TransferTracker, followStream } from '../registry/transfer-tracker'

export interface LoadOptions {
  signal: AbortSignal
  /** Bytes of the file sent to the engine, of its size. */
  onBytes?: (sent: number, total: number) => void
  onLayer?: (layer: TransferLayer) => void
}

const LOADED = /^Loaded image(?: ID)?: (.+)$/

/** POST /images/load with the file; the engine answers what it loaded, or an error line inside its 200. */
export async function loadImages(connection: EngineConnection, path: string, options: LoadOptions): Promise<LoadResult> {
  const file = resolve(path)
  let total: number
  try {
    total = (await stat(file)).size
  } catch (error) {
    throw new StrataError('NOT_FOUND', `Cannot read ${file}: ${(error as Error).message}`, { path: file })
  }
  let sent = 0
  const body = createReadStream(file).pipe(
    new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        sent += chunk.length
        options.onBytes?.(sent, total)
        callback(null, chunk)
      },
    }),
  )
  const tracker = new TransferTracker(options.onLayer === undefined ? {} : { onLayer: options.onLayer })
  try {
    const answer = await engineLoad(connection, body, options.signal)
    await followStream(answer, tracker, options.signal)
  } catch (error) {
    body.destroy()
    throw engineError(error, connection.endpoint)
  }
  if (tracker.error !== null) throw new StrataError('INVALID_INPUT', `The engine could not load ${file}: ${tracker.error.message}`, { path: file })
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
