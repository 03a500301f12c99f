import { listMoveTarget } from './list-keys'

/** What tree navigation needs of a row: how deep it sits and whether it folds. */
export interface TreeKeyRow {
  /** 0 at the top level. */
  depth: number
  expandable: boolean
  expanded: boolean
}

/** A row by its index, or undefined past either end: trees hand their rows over without copying them into this shape. */
export type TreeRowAt = (index: number) => TreeKeyRow | undefined

/** What a navigation key does in a tree: focus a row, open or close the row at `index`, or nothing (the key is still the tree's). */
export type TreeKeyStep = { kind: 'focus'; index: number } | { kind: 'expand' | 'collapse'; index: number } | { kind: 'none' }

/** Index of the nearest row above with a smaller depth (the row's parent), or -1 at the top level. */
export function treeParentIndex(rowAt: TreeRowAt, index: number): number {
  const depth = rowAt(index)?.depth ?? 0
  for (let candidate = index - 1; candidate >= 0; candidate -= 1) {
    if ((rowAt(candidate)?.depth ?? 0) < depth) return candidate
  }
  return -1
}

/**
 * The WAI-ARIA tree pattern's navigation keys: up/down/Home/End/Page as in a list,
 * Right opens a folder or steps into its first child, Left closes it or steps out to
 * the parent. While `foldable` is false (a search shows every match open), Right and
 * Left only move. Null for a key that is not navigation (Enter is each tree's own).
 */
export function treeKeyStep(key: string, rowAt: TreeRowAt, count: number, index: number, pageSize: number, foldable = true): TreeKeyStep | null {
  const row = rowAt(index)
  if (row === undefined) return null
  const target = listMoveTarget(key, index, count, pageSize)
  if (target !== undefined) return { kind: 'focus', index: target }
  if (key === 'ArrowRight') {
    if (row.expandable && !row.expanded) return foldable ? { kind: 'expand', index } : { kind: 'none' }
    if (row.expanded && rowAt(index + 1)?.depth === row.depth + 1) return { kind: 'focus', index: index + 1 }
    return { kind: 'none' }
  }
  if (key === 'ArrowLeft') {
    if (row.expanded && foldable) return { kind: 'collapse', index }
    const parent = treeParentIndex(rowAt, index)
    return parent === -1 ? { kind: 'none' } : { kind: 'focus', index: parent }
  }
  return null
}
