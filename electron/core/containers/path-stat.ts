import { Readable } from 'node:stream'
import { StrataError } from '../../../shared/errors'
import type { LayerFileType } from '../../../shared/types'
import type { EngineConnection } from '../engine/connection'
import { engineError } from '../engine/errors'
import { TarReader, type TarHeader } from '../layers/tar-reader'
import { statusCodeOf } from './inspect'

/** A path of the container as its filesystem holds it now (the writable layer's copy when there is one). */
export interface PathStat {
  type: LayerFileType
  size: number
  mode: number
  uid: number
  gid: number
  link: string | null
}

/** Enough for a header with PAX records (long names, extended attributes); a tar whose first entry needs more is not read. */
const HEADER_BYTES_MAX = 64 * 1024

function statOf(header: TarHeader): PathStat | null {
  if (header.kind === 'other') return null
  return { type: header.kind, size: header.size, mode: header.mode & 0o7777, uid: header.uid, gid: header.gid, link: header.kind === 'symlink' || header.kind === 'hardlink' ? header.linkname : null }
}

/**
 * Reads one path's metadata from GET /containers/{id}/archive: the first tar header
 * of the engine's archive of it, then the connection is closed. Why this and not the
 * HEAD form's X-Docker-Container-Path-Stat: that header has no owner, while the tar
 * header carries type, size, mode, owner and link exactly as a commit would store
 * them. Why not an export of the container: that streams every file of the image
 * too. A folder's archive would hold all it contains, and a file's its bytes, but
 * only the first header block (at most HEADER_BYTES_MAX) is ever read, so each path
 * costs one bounded request. Null when the path is gone (removed since the changes
 * list was read) or is something tar does not store (a socket).
 */
export async function statPath(connection: EngineConnection, containerId: string, path: string): Promise<PathStat | null> {
  let stream: Readable
  try {
    const answer = await connection.docker.getContainer(containerId).getArchive({ path: `/${path}` })
    // dockerode types it loosely; it is the HTTP response, a Node Readable.
    if (!(answer instanceof Readable)) throw new StrataError('INTERNAL', 'The engine archive did not arrive as a stream.')
    stream = answer
  } catch (error) {
    if (statusCodeOf(error) === 404) return null
    throw engineError(error, connection.endpoint)
  }
  const first: { header: TarHeader | null } = { header: null }
  const reader = new TarReader((header) => {
    first.header ??= header
    return null
  })
  let read = 0
  try {
    for await (const chunk of stream) {
      const bytes = chunk as Buffer
      reader.push(bytes)
      read += bytes.length
      if (first.header !== null || read >= HEADER_BYTES_MAX) break
    }
  } finally {
    stream.destroy()
  }
  return first.header === null ? null : statOf(first.header)
}
