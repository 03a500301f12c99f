import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { analyzeStack } from '../../electron/core/layers/analysis'
import { indexLayer } from '../../electron/core/layers/layer-index'
import { NO_DIGEST, type LayerFiles } from '../../electron/core/layers/types'
import { gzip, tarOf, zstd, type TarItem } from '../support/tars'

async function layer(items: TarItem[], wrap: (bytes: Buffer) => Buffer = (bytes) => bytes): Promise<LayerFiles> {
  return indexLayer(Readable.from([wrap(await tarOf(items))]))
}

const bytes = (count: number): Buffer => Buffer.alloc(count, 0x61)

describe('indexLayer', () => {
  it('keeps type, size, mode with setuid, owner and link targets; turns .wh. files into removals', async () => {
    const files = await layer([
      { name: 'usr/', type: 'directory' },
      { name: 'usr/bin/sudo', content: bytes(10), mode: 0o4755, uid: 0, gid: 0 },
      { name: 'usr/bin/sh', type: 'symlink', linkname: '/bin/busybox' },
      { name: './etc/.wh.passwd-' },
      { name: 'var/cache/.wh..wh..opq' },
      { name: 'data/big', content: bytes(100), uid: 1000, gid: 1000 },
      { name: 'data/big-link', type: 'link', linkname: 'data/big' },
    ])
    expect(files.entries.map((entry) => [entry.path, entry.type, entry.size, entry.mode, entry.uid, entry.link])).toEqual([
      ['usr', 'dir', 0, 0o755, 0, null],
      ['usr/bin/sudo', 'file', 10, 0o4755, 0, null],
      ['usr/bin/sh', 'symlink', 0, 0o644, 0, '/bin/busybox'],
      ['data/big', 'file', 100, 0o644, 1000, null],
      ['data/big-link', 'hardlink', 0, 0o644, 0, 'data/big'],
    ])
    expect(files.whiteouts).toEqual(['etc/passwd-'])
    expect(files.opaqueDirs).toEqual(['var/cache'])
  })

  it('reads gzip and zstd layers by their magic bytes', async () => {
    const items = [{ name: 'a.txt', content: 'hello' }]
    const plain = await layer(items)
    expect((await layer(items, gzip)).entries).toEqual(plain.entries)
    expect((await layer(items, zstd)).entries).toEqual(plain.entries)
  })

  it('fails with a clear error on a truncated tar and on corrupt gzip', async () => {
    const whole = await tarOf([{ name: 'f', content: bytes(3000) }])
    await expect(indexLayer(Readable.from([whole.subarray(0, 1200)]))).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    const broken = gzip(whole)
    broken.fill(0x55, 20, 60)
    await expect(indexLayer(Readable.from([broken]))).rejects.toMatchObject({ code: 'INVALID_INPUT' })
  })
})

describe('analyzeStack', () => {
  it('counts added, modified and removed per layer, whiteouts removing whole folders', async () => {
    const stack = [
      await layer([
        { name: 'app/', type: 'directory' },
        { name: 'app/a', content: bytes(10) },
        { name: 'app/b', content: bytes(20) },
        { name: 'tmp/', type: 'directory' },
        { name: 'tmp/x', content: bytes(5) },
      ]),
      await layer([{ name: 'app/', type: 'directory' }, { name: 'app/a', content: bytes(12) }, { name: '.wh.tmp' }]),
    ]
    const result = analyzeStack(stack, { keepChanges: true })
    expect(result.layers[0]).toMatchObject({ added: 5, modified: 0, removed: 0, addedBytes: 35 })
    expect(result.layers[1]).toMatchObject({ added: 0, modified: 1, modifiedBytes: 12, removed: 2, removedBytes: 5 })
    expect(result.changes?.[1]?.map((change) => `${change.kind} ${change.path}`).sort()).toEqual(['modified app/a', 'removed tmp', 'removed tmp/x'])
  })

  it('hides every lower child of an opaque folder, but not what the same layer adds to it', async () => {
    const stack = [
      await layer([{ name: 'cache/', type: 'directory' }, { name: 'cache/old1', content: bytes(7) }, { name: 'cache/sub/old2', content: bytes(3) }]),
      await layer([{ name: 'cache/', type: 'directory' }, { name: 'cache/.wh..wh..opq' }, { name: 'cache/new', content: bytes(1) }]),
    ]
    const result = analyzeStack(stack, { keepChanges: true })
    // cache/sub was never an entry of its own (the tar implied it), so two paths go.
    expect(result.layers[1]).toMatchObject({ removed: 2, removedBytes: 10, added: 1 })
    expect(result.wastedBytes).toBe(10)
    expect(result.wasted.map((path) => path.path).sort()).toEqual(['cache/old1', 'cache/sub/old2'])
  })

  it('handles a file replaced by a folder and back', async () => {
    const stack = [
      await layer([{ name: 'thing', content: bytes(50) }]),
      await layer([{ name: 'thing/', type: 'directory' }, { name: 'thing/inner', content: bytes(4) }]),
      await layer([{ name: 'thing', content: bytes(8) }]),
    ]
    const result = analyzeStack(stack, { keepChanges: true })
    expect(result.layers[1]).toMatchObject({ modified: 1, added: 1 })
    expect(result.layers[2]).toMatchObject({ modified: 1, removed: 1, removedBytes: 4 })
    // The 50-byte copy and the folder's file are gone; the 8-byte file is visible.
    expect(result.wastedBytes).toBe(54)
    expect(result.totalBytes).toBe(62)
    expect(result.efficiency).toBeCloseTo(1 - 54 / 62)
  })

  it('counts waste as every stored copy minus the visible one, and counts hardlinks once', async () => {
    const stack = [
      await layer([{ name: 'big', content: bytes(1000) }, { name: 'kept', content: bytes(100) }, { name: 'kept-link', type: 'link', linkname: 'kept' }]),
      await layer([{ name: 'big', content: bytes(600) }]),
      await layer([{ name: '.wh.big' }]),
      await layer([{ name: 'log', content: bytes(30) }]),
      await layer([{ name: 'log', content: bytes(40) }]),
    ]
    const result = analyzeStack(stack)
    expect(result.wasted).toEqual([
      { path: 'big', bytes: 1600, layers: [0, 1] },
      { path: 'log', bytes: 30, layers: [3, 4] },
    ])
    expect(result.totalBytes).toBe(1770)
    expect(result.wastedBytes).toBe(1630)
  })

  it('does not count a folder repeated in a layer as a change, unless its mode or owner changed', async () => {
    const stack = [
      await layer([{ name: 'etc/', type: 'directory' }, { name: 'etc/a', content: 'a' }]),
      await layer([{ name: 'etc/', type: 'directory' }, { name: 'etc/b', content: 'b' }]),
      await layer([{ name: 'etc/', type: 'directory', mode: 0o700 }]),
    ]
    const result = analyzeStack(stack)
    expect(result.layers[1]).toMatchObject({ added: 1, modified: 0 })
    expect(result.layers[2]).toMatchObject({ added: 0, modified: 1 })
  })

  it('tells a file stored again with the same bytes from a rewrite, by digest, at any size', async () => {
    // Larger than any chunk, so each body streams through the hash in several pieces.
    const large = 3 * 1024 * 1024 + 17
    const changed = Buffer.alloc(large, 1)
    changed[large - 1] = 2
    const stack = [
      await layer([
        { name: 'conf', content: 'setting=1\n', mode: 0o644 },
        { name: 'script', content: 'echo hi\n' },
        { name: 'huge', content: Buffer.alloc(large, 1) },
        { name: 'huge-changed', content: Buffer.alloc(large, 1) },
      ]),
      await layer([
        { name: 'conf', content: 'setting=1\n', mode: 0o600 },
        { name: 'script', content: 'echo bye\n' },
        { name: 'huge', content: Buffer.alloc(large, 1) },
        { name: 'huge-changed', content: changed },
      ]),
    ]
    const result = analyzeStack(stack, { keepChanges: true })
    expect(result.layers[1]).toMatchObject({ modified: 4, modifiedSameContent: 2 })
    const sameness = Object.fromEntries((result.changes?.[1] ?? []).map((change) => [change.path, change.sameContent]))
    expect(sameness).toEqual({ conf: true, script: false, huge: true, 'huge-changed': false })
    // The same bytes stored twice still cost their space twice.
    expect(result.wasted.find((path) => path.path === 'conf')?.bytes).toBe(10)
    expect(result.wasted.find((path) => path.path === 'huge')?.bytes).toBe(large)
  })
})

describe('content digests', () => {
  const digestOf = (files: LayerFiles, path: string): string | undefined => files.entries.find((entry) => entry.path === path)?.digest

  it('are XXH64 of the whole body, in hex, for every regular file and no other entry', async () => {
    const files = await layer([
      { name: 'empty', content: '' },
      { name: 'abc', content: 'abc' },
      { name: 'dir/', type: 'directory' },
      { name: 'sh', type: 'symlink', linkname: 'abc' },
      { name: 'again', type: 'link', linkname: 'abc' },
    ])
    // The reference values of XXH64 with seed 0: a change of algorithm must also change the cache format.
    expect(digestOf(files, 'empty')).toBe('ef46db3751d8e999')
    expect(digestOf(files, 'abc')).toBe('44bc2cf5ad770999')
    expect(digestOf(files, 'dir')).toBe(NO_DIGEST)
    expect(digestOf(files, 'sh')).toBe(NO_DIGEST)
    expect(digestOf(files, 'again')).toBe(NO_DIGEST)
  })

  it('are equal for the same bytes at other paths and in other layers, and differ for different bytes', async () => {
    const big = Buffer.alloc(600 * 1024, 7)
    const bigOther = Buffer.from(big)
    bigOther[300 * 1024] = 8
    const first = await layer([
      { name: 'a/one', content: big },
      { name: 'small', content: 'same\n' },
    ])
    const second = await layer([
      { name: 'b/two', content: big },
      { name: 'elsewhere/small', content: 'same\n' },
      { name: 'b/other', content: bigOther },
      { name: 'small-other', content: 'samf\n' },
    ], gzip)
    expect(digestOf(second, 'b/two')).toBe(digestOf(first, 'a/one'))
    expect(digestOf(second, 'elsewhere/small')).toBe(digestOf(first, 'small'))
    expect(digestOf(second, 'b/other')).not.toBe(digestOf(first, 'a/one'))
    expect(digestOf(second, 'small-other')).not.toBe(digestOf(first, 'small'))
    expect(digestOf(first, 'a/one')).toMatch(/^[0-9a-f]{16}$/)
  })

  it('are the same whether layers are read one after another or at once', async () => {
    const items = (tag: string): TarItem[] => Array.from({ length: 40 }, (_, index) => ({ name: `f${index}`, content: `${tag}-${index}\n`.repeat(5000) }))
    // Several chunks per layer so that reads interleave: each layer must hash with its own state.
    const streamOf = async (tag: string): Promise<Readable> => {
      const tar = await tarOf(items(tag))
      return Readable.from(Array.from({ length: Math.ceil(tar.length / 4096) }, (_, index) => tar.subarray(index * 4096, (index + 1) * 4096)))
    }
    const together = await Promise.all([indexLayer(await streamOf('x')), indexLayer(await streamOf('y'))])
    const alone = [await indexLayer(await streamOf('x')), await indexLayer(await streamOf('y'))]
    expect(together.map((files) => files.entries.map((entry) => entry.digest))).toEqual(alone.map((files) => files.entries.map((entry) => entry.digest)))
    expect(new Set(alone.flatMap((files) => files.entries.map((entry) => entry.digest))).size).toBe(80)
  })
})
