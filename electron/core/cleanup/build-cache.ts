import type { CleanupOptions } from '../../../shared/cleanup-input'
import type { CleanupKeepReason, CleanupKept } from '../../../shared/types'
import { filtersOf, olderThanUntil } from './filters'
import { itemKey, type SnapshotCacheEntry } from './snapshot'

export interface CachePlan {
  /** Entries to prune, each before the entries it was made on. */
  entries: SnapshotCacheEntry[]
  /** Item key -> keys of the child entries pruned first. */
  after: ReadonlyMap<string, string[]>
  kept: CleanupKept[]
}

/** The entry's last use (its creation when never used), in epoch milliseconds. */
function lastUsed(entry: SnapshotCacheEntry): number | null {
  const text = entry.lastUsedAt ?? entry.createdAt
  if (text === null) return null
  const time = Date.parse(text)
  return Number.isNaN(time) ? null : time
}

/**
 * Build cache entries a cleanup prunes: neither in use nor shared with an image.
 * The engine prunes an entry only once no other entry is made on it (measured: a
 * prune by ID of a parent whose child exists deletes nothing), so an entry whose
 * child stays is kept, and children are pruned first. Entries carry no labels: a
 * label filter that asks for a label matches none of them.
 */
export function planBuildCache(entries: readonly SnapshotCacheEntry[], options: CleanupOptions, allow: ReadonlySet<string> | null): CachePlan {
  if (!options.buildCache) return { entries: [], after: new Map(), kept: [] }
  const filters = filtersOf(options)
  const kept: CleanupKept[] = []
  const keep = (entry: SnapshotCacheEntry, reason: CleanupKeepReason): void => {
    kept.push({ key: itemKey('build-cache', entry.id), kind: 'build-cache', id: entry.id, names: [entry.description], reason, rule: null, blockers: [] })
  }
  const children = new Map<string, string[]>()
  for (const entry of entries) {
    for (const parent of entry.parents) children.set(parent, [...(children.get(parent) ?? []), entry.id])
  }

  const chosen = new Map<string, SnapshotCacheEntry>()
  for (const entry of entries) {
    if (filters.labels.length > 0 || !olderThanUntil(lastUsed(entry), filters)) continue
    if (entry.inUse) keep(entry, 'in-use')
    else if (entry.shared) keep(entry, 'shared')
    else if (allow === null || allow.has(itemKey('build-cache', entry.id))) chosen.set(entry.id, entry)
  }
  // Dropping an entry can strand its parents in turn.
  for (let changed = true; changed; ) {
    changed = false
    for (const entry of chosen.values()) {
      if ((children.get(entry.id) ?? []).every((child) => chosen.has(child))) continue
      chosen.delete(entry.id)
      keep(entry, 'child-entry')
      changed = true
    }
  }

  const ordered: SnapshotCacheEntry[] = []
  const placed = new Set<string>()
  while (placed.size < chosen.size) {
    const before = placed.size
    for (const entry of chosen.values()) {
      if (placed.has(entry.id) || !(children.get(entry.id) ?? []).every((child) => placed.has(child))) continue
      ordered.push(entry)
      placed.add(entry.id)
    }
    // A cycle cannot come from the engine; stop rather than loop if one ever does.
    if (placed.size === before) break
  }
  const after = new Map(ordered.map((entry) => [itemKey('build-cache', entry.id), (children.get(entry.id) ?? []).map((child) => itemKey('build-cache', child))]))
  return { entries: ordered, after, kept }
}
