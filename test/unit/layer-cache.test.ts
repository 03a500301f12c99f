import { mkdtempSync, readdirSync, rmSync, statSync, utimesSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { LayerCache } from '../../electron/core/layers/layer-cache'
import { decodeLayerFiles, encodeLayerFiles } from '../../electron/core/layers/layer-file-format'
import { NO_DIGEST, type LayerFiles } from '../../electron/core/layers/types'

const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

function layerOf(count: number): LayerFiles {
  return {
    entries: Array.from({ length: count }, (_, index) => ({ path: `dir/file-${index}`, type: 'file' as const, size: index, mode: 0o644, uid: 0, gid: 0, link: null, digest: index % 2 === 0 ? (index * 7919).toString(16).padStart(16, '0') : NO_DIGEST })),
    whiteouts: ['gone'],
    opaqueDirs: ['opaque'],
    tarBytes: count * 1024,
  }
}

const diffId = (digit: string): string => `sha256:${digit.repeat(64)}`

describe('LayerCache', () => {
  it('round-trips a layer index through disk, for a new cache instance', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'strata-layer-cache-unit-'))
    folders.push(folder)
    await new LayerCache(folder).putLayer(diffId('a'), layerOf(3))
    expect(await new LayerCache(folder).getLayer(diffId('a'))).toEqual(layerOf(3))
    expect(await new LayerCache(folder).getLayer(diffId('b'))).toBeNull()
  })

  it('evicts the least recently used layer files beyond its size cap', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'strata-layer-cache-unit-'))
    folders.push(folder)
    const unbounded = new LayerCache(folder)
    await unbounded.putLayer(diffId('a'), layerOf(100))
    await unbounded.putLayer(diffId('b'), layerOf(100))
    const oneFile = statSync(join(folder, `${'a'.repeat(64)}.idx`)).size
    // "b" was used longest ago when "c" arrives in a cache that holds two such files.
    utimesSync(join(folder, `${'b'.repeat(64)}.idx`), new Date(1_000), new Date(1_000))
    await new LayerCache(folder, oneFile * 2 + 10).putLayer(diffId('c'), layerOf(100))
    const kept = readdirSync(folder).filter((name) => name.endsWith('.idx'))
    expect(kept.sort()).toEqual([`${'a'.repeat(64)}.idx`, `${'c'.repeat(64)}.idx`])
  })

  it('writes the layers of one image, then checks the caps once', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'strata-layer-cache-unit-'))
    folders.push(folder)
    let checks = 0
    const cache = new LayerCache(folder, undefined, undefined, () => {
      checks += 1
      return Promise.resolve()
    })
    await cache.putLayers([
      [diffId('a'), layerOf(3)],
      [diffId('b'), layerOf(5)],
      ['../escape', layerOf(1)],
    ])
    expect(checks).toBe(1)
    expect(readdirSync(folder).sort()).toEqual([`${'a'.repeat(64)}.idx`, `${'b'.repeat(64)}.idx`])
    expect(await new LayerCache(folder).getLayer(diffId('b'))).toEqual(layerOf(5))
    // Nothing written, nothing to check.
    await cache.putLayers([['../escape', layerOf(1)]])
    expect(checks).toBe(1)
  })

  it('ignores names that are not sha256 digests', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'strata-layer-cache-unit-'))
    folders.push(folder)
    const cache = new LayerCache(folder)
    await cache.putLayer('../escape', layerOf(1))
    expect(readdirSync(folder)).toEqual([])
  })
})

describe('layer index file format', () => {
  const mixed: LayerFiles = {
    entries: [
      { path: 'usr', type: 'dir', size: 0, mode: 0o755, uid: 0, gid: 0, link: null, digest: NO_DIGEST },
      { path: 'usr/bin/sudo', type: 'file', size: 2 ** 40 + 3, mode: 0o4755, uid: 0, gid: 0, link: null, digest: 'ffffffffffffffff' },
      { path: 'usr/bin/sh', type: 'symlink', size: 0, mode: 0o777, uid: 0, gid: 0, link: '/bin/busybox', digest: NO_DIGEST },
      { path: 'data/caf\u00e9 \u2603 name with spaces', type: 'file', size: 12, mode: 0o644, uid: 4_000_000_000, gid: 65534, link: null, digest: '0000000000000000' },
      { path: 'data/empty', type: 'file', size: 0, mode: 0o644, uid: 0, gid: 0, link: null, digest: 'ef46db3751d8e999' },
      { path: 'data/undigested', type: 'file', size: 5, mode: 0o644, uid: 0, gid: 0, link: null, digest: NO_DIGEST },
      { path: 'data/again', type: 'hardlink', size: 0, mode: 0o644, uid: 0, gid: 0, link: 'data/caf\u00e9 \u2603 name with spaces', digest: NO_DIGEST },
      { path: 'dev/null', type: 'char', size: 0, mode: 0o666, uid: 0, gid: 0, link: null, digest: NO_DIGEST },
      { path: 'dev/loop0', type: 'block', size: 0, mode: 0o660, uid: 0, gid: 6, link: null, digest: NO_DIGEST },
      { path: 'run/pipe', type: 'fifo', size: 0, mode: 0o600, uid: 0, gid: 0, link: null, digest: NO_DIGEST },
    ],
    whiteouts: ['etc/old'],
    opaqueDirs: ['var/cache'],
    tarBytes: 10_240,
  }

  it('round-trips every type, large sizes and ids, 64-bit digests (and none), non-ASCII names and links', () => {
    expect(decodeLayerFiles(encodeLayerFiles(mixed))).toEqual(mixed)
    const empty: LayerFiles = { entries: [], whiteouts: [], opaqueDirs: [], tarBytes: 1024 }
    expect(decodeLayerFiles(encodeLayerFiles(empty))).toEqual(empty)
  })

  it('refuses a file cut short, with bytes to spare, or in another format', () => {
    const bytes = encodeLayerFiles(mixed)
    expect(decodeLayerFiles(bytes.subarray(0, bytes.length - 1))).toBeNull()
    expect(decodeLayerFiles(Buffer.concat([bytes, Buffer.from([0])]))).toBeNull()
    expect(decodeLayerFiles(Buffer.from('{"format":1,"entries":[]}'))).toBeNull()
    // An index of the previous format (30-bit digests among the numbers) is rebuilt, not misread.
    expect(decodeLayerFiles(Buffer.from(`STRATA-LAYER-INDEX-4\n${bytes.toString('utf8', 'STRATA-LAYER-INDEX-5\n'.length)}`))).toBeNull()
  })
})
