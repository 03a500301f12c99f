import { CONTAINER_FILES_STAT_LIMIT, type ContainerFileEntry, type ContainerFileListing, type ContainerFileOrigin } from '../../../shared/container-files'
import { StrataError, failure } from '../../../shared/errors'
import { problem } from '../../../shared/problems'
import { compareFoldersFirst } from '../../../shared/natural-sort'
import type { ContainerChange, TreeEntry } from '../../../shared/types'
import type { EngineConnection } from '../engine/connection'
import type { Node } from '../layers/analysis'
import type { LayerExplorer } from '../layers/explorer'
import { writableLayerChanges } from './changes'
import { inspectContainer, statusCodeOf } from './inspect'
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
  const imageCopy = planned.image?.entry ?? null
  const common = {
    name: planned.name,
    path: planned.path,
    change: CHANGE_OF[planned.origin],
    sameContent: null,
    childCount: planned.childCount,
    origin: planned.origin,
    imageLayer: planned.origin === 'added' ? null : (planned.image?.layer ?? null),
  }
  if (planned.origin === 'added' || planned.origin === 'copied-up') {
    // The writable layer's copy, as the engine stat'ed it; past the cap only its place in the tree is known.
    const type = stat?.type ?? (planned.childCount > 0 ? 'dir' : (imageCopy?.type ?? 'file'))
    const known = stat !== undefined && stat !== null
    return { ...common, type, size: known ? stat.size : 0, mode: known ? stat.mode : 0, uid: 0, gid: 0, link: known ? stat.link : null, layer: writableLayer, metadataFrom: known ? 'container' : null, ownerKnown: false }
  }
  // The image's copy: untouched, or the one the container deleted. A node without an entry is a folder the layers imply.
  const node = planned.image
  const type = imageCopy?.type ?? (node?.children != null ? 'dir' : 'file')
  const size = type === 'dir' ? (planned.origin === 'image' && node !== null ? folderBytes(node) : 0) : (imageCopy?.size ?? 0)
  return {
    ...common,
    type,
    size,
    mode: imageCopy?.mode ?? 0o755,
    uid: imageCopy?.uid ?? 0,
    gid: imageCopy?.gid ?? 0,
    link: imageCopy?.link ?? null,
    layer: node?.layer ?? writableLayer,
    metadataFrom: 'image',
    ownerKnown: true,
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
  const [{ changes }, image] = await Promise.all([writableLayerChanges(connection, inspect.Id), imageTreeOf(connection, explorer, inspect.Image)])
  const index = indexChanges(changes)
  const state = folderState(index, image.root, path)
  if (state === 'absent') throw failure('NOT_FOUND', problem('container.pathAbsent', { path }), { path })
  const folder = nodeAt(image.root, path)
  await checkFolder(connection, inspect.Id, path, state === 'deleted' ? undefined : index.kinds.get(path), folder, index.children.has(path))
  const planned = planFolder(folder, index, path, state === 'deleted', onlyChanges)
  const toRead = planned.filter((entry) => entry.origin === 'added' || entry.origin === 'copied-up').map((entry) => entry.path)
  const stats = await statAll(connection, inspect.Id, toRead.slice(0, STAT_LIMIT))
  const writableLayer = image.createdBy.length
  const entries = planned.map((entry) => entryOf(entry, stats.get(entry.path), writableLayer, (node) => explorer.folderBytes(node)))
  entries.sort(compareFoldersFirst)
  return { containerId: inspect.Id, imageId: image.imageId, path, entries, layers: image.createdBy, unread: Math.max(0, toRead.length - STAT_LIMIT) }
}

/** The container's image, read through the layer tools; a force-deleted image (the container orphaned) is said as such. */
async function imageTreeOf(connection: EngineConnection, explorer: LayerExplorer, imageId: string): ReturnType<LayerExplorer['topTree']> {
  try {
    return await explorer.topTree(connection, imageId)
  } catch (error) {
    if (statusCodeOf(error) !== 404 && !(error instanceof StrataError && error.code === 'NOT_FOUND')) throw error
    throw failure('NOT_FOUND', problem('container.imageGone', { imageId }), { imageId })
  }
}

/** Refuses a path that is not a folder in the container: the image's copy says so, unless the container wrote the path (then its own copy does). */
async function checkFolder(connection: EngineConnection, containerId: string, path: string, kind: ContainerChange['kind'] | undefined, imageCopy: Node | undefined, changesBelow: boolean): Promise<void> {
  if (path === '' || changesBelow) return
  if (kind === undefined || kind === 'deleted') {
    if (imageCopy?.children === null) throw failure('INVALID_INPUT', problem('container.notFolder', { path }), { path })
    return
  }
  const own = await statPath(connection, containerId, path)
  if (own?.type !== 'dir') throw failure('INVALID_INPUT', problem('container.notFolderInContainer', { path }), { path })
}
