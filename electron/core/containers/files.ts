import { CONTAINER_FILES_STAT_LIMIT, type ContainerFileEntry, type ContainerFileListing, type ContainerFileOrigin } from '../../../shared/container-files'
import { StrataError } from '../../../shared/errors'
import type { ContainerChange, TreeEntry } from '../../../shared/types'
import type { EngineConnection } from '../engine/connection'
import type { Node } from '../layers/analysis'
import type { LayerExplorer } from '../layers/explorer'
import { writableLayerChanges } from './changes'
import { inspectContainer } from './inspect'
import { folderState, indexChanges, nodeAt, planFolder, type PlannedEntry } from './file-origins'
import { statPath, type PathStat } from './path-stat'

const STAT_LIMIT = CONTAINER_FILES_STAT_LIMIT
const STATS_IN_FLIGHT = 8

const CHANGE_OF: Record<ContainerFileOrigin, TreeEntry['change']> = { image: null, added: 'added', 'copied-up': 'modified', deleted: 'removed' }

async function statAll(connection: EngineConnection, containerId: string, paths: string[]): Promise<Map<string, PathStat | null>> {
  const stats = new Map<string, PathStat | null>()
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < paths.length) {
      const path = paths[next] ?? ''
      next += 1
      stats.set(path, await statPath(connection, containerId, path))
    }
  }
  await Promise.all(Array.from({ length: Math.min(STATS_IN_FLIGHT, paths.length) }, worker))
  return stats
}

function entryOf(planned: PlannedEntry, stat: PathStat | null | undefined, writableLayer: number, folderBytes: (node: Node) => number): ContainerFileEntry {
  const fromContainer = stat !== undefined && stat !== null
  const image = planned.image?.entry ?? null
  const imageIsDir = planned.image !== null && planned.image.children !== null
  const inContainer = planned.origin === 'added' || planned.origin === 'copied-up'
  // Without its own metadata a changed path with changes below is a folder; the rest read as files.
  const type = fromContainer ? stat.type : inContainer ? (planned.childCount > 0 ? 'dir' : (image?.type ?? 'file')) : (image?.type ?? (imageIsDir ? 'dir' : 'file'))
  const size = type === 'dir' ? (planned.origin === 'image' && planned.image !== null ? folderBytes(planned.image) : 0) : fromContainer ? stat.size : inContainer ? 0 : (image?.size ?? 0)
  const imageMeta = !inContainer
  return {
    name: planned.name,
    path: planned.path,
    type,
    size,
    mode: fromContainer ? stat.mode : imageMeta ? (image?.mode ?? 0o755) : 0,
    uid: imageMeta ? (image?.uid ?? 0) : 0,
    gid: imageMeta ? (image?.gid ?? 0) : 0,
    link: fromContainer ? stat.link : imageMeta ? (image?.link ?? null) : null,
    change: CHANGE_OF[planned.origin],
    sameContent: null,
    childCount: planned.childCount,
    layer: inContainer ? writableLayer : (planned.image?.layer ?? writableLayer),
    origin: planned.origin,
    imageLayer: planned.origin === 'added' ? null : (planned.image?.layer ?? null),
    metadataFrom: fromContainer ? 'container' : imageMeta ? 'image' : null,
    ownerKnown: imageMeta,
  }
}

/**
 * One folder of a container's filesystem: the image's merged tree (read through
 * the layer cache, so an image is exported at most once) under the container's
 * writable layer (GET /containers/{id}/changes, read afresh each time: a running
 * container keeps writing). Paths the container wrote get their own metadata from
 * the engine, at most STAT_LIMIT per folder.
 */
export async function containerFiles(connection: EngineConnection, explorer: LayerExplorer, id: string, path: string, onlyChanges: boolean): Promise<ContainerFileListing> {
  const inspect = await inspectContainer(connection, id)
  const [{ changes }, image] = await Promise.all([writableLayerChanges(connection, inspect.Id), explorer.topTree(connection, inspect.Image)])
  const index = indexChanges(changes)
  const state = folderState(index, image.root, path)
  if (state === 'absent') throw new StrataError('NOT_FOUND', `No /${path} in the container.`, { path })
  const folder = nodeAt(image.root, path)
  await checkFolder(connection, inspect.Id, path, state === 'deleted' ? undefined : index.kinds.get(path), folder, index.children.has(path))
  const planned = planFolder(folder, index, path, state === 'deleted', onlyChanges)
  const toRead = planned.filter((entry) => entry.origin === 'added' || entry.origin === 'copied-up').map((entry) => entry.path)
  const stats = await statAll(connection, inspect.Id, toRead.slice(0, STAT_LIMIT))
  const writableLayer = image.createdBy.length
  const entries = planned.map((entry) => entryOf(entry, stats.get(entry.path), writableLayer, (node) => explorer.folderBytes(node)))
  entries.sort((a, b) => ((a.type === 'dir') === (b.type === 'dir') ? a.name.localeCompare(b.name) : a.type === 'dir' ? -1 : 1))
  return { containerId: inspect.Id, imageId: image.imageId, path, entries, layers: image.createdBy, unread: Math.max(0, toRead.length - STAT_LIMIT) }
}

/** Refuses a path that is not a folder in the container: the image's copy says so, unless the container wrote the path (then its own copy does). */
async function checkFolder(connection: EngineConnection, containerId: string, path: string, kind: ContainerChange['kind'] | undefined, imageCopy: Node | undefined, changesBelow: boolean): Promise<void> {
  if (path === '' || changesBelow) return
  if (kind === undefined || kind === 'deleted') {
    if (imageCopy?.children === null) throw new StrataError('INVALID_INPUT', `/${path} is not a folder.`, { path })
    return
  }
  const own = await statPath(connection, containerId, path)
  if (own?.type !== 'dir') throw new StrataError('INVALID_INPUT', `/${path} is not a folder in the container.`, { path })
}
