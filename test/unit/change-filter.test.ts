import { describe, expect, it } from 'vitest'
import { SHOW_ALL, filterOf, flatRows, flattenTree, shownByFilter, type ChangeFilter } from '../../renderer/lib/file-tree'
import type { TreeEntry } from '../../shared/types'

function entry(path: string, change: TreeEntry['change'], type: TreeEntry['type'] = 'file', childCount = 0): TreeEntry {
  return { name: path.slice(path.lastIndexOf('/') + 1), path, type, size: 1, mode: 0o644, uid: 0, gid: 0, link: null, change, sameContent: null, childCount, layer: 1 }
}

const only = (...keys: (keyof ChangeFilter)[]): ChangeFilter => ({ added: keys.includes('added'), modified: keys.includes('modified'), removed: keys.includes('removed'), unchanged: keys.includes('unchanged') })

describe('the change filter', () => {
  it('needs no pass when every kind is shown', () => {
    expect(filterOf(SHOW_ALL)).toBeNull()
    expect(filterOf(only('added', 'modified', 'removed'))).not.toBeNull()
  })

  it('shows a file by its own change, unchanged ones by the unchanged toggle', () => {
    const filter = only('added', 'unchanged')
    expect(shownByFilter(entry('a.txt', 'added'), filter)).toBe(true)
    expect(shownByFilter(entry('m.txt', 'modified'), filter)).toBe(false)
    expect(shownByFilter(entry('r.txt', 'removed'), filter)).toBe(false)
    expect(shownByFilter(entry('u.txt', null), filter)).toBe(true)
    expect(shownByFilter(entry('u.txt', null), only('added'))).toBe(false)
  })

  it('keeps a folder that may hold any kind, and filters one added or removed whole', () => {
    const filter = only('modified')
    expect(shownByFilter(entry('etc', null, 'dir', 3), filter)).toBe(true)
    expect(shownByFilter(entry('var', 'modified', 'dir', 3), filter)).toBe(true)
    expect(shownByFilter(entry('new', 'added', 'dir', 3), filter)).toBe(false)
    expect(shownByFilter(entry('gone', 'removed', 'dir', 3), filter)).toBe(false)
  })

  it('filters the rows of a tree, with positions among the shown siblings', () => {
    const listings = new Map<string, TreeEntry[]>([
      ['', [entry('etc', null, 'dir', 3), entry('new.txt', 'added'), entry('same.txt', null)]],
      ['etc', [entry('etc/a.conf', 'added'), entry('etc/b.conf', 'modified'), entry('etc/c.conf', null)]],
    ])
    const keep = filterOf(only('added'))
    const { rows } = flattenTree((path) => listings.get(path), (path) => path === 'etc', 'name', keep)
    expect(rows.map((row) => [row.entry.path, row.position, row.siblings])).toEqual([
      ['etc', 1, 2],
      ['etc/a.conf', 1, 1],
      ['new.txt', 2, 2],
    ])
    const all = flattenTree((path) => listings.get(path), (path) => path === 'etc', 'name')
    expect(all.rows).toHaveLength(6)
  })

  it('filters search results too', () => {
    const found = [entry('x/removed.txt', 'removed'), entry('x/kept.txt', null)]
    expect(flatRows(found, 'name', filterOf(only('removed'))).map((row) => row.entry.path)).toEqual(['x/removed.txt'])
  })
})
