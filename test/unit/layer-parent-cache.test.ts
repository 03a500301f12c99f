import { describe, expect, it } from 'vitest'
import { analyzeStack } from '../../electron/core/layers/analysis'
import { diveFigures } from '../../electron/core/layers/dive-figures'
import { NO_DIGEST, type LayerEntry, type LayerFiles } from '../../electron/core/layers/types'

/**
 * Both tree builders find an entry's parent again from the entry before it when they
 * share a folder; these are the orders where that shortcut would put an entry in the
 * wrong place.
 */
const entry = (path: string, type: LayerEntry['type'], size = 0): LayerEntry => ({ path, type, size, mode: 0o644, uid: 0, gid: 0, link: null, digest: NO_DIGEST })
const layer = (entries: LayerEntry[]): LayerFiles => ({ entries, whiteouts: [], opaqueDirs: [], tarBytes: 0 })

describe('finding the parent folder again', () => {
  it('analyzeStack: a folder replaced by a file, then an entry below that path again, goes in a new folder', () => {
    const result = analyzeStack([
      layer([entry('a', 'dir'), entry('a/b', 'dir'), entry('a/b/c', 'file', 10)]),
      layer([entry('a/b/x', 'file', 1), entry('a/b', 'file', 2), entry('a/b/y', 'file', 3)]),
    ])
    const folder = result.tree.find('a/b')
    expect(folder?.entry).toBeNull()
    expect([...(folder?.children?.keys() ?? [])]).toEqual(['y'])
    expect(result.tree.find('a/b/y')?.entry?.size).toBe(3)
    expect(result.layers[1]).toMatchObject({ added: 2, modified: 1, removed: 2 })
  })

  it("diveFigures: an entry after one whose name is '..' is placed by its own folder", () => {
    // "d/x/.." is "d": its parent is the root, not "d/x". Were "d/x/y" put beside it, "/y" would be seen twice.
    const figures = diveFigures([layer([entry('y', 'file', 7)]), layer([entry('d/x/..', 'file', 5), entry('d/x/y', 'file', 7)])])
    expect(figures.wastedBytes).toBe(0)
    expect(figures.inefficiencies).toEqual([])
  })

  it('diveFigures: entries of one folder interleaved with another folder still land in their own', () => {
    const figures = diveFigures([
      layer([entry('p/a', 'file', 1), entry('q/a', 'file', 2), entry('p/b', 'file', 3)]),
      layer([entry('p/b', 'file', 4), entry('q/b', 'file', 5)]),
    ])
    expect(figures.inefficiencies).toEqual([{ path: '/p/b', count: 2, bytes: 7 }])
  })
})
