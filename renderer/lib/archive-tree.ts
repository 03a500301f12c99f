import type { FileChangeView, TreeEntry } from '../../shared/types'

/** A layer's changes as folder listings: the path of a folder ('' for the root) to its entries. */
export type ChangeFolders = ReadonlyMap<string, readonly TreeEntry[]>

function parentOf(path: string): string {
  const slash = path.lastIndexOf('/')
  return slash < 0 ? '' : path.slice(0, slash)
}

function nameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1)
}

function folderEntry(path: string, layer: number): TreeEntry {
  return { name: nameOf(path), path, type: 'dir', size: 0, mode: 0o755, uid: 0, gid: 0, link: null, change: null, sameContent: null, childCount: 0, layer }
}

function changeEntry(change: FileChangeView, layer: number): TreeEntry {
  const { path, kind, type, size, mode, uid, gid, link, sameContent } = change
  // A folder's own size is its files' bytes, counted below; a tar header gives a folder none.
  return { name: nameOf(path), path, type, size: type === 'dir' ? 0 : size, mode, uid, gid, link, change: kind, sameContent, childCount: 0, layer }
}

/**
 * The changes of one layer of an archive (layers.analyzeArchive with file lists) as the
 * listings a file tree reads: no engine holds the image, so the folders come from the
 * changed paths themselves, those leading to a change shown unchanged. A folder's size
 * is the bytes its added and modified files bring, its child count what it lists here.
 */
export function changeFolders(changes: readonly FileChangeView[], layer: number): ChangeFolders {
  const entries = new Map<string, TreeEntry>()
  const children = new Map<string, Set<string>>([['', new Set()]])
  const ensureFolder = (path: string): void => {
    if (path === '' || entries.has(path)) return
    entries.set(path, folderEntry(path, layer))
    children.set(path, children.get(path) ?? new Set())
    ensureFolder(parentOf(path))
    children.get(parentOf(path))?.add(path)
  }
  for (const change of changes) {
    const existing = entries.get(change.path)
    const entry = changeEntry(change, layer)
    entries.set(change.path, existing === undefined ? entry : { ...entry, size: existing.size })
    if (change.type === 'dir') children.set(change.path, children.get(change.path) ?? new Set())
    ensureFolder(parentOf(change.path))
    children.get(parentOf(change.path))?.add(change.path)
  }
  for (const change of changes) {
    if (change.kind === 'removed' || change.type === 'dir') continue
    for (let folder = parentOf(change.path); folder !== ''; folder = parentOf(folder)) {
      const entry = entries.get(folder)
      if (entry !== undefined) entry.size += change.size
    }
  }
  const folders = new Map<string, TreeEntry[]>()
  for (const [folder, names] of children) {
    const listed = [...names].flatMap((path) => entries.get(path) ?? [])
    folders.set(folder, listed)
    const entry = entries.get(folder)
    if (entry !== undefined) entry.childCount = listed.length
  }
  return folders
}

/** The changed paths whose path holds the pattern (case ignored), at most `limit`. */
export function searchChanges(changes: readonly FileChangeView[], layer: number, pattern: string, limit: number): TreeEntry[] {
  const needle = pattern.trim().toLowerCase()
  if (needle === '') return []
  return changes
    .filter((change) => change.path.toLowerCase().includes(needle))
    .slice(0, limit)
    .map((change) => changeEntry(change, layer))
}
