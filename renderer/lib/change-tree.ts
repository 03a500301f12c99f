import type { ContainerChange, TreeEntry } from '../../shared/types'

/**
 * A container's changes (flat absolute paths, as GET /containers/{id}/changes
 * lists them) as the folder listings the Files tab's tree logic reads, so the
 * container tree sorts, flattens and moves exactly like a layer's tree.
 */

export type ChangeKindFilter = 'all' | ContainerChange['kind']

/** The Files tab names a deletion "removed"; the engine's changes call it "deleted". */
function changeOf(kind: ContainerChange['kind'] | null): TreeEntry['change'] {
  if (kind === null) return null
  return kind === 'deleted' ? 'removed' : kind
}

function entry(path: string, kind: ContainerChange['kind'] | null, childCount: number): TreeEntry {
  return {
    name: path.slice(path.lastIndexOf('/') + 1),
    path,
    // The engine does not say what a path is: one with changes below it is a folder; the rest read as files.
    type: childCount > 0 ? 'dir' : 'file',
    size: 0,
    mode: 0,
    uid: 0,
    gid: 0,
    link: null,
    change: changeOf(kind),
    sameContent: null,
    childCount,
    layer: 0,
  }
}

function parentOf(path: string): string {
  const slash = path.lastIndexOf('/')
  return slash === -1 ? '' : path.slice(0, slash)
}

/** Paths without the leading slash, as the tree logic keys them; '' is the root. */
export function relativePath(path: string): string {
  return path.replace(/^\/+/, '').replace(/\/+$/, '')
}

/**
 * Every folder's listing, keyed by the folder's relative path. A folder the
 * engine did not list (it lists every ancestor of a change, but a partial answer
 * may not) is still shown, without a change of its own.
 */
export function changeListings(changes: readonly ContainerChange[]): Map<string, TreeEntry[]> {
  const kinds = new Map<string, ContainerChange['kind'] | null>()
  for (const change of changes) {
    const path = relativePath(change.path)
    if (path === '') continue
    kinds.set(path, change.kind)
    for (let parent = parentOf(path); parent !== '' && !kinds.has(parent); parent = parentOf(parent)) kinds.set(parent, null)
  }
  const children = new Map<string, string[]>()
  for (const path of kinds.keys()) {
    const parent = parentOf(path)
    const siblings = children.get(parent)
    if (siblings === undefined) children.set(parent, [path])
    else siblings.push(path)
  }
  const listings = new Map<string, TreeEntry[]>([['', []]])
  for (const [parent, paths] of children) {
    listings.set(
      parent,
      paths.map((path) => entry(path, kinds.get(path) ?? null, children.get(path)?.length ?? 0)),
    )
  }
  return listings
}

/** Every entry of the listings that matches the filter, for a flat list of full paths. */
export function matchingEntries(listings: ReadonlyMap<string, readonly TreeEntry[]>, pattern: string, kind: ChangeKindFilter): TreeEntry[] {
  const needle = pattern.trim().toLowerCase()
  const wanted = kind === 'all' ? null : changeOf(kind)
  const found: TreeEntry[] = []
  for (const entries of listings.values()) {
    for (const candidate of entries) {
      if (wanted !== null && candidate.change !== wanted) continue
      if (needle !== '' && !`/${candidate.path}`.toLowerCase().includes(needle)) continue
      found.push(candidate)
    }
  }
  return found
}

/** Folders to open at first: all of them while the tree is small enough to read whole. */
export function initiallyExpanded(listings: ReadonlyMap<string, readonly TreeEntry[]>, limit = 300): Set<string> {
  let total = 0
  for (const entries of listings.values()) total += entries.length
  if (total > limit) return new Set()
  return new Set([...listings.keys()].filter((path) => path !== ''))
}
