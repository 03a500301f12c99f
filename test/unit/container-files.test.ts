import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { folderState, indexChanges, originOf, planFolder } from '../../electron/core/containers/file-origins'
import { statOfEngine } from '../../electron/core/containers/path-stat'
import { analyzeStack, type Node } from '../../electron/core/layers/analysis'
import { indexLayer } from '../../electron/core/layers/layer-index'
import type { ContainerChange } from '../../shared/types'
import { tarOf, type TarItem } from '../support/tars'

async function imageTree(layers: TarItem[][]): Promise<Node> {
  const files = await Promise.all(layers.map(async (items) => indexLayer(Readable.from([await tarOf(items)]))))
  return analyzeStack(files, { topWasted: 0 }).tree.root
}

// Layer 0 makes /etc and /usr/bin/tool; layer 1 adds /etc/app.conf and replaces /usr/bin/tool; layer 2 removes /etc/old.
const LAYERS: TarItem[][] = [
  [
    { name: 'etc/', type: 'directory' },
    { name: 'etc/hosts', content: 'h' },
    { name: 'etc/old', content: 'o' },
    { name: 'usr/bin/tool', content: 'v1' },
  ],
  [
    { name: 'etc/app.conf', content: 'conf' },
    { name: 'usr/bin/tool', content: 'v2-longer' },
  ],
  [{ name: 'etc/.wh.old' }],
]

function changes(lines: string[]): ContainerChange[] {
  const kinds: Record<string, ContainerChange['kind']> = { C: 'modified', A: 'added', D: 'deleted' }
  return lines.map((line) => ({ kind: kinds[line.slice(0, 1)] ?? 'modified', path: line.slice(2) }))
}

function summary(entries: ReturnType<typeof planFolder>): string[] {
  return entries.map((entry) => `${entry.name} ${entry.origin} ${entry.image === null ? '-' : String(entry.image.layer)} ${String(entry.childCount)}`).sort()
}

describe('originOf', () => {
  it.each([
    [undefined, true, false, 'image'],
    ['modified', true, false, 'copied-up'],
    // Deleted and made again: the image has the path, the container's copy replaced it.
    ['added', true, false, 'copied-up'],
    ['added', false, false, 'added'],
    // A path the image lacks is new whatever the engine calls it.
    ['modified', false, false, 'added'],
    ['deleted', true, false, 'deleted'],
    [undefined, true, true, 'deleted'],
    // An ancestor the engine left out of a partial answer, the image lacking it: the container made it.
    [undefined, false, false, 'added'],
  ] as const)('kind %s, in image %s, under a deleted folder %s: %s', (kind, inImage, underDeleted, origin) => {
    expect(originOf(kind, inImage, underDeleted)).toBe(origin)
  })
})

describe('indexChanges', () => {
  it('keys paths without slashes and lists changed names per folder, ancestors the engine left out included', () => {
    const index = indexChanges(changes(['C /etc', 'A /etc/new.conf', 'A /srv/data/x/', 'D /usr/bin/tool']))
    expect([...index.kinds]).toEqual([
      ['etc', 'modified'],
      ['etc/new.conf', 'added'],
      ['srv/data/x', 'added'],
      ['usr/bin/tool', 'deleted'],
    ])
    expect(Object.fromEntries([...index.children].map(([folder, names]) => [folder, [...names].sort()]))).toEqual({
      '': ['etc', 'srv', 'usr'],
      etc: ['new.conf'],
      srv: ['data'],
      'srv/data': ['x'],
      usr: ['bin'],
      'usr/bin': ['tool'],
    })
  })
})

describe('planFolder over a real merged tree', () => {
  it('lays the writable layer over the image: untouched with its layer, copied up, added, deleted', async () => {
    const root = await imageTree(LAYERS)
    const index = indexChanges(changes(['C /etc', 'C /etc/app.conf', 'A /etc/new.conf', 'D /etc/hosts', 'C /usr', 'C /usr/bin', 'C /usr/bin/tool']))
    expect(summary(planFolder(root, index, '', false, false))).toEqual(['etc copied-up 0 3', 'usr copied-up 0 1'])
    const etc = root.children?.get('etc')
    // /etc/old went in layer 2 of the image: the container never sees it.
    expect(summary(planFolder(etc, index, 'etc', false, false))).toEqual(['app.conf copied-up 1 0', 'hosts deleted 0 0', 'new.conf added - 0'])
    const bin = root.children?.get('usr')?.children?.get('bin')
    // The visible copy of the tool is layer 1's, which replaced layer 0's.
    expect(summary(planFolder(bin, index, 'usr/bin', false, false))).toEqual(['tool copied-up 1 0'])
  })

  it('keeps only the changed names when asked, counting only changed children', async () => {
    const root = await imageTree(LAYERS)
    const index = indexChanges(changes(['C /etc', 'A /etc/new.conf']))
    expect(summary(planFolder(root, index, '', false, true))).toEqual(['etc copied-up 0 1'])
    expect(summary(planFolder(root.children?.get('etc'), index, 'etc', false, true))).toEqual(['new.conf added - 0'])
    expect(summary(planFolder(root, index, '', false, false))).toEqual(['etc copied-up 0 3', 'usr image 0 1'])
  })

  it('shows a deleted folder with what it took with it, in both views', async () => {
    const root = await imageTree(LAYERS)
    const index = indexChanges(changes(['D /etc']))
    expect(summary(planFolder(root, index, '', false, true))).toEqual(['etc deleted 0 2'])
    expect(folderState(index, root, 'etc')).toBe('deleted')
    for (const onlyChanges of [false, true]) {
      expect(summary(planFolder(root.children?.get('etc'), index, 'etc', true, onlyChanges))).toEqual(['app.conf deleted 1 0', 'hosts deleted 0 0'])
    }
  })

  it('lists a folder the container made, which the image does not have', async () => {
    const root = await imageTree(LAYERS)
    const index = indexChanges(changes(['A /srv', 'A /srv/data', 'A /srv/data/x']))
    expect(summary(planFolder(root, index, '', false, false))).toEqual(['etc image 0 2', 'srv added - 1', 'usr image 0 1'])
    expect(folderState(index, root, 'srv/data')).toBe('present')
    expect(summary(planFolder(undefined, index, 'srv/data', false, false))).toEqual(['x added - 0'])
  })
})

describe('folderState', () => {
  it('tells present, absent and gone-with-a-deleted-folder apart', async () => {
    const root = await imageTree(LAYERS)
    const index = indexChanges(changes(['C /usr', 'D /usr/bin', 'A /new']))
    expect(folderState(index, root, '')).toBe('present')
    expect(folderState(index, root, 'etc')).toBe('present')
    expect(folderState(index, root, 'new')).toBe('present')
    expect(folderState(index, root, 'nowhere')).toBe('absent')
    // Removed in layer 2 of the image: not there for the container either.
    expect(folderState(index, root, 'etc/old')).toBe('absent')
    expect(folderState(index, root, 'usr/bin')).toBe('deleted')
    // Under a deleted folder, only what the image had there exists (as deleted).
    expect(folderState(index, root, 'usr/bin/nothing')).toBe('absent')
  })
})

describe('statOfEngine (X-Docker-Container-Path-Stat)', () => {
  // Go's os.FileMode: the type in the high bits, setuid/setgid/sticky apart from the permission bits.
  it.each([
    [{ size: 5, mode: 0o644, linkTarget: '' }, { type: 'file', size: 5, mode: 0o644, link: null }],
    [{ size: 4096, mode: 2 ** 31 + 0o755, linkTarget: '' }, { type: 'dir', size: 0, mode: 0o755, link: null }],
    [{ size: 12, mode: 2 ** 27 + 0o777, linkTarget: '/bin/busybox' }, { type: 'symlink', size: 0, mode: 0o777, link: '/bin/busybox' }],
    [{ size: 9, mode: 2 ** 23 + 0o750, linkTarget: '' }, { type: 'file', size: 9, mode: 0o4750, link: null }],
    [{ size: 0, mode: 2 ** 31 + 2 ** 20 + 0o777, linkTarget: '' }, { type: 'dir', size: 0, mode: 0o1777, link: null }],
    [{ size: 0, mode: 2 ** 26 + 2 ** 21 + 0o666, linkTarget: '' }, { type: 'char', size: 0, mode: 0o666, link: null }],
    [{ size: 0, mode: 2 ** 26 + 0o660, linkTarget: '' }, { type: 'block', size: 0, mode: 0o660, link: null }],
    [{ size: 0, mode: 2 ** 25 + 0o600, linkTarget: '' }, { type: 'fifo', size: 0, mode: 0o600, link: null }],
  ])('%j', (stat, expected) => {
    expect(statOfEngine(stat)).toEqual(expected)
  })

  it('reads a socket, or a stat without mode or size, as nothing', () => {
    expect(statOfEngine({ size: 0, mode: 2 ** 24 + 0o755 })).toBeNull()
    expect(statOfEngine({ size: 1 })).toBeNull()
    expect(statOfEngine({ mode: '644', size: 1 })).toBeNull()
  })
})
