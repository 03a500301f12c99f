import { describe, expect, it } from 'vitest'
import { modeString } from '../../renderer/lib/file-mode'
import { flattenTree, parentIndex } from '../../renderer/lib/file-tree'
import type { TreeEntry } from '../../shared/types'

describe('modeString', () => {
  it.each([
    [0o4755, 'file', '-rwsr-xr-x'],
    [0o4644, 'file', '-rwSr--r--'],
    [0o2755, 'dir', 'drwxr-sr-x'],
    [0o1777, 'dir', 'drwxrwxrwt'],
    [0o1776, 'dir', 'drwxrwxrwT'],
    [0o644, 'symlink', 'lrwxrwxrwx'],
    [0o600, 'char', 'crw-------'],
  ] as const)('%o %s is %s', (mode, type, text) => {
    expect(modeString(mode, type)).toBe(text)
  })
})

function entry(path: string, type: TreeEntry['type'], childCount = 0, size = 1): TreeEntry {
  return { name: path.slice(path.lastIndexOf('/') + 1), path, type, size, mode: 0o755, uid: 0, gid: 0, link: null, change: null, sameContent: null, childCount, layer: 0 }
}

describe('flattenTree', () => {
  const listings = new Map<string, TreeEntry[]>([
    ['', [entry('usr', 'dir', 2), entry('a.txt', 'file', 0, 5)]],
    ['usr', [entry('usr/lib', 'dir', 1), entry('usr/bin', 'dir', 3)]],
    ['usr/lib', [entry('usr/lib/x.so', 'file')]],
  ])

  it('lists expanded folders depth first, folders before files, and reports listings still to load', () => {
    const expanded = new Set(['usr', 'usr/lib', 'usr/bin'])
    const { rows, missing } = flattenTree(
      (path) => listings.get(path),
      (path) => expanded.has(path),
      'name',
    )
    expect(rows.map((row) => `${'  '.repeat(row.depth)}${row.entry.name}${row.loading ? ' (loading)' : ''}`)).toEqual([
      'usr',
      '  bin (loading)',
      '  lib',
      '    x.so',
      'a.txt',
    ])
    expect(missing).toEqual(['usr/bin'])
    expect(parentIndex(rows, 3)).toBe(2)
    expect(parentIndex(rows, 0)).toBe(-1)
  })

  it('asks for the root first', () => {
    expect(flattenTree(() => undefined, () => false, 'name')).toEqual({ rows: [], missing: [''] })
  })
})
