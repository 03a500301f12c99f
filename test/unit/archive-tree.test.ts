import { describe, expect, it } from 'vitest'
import type { FileChangeView } from '../../shared/types'
import { changeFolders, searchChanges } from '../../renderer/lib/archive-tree'

function change(path: string, kind: FileChangeView['kind'], size = 0, type: FileChangeView['type'] = 'file'): FileChangeView {
  return { path, kind, type, size, mode: 0o644, uid: 0, gid: 0, link: null, sameContent: null }
}

const changes = [change('etc', 'modified', 0, 'dir'), change('etc/app.conf', 'added', 10), change('usr/lib/libx.so', 'modified', 300), change('usr/lib/old.so', 'removed', 50), change('tmp/cache', 'removed', 0, 'dir')]

describe('an archive layer’s changes as folder listings', () => {
  it('lists the root with the folders leading to changes, each folder sized by the bytes it brings', () => {
    const folders = changeFolders(changes, 2)
    expect(folders.get('')?.map((entry) => [entry.path, entry.type, entry.change, entry.size, entry.childCount])).toEqual([
      ['etc', 'dir', 'modified', 10, 1],
      ['usr', 'dir', null, 300, 1],
      ['tmp', 'dir', null, 0, 1],
    ])
    expect(folders.get('usr/lib')?.map((entry) => [entry.name, entry.change, entry.size, entry.layer])).toEqual([
      ['libx.so', 'modified', 300, 2],
      ['old.so', 'removed', 50, 2],
    ])
    expect(folders.get('tmp')?.map((entry) => [entry.name, entry.change, entry.childCount])).toEqual([['cache', 'removed', 0]])
    expect(folders.get('tmp/cache')).toEqual([])
    expect(folders.has('usr/lib/libx.so')).toBe(false)
  })

  it('finds changed paths by a part of their path, any case, up to the limit', () => {
    expect(searchChanges(changes, 0, 'LIB', 10).map((entry) => entry.path)).toEqual(['usr/lib/libx.so', 'usr/lib/old.so'])
    expect(searchChanges(changes, 0, '.so', 1)).toHaveLength(1)
    expect(searchChanges(changes, 0, '  ', 10)).toEqual([])
  })
})
