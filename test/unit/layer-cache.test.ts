import { mkdtempSync, readdirSync, rmSync, statSync, utimesSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { LayerCache } from '../../electron/core/layers/layer-cache'
import type { LayerFiles } from '../../electron/core/layers/types'

const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

function layerOf(count: number): LayerFiles {
  return {
    entries: Array.from({ length: count }, (_, index) => ({ path: `dir/file-${index}`, type: 'file' as const, size: index, mode: 0o644, uid: 0, gid: 0, link: null })),
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
    const oneFile = statSync(join(folder, `${'a'.repeat(64)}.json`)).size
    // "b" was used longest ago when "c" arrives in a cache that holds two such files.
    utimesSync(join(folder, `${'b'.repeat(64)}.json`), new Date(1_000), new Date(1_000))
    await new LayerCache(folder, oneFile * 2 + 10).putLayer(diffId('c'), layerOf(100))
    const kept = readdirSync(folder).filter((name) => name.endsWith('.json'))
    expect(kept.sort()).toEqual([`${'a'.repeat(64)}.json`, `${'c'.repeat(64)}.json`])
  })

  it('ignores names that are not sha256 digests', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'strata-layer-cache-unit-'))
    folders.push(folder)
    const cache = new LayerCache(folder)
    await cache.putLayer('../escape', layerOf(1))
    expect(readdirSync(folder)).toEqual([])
  })
})
