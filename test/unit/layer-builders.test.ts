import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { analyzeStack } from '../../electron/core/layers/analysis'
import { indexLayer } from '../../electron/core/layers/layer-index'
import type { LayerFiles } from '../../electron/core/layers/types'
import { tarOf, withModeField, type TarItem } from '../support/tars'

/** A layer as Docker's classic builder writes it: folders keep their type bits in the mode field. */
async function dockerLayer(items: TarItem[]): Promise<LayerFiles> {
  let tar = await tarOf(items)
  for (const item of items) if (item.type === 'directory') tar = withModeField(tar, item.name, 0o40000 | (item.mode ?? 0o755))
  return indexLayer(Readable.from([tar]))
}

/** A layer as kaniko, BuildKit and `docker import` write it: permission bits only. */
async function plainLayer(items: TarItem[]): Promise<LayerFiles> {
  return indexLayer(Readable.from([await tarOf(items)]))
}

describe('layers from different builders', () => {
  it('keeps one mode form: permission bits, whatever the builder wrote', async () => {
    const docker = await dockerLayer([{ name: 'etc/', type: 'directory' }, { name: 'opt/', type: 'directory', mode: 0o1777 }])
    expect(docker.entries.map((entry) => [entry.path, entry.mode])).toEqual([
      ['etc', 0o755],
      ['opt', 0o1777],
    ])
  })

  it('does not call a folder modified when a layer of the other kind stores it again unchanged', async () => {
    const stack = [
      await dockerLayer([{ name: 'usr/', type: 'directory' }, { name: 'usr/lib/', type: 'directory' }, { name: 'usr/lib/a', content: 'a' }]),
      await plainLayer([{ name: 'usr/', type: 'directory' }, { name: 'usr/lib/', type: 'directory' }, { name: 'usr/lib/b', content: 'b' }]),
      await dockerLayer([{ name: 'usr/', type: 'directory' }, { name: 'usr/lib/', type: 'directory' }, { name: 'usr/lib/c', content: 'c' }]),
    ]
    const result = analyzeStack(stack, { keepChanges: true })
    expect(result.layers.map((layer) => [layer.added, layer.modified])).toEqual([
      [3, 0],
      [1, 0],
      [1, 0],
    ])
    expect(result.changes?.[1]?.map((change) => change.path)).toEqual(['usr/lib/b'])
  })

  it('still reports a folder whose permissions or owner really changed, in either form', async () => {
    const stack = [
      await dockerLayer([{ name: 'data/', type: 'directory' }]),
      await plainLayer([{ name: 'data/', type: 'directory', mode: 0o700 }]),
      await dockerLayer([{ name: 'data/', type: 'directory', mode: 0o700, uid: 1000 }]),
    ]
    const result = analyzeStack(stack, { keepChanges: true })
    expect(result.layers.map((layer) => layer.modified)).toEqual([0, 1, 1])
    expect(result.changes?.[2]?.[0]).toMatchObject({ path: 'data', kind: 'modified', entry: { mode: 0o700, uid: 1000 } })
  })

  it('treats a symlink stored again with the same target as no change, and a new target as one', async () => {
    const stack = [
      await plainLayer([{ name: 'bin', type: 'symlink', linkname: 'usr/bin', mode: 0o777 }, { name: 'lib', type: 'symlink', linkname: 'usr/lib' }]),
      await plainLayer([{ name: 'bin', type: 'symlink', linkname: 'usr/bin', mode: 0o755 }, { name: 'lib', type: 'symlink', linkname: 'usr/lib64' }]),
    ]
    const result = analyzeStack(stack, { keepChanges: true })
    expect(result.changes?.[1]?.map((change) => [change.path, change.kind])).toEqual([['lib', 'modified']])
  })

  it('follows a hard link to its file to say whether a touched or chmod-ed copy has the same bytes', async () => {
    const stack = [
      await plainLayer([
        { name: 'usr/bin/gzip', content: 'gzip program' },
        { name: 'usr/bin/gunzip', type: 'link', linkname: 'usr/bin/gzip' },
        { name: 'usr/bin/zcat', type: 'link', linkname: 'usr/bin/gzip' },
      ]),
      // chmod of gunzip copies it up: a regular file with the same bytes; zcat is rewritten.
      await plainLayer([
        { name: 'usr/bin/gunzip', content: 'gzip program', mode: 0o700 },
        { name: 'usr/bin/zcat', content: 'another program' },
      ]),
      // And a later hard link over a file, naming a file of its own layer with the same bytes.
      await plainLayer([
        { name: 'usr/bin/real', content: 'gzip program' },
        { name: 'usr/bin/gunzip', type: 'link', linkname: 'usr/bin/real' },
      ]),
    ]
    const result = analyzeStack(stack, { keepChanges: true })
    const sameness = (layer: number): Record<string, boolean | null> => Object.fromEntries((result.changes?.[layer] ?? []).filter((change) => change.kind === 'modified').map((change) => [change.path, change.sameContent]))
    expect(sameness(1)).toEqual({ 'usr/bin/gunzip': true, 'usr/bin/zcat': false })
    expect(sameness(2)).toEqual({ 'usr/bin/gunzip': true })
    expect(result.layers[1]?.modifiedSameContent).toBe(1)
  })
})
