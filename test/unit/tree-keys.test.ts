import { describe, expect, it } from 'vitest'
import { treeKeyMove, type TreeRow } from '../../renderer/lib/file-tree'
import type { TreeEntry } from '../../shared/types'

function row(path: string, depth: number, folder: { expanded: boolean } | null): TreeRow {
  const entry: TreeEntry = { name: path.split('/').pop() ?? path, path, type: folder === null ? 'file' : 'dir', size: 1, mode: 0o644, uid: 0, gid: 0, link: null, change: null, sameContent: null, childCount: folder === null ? 0 : 1, layer: 0 }
  return { entry, depth, expandable: folder !== null, expanded: folder?.expanded ?? false, loading: false, position: 1, siblings: 1 }
}

// app/ (open) > app/a, app/empty/ (open, nothing inside); bin/ (closed)
const rows = [row('app', 0, { expanded: true }), row('app/a', 1, null), row('app/empty', 1, { expanded: true }), row('bin', 0, { expanded: false })]

describe('treeKeyMove', () => {
  it('moves as a list does with the vertical keys', () => {
    expect(treeKeyMove('ArrowDown', rows, 0, 10)).toEqual({ kind: 'focus', index: 1 })
    expect(treeKeyMove('End', rows, 0, 10)).toEqual({ kind: 'focus', index: 3 })
  })

  it('Right opens a closed folder, steps into an open one, and does nothing past a leaf or an empty folder', () => {
    expect(treeKeyMove('ArrowRight', rows, 3, 10)).toEqual({ kind: 'expand', path: 'bin' })
    expect(treeKeyMove('ArrowRight', rows, 0, 10)).toEqual({ kind: 'focus', index: 1 })
    expect(treeKeyMove('ArrowRight', rows, 1, 10)).toEqual({ kind: 'none' })
    // The next row is bin, a sibling of app/empty's parent, not a child.
    expect(treeKeyMove('ArrowRight', rows, 2, 10)).toEqual({ kind: 'none' })
  })

  it('Left closes an open folder, else steps out to the parent, else does nothing', () => {
    expect(treeKeyMove('ArrowLeft', rows, 0, 10)).toEqual({ kind: 'collapse', path: 'app' })
    expect(treeKeyMove('ArrowLeft', rows, 1, 10)).toEqual({ kind: 'focus', index: 0 })
    expect(treeKeyMove('ArrowLeft', rows, 3, 10)).toEqual({ kind: 'none' })
  })

  it('leaves other keys, and an empty tree, to the caller', () => {
    expect(treeKeyMove('Enter', rows, 1, 10)).toBeNull()
    expect(treeKeyMove('ArrowDown', [], 0, 10)).toBeNull()
  })
})
