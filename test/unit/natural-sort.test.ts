import { describe, expect, it } from 'vitest'
import { compareFoldersFirst, compareNatural } from '../../shared/natural-sort'
import { sortEntries } from '../../renderer/lib/file-tree'
import type { TreeEntry } from '../../shared/types'

function entry(name: string, type: TreeEntry['type'] = 'file', size = 0): TreeEntry {
  return { name, path: `etc/${name}`, type, size, mode: 0o644, uid: 0, gid: 0, link: null, change: null, sameContent: null, childCount: 0, layer: 0 }
}

describe('natural sort', () => {
  it('orders numbers inside names by value', () => {
    expect(['d10', 'd2', 'd1', 'd20', 'd3'].sort(compareNatural)).toEqual(['d1', 'd2', 'd3', 'd10', 'd20'])
    expect(['file-10.txt', 'file-9.txt', 'file-100.txt'].sort(compareNatural)).toEqual(['file-9.txt', 'file-10.txt', 'file-100.txt'])
  })

  it('is a total order: names that compare equal as numbers still get one place', () => {
    const once = ['d1', 'd01', 'd001'].sort(compareNatural)
    const again = ['d001', 'd1', 'd01'].sort(compareNatural)
    expect(once).toEqual(again)
    expect(compareNatural('d1', 'd01')).not.toBe(0)
    expect(compareNatural('same', 'same')).toBe(0)
  })

  it('puts folders first, each group in natural order', () => {
    const sorted = [entry('b10'), entry('d10', 'dir'), entry('b2'), entry('d2', 'dir')].sort(compareFoldersFirst)
    expect(sorted.map((one) => one.name)).toEqual(['d2', 'd10', 'b2', 'b10'])
  })

  it('is the order the trees show, by name and as ties of equal sizes', () => {
    const entries = [entry('v10', 'file', 5), entry('v9', 'file', 5), entry('v1', 'file', 7)]
    expect(sortEntries(entries, 'name').map((one) => one.name)).toEqual(['v1', 'v9', 'v10'])
    expect(sortEntries(entries, 'size').map((one) => one.name)).toEqual(['v1', 'v9', 'v10'])
    expect(sortEntries(entries, 'name', true).map((one) => one.path)).toEqual(['etc/v1', 'etc/v9', 'etc/v10'])
  })
})
