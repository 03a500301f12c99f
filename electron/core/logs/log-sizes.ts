import { stat } from 'node:fs/promises'
import type { ContainerLogSize, LogSizeReason } from '../../../shared/types'
import type { EngineConnection } from '../engine/connection'
import { engineError } from '../engine/errors'
import { eachLimited } from '../images/image-data'
import { inspectContainer, statusCodeOf } from '../containers/inspect'
import { logSizeOf, type LogSource } from './log-files'

/** The fields of GET /containers/{id}/json this domain reads. */
interface LogInspect {
  Id: string
  LogPath?: string
  HostConfig?: { LogConfig?: { Type?: string; Config?: Record<string, string> | null } | null } | null
}

export function logSourceOf(inspect: LogInspect): LogSource {
  const config = inspect.HostConfig?.LogConfig
  return { id: inspect.Id, driver: config?.Type ?? '', options: { ...(config?.Config ?? {}) }, logPath: inspect.LogPath ?? '' }
}

/**
 * A container's log driver and options are fixed when it is created, and so is where its file
 * goes (json-file's LogPath, empty until the first start, is always the place activeLogFile
 * falls back to): each container is inspected once per connection, so measuring again (every
 * minute, for 1,000 containers) costs one list and the stats, not 1,000 inspects.
 */
const known = new WeakMap<EngineConnection, Map<string, LogSource>>()
const places = new WeakMap<EngineConnection, Promise<{ dataRoot: string | null; notReadable: LogSizeReason | null }>>()

const INSPECTS_AT_ONCE = 16

/**
 * Whether this host can see the engine's files: only an engine on a local socket or pipe,
 * and only when its data root is here (Docker Desktop's socket is local, its engine and
 * files are in a VM).
 */
async function placeOf(connection: EngineConnection): Promise<{ dataRoot: string | null; notReadable: LogSizeReason | null }> {
  if (connection.endpoint.kind !== 'unix' && connection.endpoint.kind !== 'npipe') return { dataRoot: null, notReadable: 'remote-engine' }
  let dataRoot: string | null
  try {
    dataRoot = ((await connection.docker.info()) as { DockerRootDir?: string }).DockerRootDir ?? null
  } catch (error) {
    throw engineError(error, connection.endpoint)
  }
  if (dataRoot === null || dataRoot === '') return { dataRoot: null, notReadable: null }
  try {
    await stat(dataRoot)
    return { dataRoot, notReadable: null }
  } catch (error) {
    const code = (error as { code?: unknown }).code
    return { dataRoot, notReadable: code === 'EACCES' || code === 'EPERM' ? 'no-permission' : 'remote-engine' }
  }
}

function placeFor(connection: EngineConnection): Promise<{ dataRoot: string | null; notReadable: LogSizeReason | null }> {
  let place = places.get(connection)
  if (place === undefined) {
    place = placeOf(connection)
    places.set(connection, place)
    // A failed /info is asked again next time.
    place.catch(() => places.delete(connection))
  }
  return place
}

function cacheOf(connection: EngineConnection): Map<string, LogSource> {
  let cache = known.get(connection)
  if (cache === undefined) {
    cache = new Map()
    known.set(connection, cache)
  }
  return cache
}

/** Inspects the containers not known yet; one removed meanwhile is left out. */
async function sourcesOf(connection: EngineConnection, ids: readonly string[]): Promise<LogSource[]> {
  const cache = cacheOf(connection)
  await eachLimited(
    ids.filter((id) => cache.get(id) === undefined),
    INSPECTS_AT_ONCE,
    async (id) => {
      try {
        cache.set(id, logSourceOf(await connection.docker.getContainer(id).inspect()))
      } catch (error) {
        if (statusCodeOf(error) !== 404) throw engineError(error, connection.endpoint)
      }
    },
  )
  return ids.flatMap((id) => cache.get(id) ?? [])
}

/**
 * The log of every container (or of one, by ID, prefix or name): driver, rotation and size
 * on disk, by stat only. Sizes are null with a reason where this host cannot read them.
 */
export async function readLogSizes(connection: EngineConnection, ref?: string): Promise<ContainerLogSize[]> {
  const place = await placeFor(connection)
  if (ref !== undefined) {
    const source = logSourceOf(await inspectContainer(connection, ref))
    cacheOf(connection).set(source.id, source)
    return [await logSizeOf(source, place.dataRoot, place.notReadable)]
  }
  let ids: string[]
  try {
    ids = (await connection.docker.listContainers({ all: true })).map((entry) => entry.Id)
  } catch (error) {
    throw engineError(error, connection.endpoint)
  }
  const cache = cacheOf(connection)
  const listed = new Set(ids)
  for (const id of cache.keys()) if (!listed.has(id)) cache.delete(id)
  const sources = await sourcesOf(connection, ids)
  const sizes: ContainerLogSize[] = []
  // Stats are cheap, but 1,000 at once would each hold a file handle slot in libuv's pool.
  await eachLimited(sources, INSPECTS_AT_ONCE, async (source) => {
    sizes.push(await logSizeOf(source, place.dataRoot, place.notReadable))
  })
  const order = new Map(ids.map((id, index) => [id, index]))
  return sizes.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0))
}
