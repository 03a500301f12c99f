import type { ContainerFileOrigin } from '../../../shared/container-files'
import type { ContainerChange } from '../../../shared/types'
import type { Node } from '../layers/analysis'

/**
 * The pure half of a container's Files view: the engine's changes list (the
 * writable layer, flat absolute paths) laid over the image's merged tree (the
 * read-only layers), one folder at a time. Nothing here talks to the engine.
 */

/** The changes by relative path (no leading slash, as the image tree keys paths), and the changed names per folder. */
export interface ChangeIndex {
  kinds: Map<string, ContainerChange['kind']>
  children: Map<string, Set<string>>
}

function parentOf(path: string): string {
  const slash = path.lastIndexOf('/')
  return slash === -1 ? '' : path.slice(0, slash)
}

export function indexChanges(changes: readonly ContainerChange[]): ChangeIndex {
  const kinds = new Map<string, ContainerChange['kind']>()
  const children = new Map<string, Set<string>>()
  for (const change of changes) {
    const path = change.path.replace(/^\/+/, '').replace(/\/+$/, '')
    if (path === '') continue
    kinds.set(path, change.kind)
    // The engine lists every folder above a change; a partial answer still reaches its changes through their parents.
    for (let child = path; child !== ''; child = parentOf(child)) {
      const parent = parentOf(child)
      const names = children.get(parent) ?? new Set<string>()
      names.add(child.slice(child.lastIndexOf('/') + 1))
      children.set(parent, names)
    }
  }
  return { kinds, children }
}

/**
 * Under a deleted folder everything the image has there is gone too (the engine
 * names only the folder). Otherwise the engine's kind decides, checked against the
 * image: a path the image has and the container wrote is a copy-up even when the
 * engine calls it added (deleted, then made again), and a path the image lacks is
 * added even when the engine calls it modified.
 */
export function originOf(kind: ContainerChange['kind'] | undefined, inImage: boolean, underDeleted: boolean): ContainerFileOrigin {
  if (underDeleted || kind === 'deleted') return 'deleted'
  if (kind === undefined) return inImage ? 'image' : 'added'
  return inImage ? 'copied-up' : 'added'
}

export function nodeAt(root: Node, path: string): Node | undefined {
  if (path === '') return root
  let node: Node | undefined = root
  for (const part of path.split('/')) {
    node = node.children?.get(part)
    if (node === undefined) return undefined
  }
  return node
}

/** Where a folder stands in the container: gone with a deleted folder above it (or itself), there, or never there. */
export function folderState(index: ChangeIndex, image: Node, path: string): 'deleted' | 'present' | 'absent' {
  if (path === '') return 'present'
  const parts = path.split('/')
  for (let depth = 1; depth <= parts.length; depth += 1) {
    if (index.kinds.get(parts.slice(0, depth).join('/')) === 'deleted') return nodeAt(image, path) === undefined ? 'absent' : 'deleted'
  }
  return nodeAt(image, path) !== undefined || index.kinds.has(path) || index.children.has(path) ? 'present' : 'absent'
}

/** One entry of a folder before the engine is asked about the container's own copies. */
export interface PlannedEntry {
  name: string
  path: string
  origin: ContainerFileOrigin
  /** The image's copy, when the image has the path. */
  image: Node | null
  /** Entries the entry holds as a folder, in the same view (merged, or changes only). */
  childCount: number
}

function childCountOf(path: string, image: Node | null, origin: ContainerFileOrigin, index: ChangeIndex, onlyChanges: boolean): number {
  const changed = index.children.get(path)
  const imageNames = origin === 'added' ? null : (image?.children ?? null)
  // A deleted folder shows what it took with it, in either view.
  if (origin === 'deleted') return imageNames?.size ?? 0
  if (onlyChanges) return changed?.size ?? 0
  let count = imageNames?.size ?? 0
  for (const name of changed ?? []) if (imageNames?.has(name) !== true) count += 1
  return count
}

/**
 * The entries of one folder: the image's names and the container's changed names,
 * each with its origin. `onlyChanges` keeps only what the writable layer touched
 * (and, below a deleted folder, what went with it).
 */
export function planFolder(image: Node | undefined, index: ChangeIndex, path: string, underDeleted: boolean, onlyChanges: boolean): PlannedEntry[] {
  const names = new Set<string>()
  const imageChildren = image?.children ?? null
  if (!onlyChanges || underDeleted) for (const name of imageChildren?.keys() ?? []) names.add(name)
  if (!underDeleted) for (const name of index.children.get(path) ?? []) names.add(name)
  const planned: PlannedEntry[] = []
  for (const name of names) {
    const childPath = path === '' ? name : `${path}/${name}`
    const imageNode = imageChildren?.get(name) ?? null
    const origin = originOf(underDeleted ? undefined : index.kinds.get(childPath), imageNode !== null, underDeleted)
    planned.push({ name, path: childPath, origin, image: imageNode, childCount: childCountOf(childPath, imageNode, origin, index, onlyChanges) })
  }
  return planned
}
