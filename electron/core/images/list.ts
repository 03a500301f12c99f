import type { ImageSummary } from '../../../shared/types'
import type { EngineConnection } from '../engine/connection'
import { summaryFromInspect, summaryFromListEntry, type ImageInspect, type ImageListEntry } from './summary'

export async function listImages(connection: EngineConnection, options: { dangling?: boolean }): Promise<ImageSummary[]> {
  const filters = options.dangling === undefined ? undefined : JSON.stringify({ dangling: [String(options.dangling)] })
  const entries = (await connection.docker.listImages(filters === undefined ? {} : { filters })) as ImageListEntry[]
  return entries.map(summaryFromListEntry)
}

/** One image by ID, ID prefix, or reference. */
export async function getImage(connection: EngineConnection, ref: string): Promise<ImageSummary> {
  const inspect = (await connection.docker.getImage(ref).inspect()) as ImageInspect
  return summaryFromInspect(inspect)
}
