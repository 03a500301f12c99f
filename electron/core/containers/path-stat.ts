import type { LayerFileType } from '../../../shared/types'
import type { EngineConnection } from '../engine/connection'
import { engineError } from '../engine/errors'
import { statusCodeOf } from './inspect'

/** A path of the container as its filesystem holds it now (the writable layer's copy when there is one). */
export interface PathStat {
  type: LayerFileType
  size: number
  mode: number
  link: string | null
}

// Go's os.FileMode bits, as the engine writes them in the stat's "mode".
const GO_DIR = 2 ** 31
const GO_SYMLINK = 2 ** 27
const GO_DEVICE = 2 ** 26
const GO_NAMED_PIPE = 2 ** 25
const GO_SOCKET = 2 ** 24
const GO_SETUID = 2 ** 23
const GO_SETGID = 2 ** 22
const GO_CHAR_DEVICE = 2 ** 21
const GO_STICKY = 2 ** 20

function has(mode: number, bit: number): boolean {
  return Math.floor(mode / bit) % 2 === 1
}

function typeOf(mode: number): LayerFileType | null {
  if (has(mode, GO_DIR)) return 'dir'
  if (has(mode, GO_SYMLINK)) return 'symlink'
  if (has(mode, GO_DEVICE)) return has(mode, GO_CHAR_DEVICE) ? 'char' : 'block'
  if (has(mode, GO_NAMED_PIPE)) return 'fifo'
  // A socket: no layer can store one, so there is nothing truthful to call it.
  if (has(mode, GO_SOCKET)) return null
  return 'file'
}

/** Permission bits with setuid, setgid and sticky where a tar header keeps them, as the image tree holds modes. */
export function statOfEngine(stat: { size?: unknown; mode?: unknown; linkTarget?: unknown }): PathStat | null {
  if (typeof stat.mode !== 'number' || typeof stat.size !== 'number') return null
  const type = typeOf(stat.mode)
  if (type === null) return null
  const mode = (stat.mode % 0o1000) + (has(stat.mode, GO_SETUID) ? 0o4000 : 0) + (has(stat.mode, GO_SETGID) ? 0o2000 : 0) + (has(stat.mode, GO_STICKY) ? 0o1000 : 0)
  const link = type === 'symlink' && typeof stat.linkTarget === 'string' ? stat.linkTarget : null
  // Layer tars give links and folders no size: the same here, so a copy-up compares with its image copy.
  return { type, size: type === 'file' ? stat.size : 0, mode, link }
}

interface HeadResponse {
  headers?: Record<string, string | string[] | undefined>
  resume?: () => void
}

/**
 * One path's metadata from HEAD /containers/{id}/archive (X-Docker-Container-Path-Stat:
 * base64 JSON of name, size, mode, mtime, linkTarget). Why this: it is exact (the
 * engine stats the path in the container's filesystem) and bounded (no body at all),
 * and measured at ~4 ms a path where a GET of the same archive, which would add the
 * owner from its tar header, took ~150 ms (the engine starts a tar process per
 * request) and an export of the container streams every file of the image. The
 * stat names no owner, so container-written paths show none. Null when the path is
 * gone (removed since the changes list was read) or is a socket.
 */
export async function statPath(connection: EngineConnection, containerId: string, path: string): Promise<PathStat | null> {
  let response: HeadResponse
  try {
    response = (await connection.docker.getContainer(containerId).infoArchive({ path: `/${path}` })) as HeadResponse
  } catch (error) {
    if (statusCodeOf(error) === 404) return null
    throw engineError(error, connection.endpoint)
  }
  response.resume?.()
  const header = response.headers?.['x-docker-container-path-stat']
  if (typeof header !== 'string') return null
  try {
    return statOfEngine(JSON.parse(Buffer.from(header, 'base64').toString('utf8')) as Record<string, unknown>)
  } catch {
    return null
  }
}
