import type { TreeEntry } from '../../shared/types'
import { compareNatural } from '../../shared/natural-sort'
import { treeKeyStep, treeParentIndex } from './tree-keys'

export type TreeSortKey = 'name' | 'size'

export type ChangeKind = NonNullable<TreeEntry['change']>

/** One visible row of a tree (or of a flat search result). */
export interface TreeRow {
  entry: TreeEntry
  /** 0 for the root's children. */
  depth: number
  expandable: boolean
  expanded: boolean
  /** Expanded, but its listing has not arrived yet. */
  loading: boolean
  /** Position among its siblings, from 1, and how many siblings there are (aria-posinset, aria-setsize). */
  position: number
  siblings: number
}

// The order the core lists folders in, so a listing sorted by name is already in order.
function byName(a: TreeEntry, b: TreeEntry): number {
  return compareNatural(a.name, b.name)
}

function byPath(a: TreeEntry, b: TreeEntry): number {
  return compareNatural(a.path, b.path)
}

/** Folders first, then by name; or largest first, ties by name. */
function comparator(key: TreeSortKey, flat: boolean): (a: TreeEntry, b: TreeEntry) => number {
  const tie = flat ? byPath : byName
  if (key === 'size') return (a, b) => b.size - a.size || tie(a, b)
  if (flat) return byPath
  return (a, b) => Number(b.type === 'dir') - Number(a.type === 'dir') || byName(a, b)
}

// Listings never change once read (they are keyed by image ID), so each is sorted once per key.
const sortedCache = new WeakMap<readonly TreeEntry[], Partial<Record<TreeSortKey, readonly TreeEntry[]>>>()

export function sortEntries(entries: readonly TreeEntry[], key: TreeSortKey, flat = false): readonly TreeEntry[] {
  let byKey = sortedCache.get(entries)
  if (byKey === undefined) {
    byKey = {}
    sortedCache.set(entries, byKey)
  }
  const cached = byKey[key]
  if (cached !== undefined) return cached
  const sorted = [...entries].sort(comparator(key, flat))
  byKey[key] = sorted
  return sorted
}

/** What a path is to the selected layer, as the trees' filter toggles name it (dive's Ctrl+A/R/M/U). */
export type ChangeFilterKey = ChangeKind | 'unchanged'

export const CHANGE_FILTER_KEYS: readonly ChangeFilterKey[] = ['added', 'modified', 'removed', 'unchanged']

/** Which kinds the trees show. */
export type ChangeFilter = Readonly<Record<ChangeFilterKey, boolean>>

export const SHOW_ALL: ChangeFilter = { added: true, modified: true, removed: true, unchanged: true }

export function changeFilterKey(entry: TreeEntry): ChangeFilterKey {
  return entry.change ?? 'unchanged'
}

/** Null when every kind is shown: the trees then skip the filtering pass altogether. */
export function filterOf(filter: ChangeFilter): ((entry: TreeEntry) => boolean) | null {
  if (CHANGE_FILTER_KEYS.every((key) => filter[key])) return null
  return (entry) => shownByFilter(entry, filter)
}

/**
 * Whether a filtered tree shows the entry. A folder the layer added or removed is of
 * one kind throughout, so it follows its kind; any other folder may hold every kind
 * and its listing is read only when opened, so it stays, to be opened.
 */
export function shownByFilter(entry: TreeEntry, filter: ChangeFilter): boolean {
  if (entry.type === 'dir' && (entry.change === null || entry.change === 'modified')) return true
  return filter[changeFilterKey(entry)]
}

/** A folder that has something to show when opened. */
export function isExpandable(entry: TreeEntry): boolean {
  return entry.type === 'dir' && entry.childCount > 0
}

export interface FlatTree {
  rows: TreeRow[]
  /** Folders shown expanded whose listing is not loaded ('' for the root itself). */
  missing: string[]
}

/**
 * The rows a tree shows: the root's children and, depth first, the children of every
 * expanded folder. Iterative, so even a deep tree of 200,000 entries costs one pass.
 */
export function flattenTree(
  listingOf: (path: string) => readonly TreeEntry[] | undefined,
  isExpanded: (path: string) => boolean,
  key: TreeSortKey,
  keep: ((entry: TreeEntry) => boolean) | null = null,
): FlatTree {
  const root = listingOf('')
  if (root === undefined) return { rows: [], missing: [''] }
  const rows: TreeRow[] = []
  const missing: string[] = []
  const shown = (entries: readonly TreeEntry[]): readonly TreeEntry[] => (keep === null ? sortEntries(entries, key) : sortEntries(entries, key).filter(keep))
  const stack: { entries: readonly TreeEntry[]; next: number; depth: number }[] = [{ entries: shown(root), next: 0, depth: 0 }]
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]
    if (frame === undefined) break
    const entry = frame.entries[frame.next]
    if (entry === undefined) {
      stack.pop()
      continue
    }
    frame.next += 1
    const expandable = isExpandable(entry)
    const expanded = expandable && isExpanded(entry.path)
    const children = expanded ? listingOf(entry.path) : undefined
    const loading = expanded && children === undefined
    if (loading) missing.push(entry.path)
    rows.push({ entry, depth: frame.depth, expandable, expanded, loading, position: frame.next, siblings: frame.entries.length })
    if (children !== undefined && children.length > 0) stack.push({ entries: shown(children), next: 0, depth: frame.depth + 1 })
  }
  return { rows, missing }
}

/** Search results: one level, full paths. */
export function flatRows(entries: readonly TreeEntry[], key: TreeSortKey, keep: ((entry: TreeEntry) => boolean) | null = null): TreeRow[] {
  const sorted = keep === null ? sortEntries(entries, key, true) : sortEntries(entries, key, true).filter(keep)
  return sorted.map((entry, index) => ({ entry, depth: 0, expandable: false, expanded: false, loading: false, position: index + 1, siblings: sorted.length }))
}

/** Index of the row's parent folder, or -1 at the top level. */
export function parentIndex(rows: readonly TreeRow[], index: number): number {
  return treeParentIndex((at) => rows[at], index)
}

/** What a navigation key does in a tree: focus a row, open or close a folder, or nothing (the key is still the tree's). */
export type TreeKeyMove = { kind: 'focus'; index: number } | { kind: 'expand' | 'collapse'; path: string } | { kind: 'none' }

/** treeKeyStep (lib/tree-keys) on file rows, naming the folder to open or close by its path. */
export function treeKeyMove(key: string, rows: readonly TreeRow[], index: number, pageSize: number): TreeKeyMove | null {
  const step = treeKeyStep(key, (at) => rows[at], rows.length, index, pageSize)
  if (step === null || step.kind === 'none' || step.kind === 'focus') return step
  return { kind: step.kind, path: rows[step.index]?.entry.path ?? '' }
}

export const CHANGE_SYMBOL: Record<ChangeKind, string> = { added: '+', modified: '~', removed: '−' }

/** Paths are stored without the leading slash; people read them with it. */
export function displayPath(path: string): string {
  return `/${path}`
}
