import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, utimesSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { cacheUsage, clearCache, enforceCacheCap } from '../../electron/core/cache/cache-folder'

let root = ''
let outside = ''
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'strata-cache-'))
  outside = mkdtempSync(join(tmpdir(), 'strata-outside-'))
})
afterEach(() => {
  rmSync(root, { recursive: true, force: true })
  rmSync(outside, { recursive: true, force: true })
})

function put(relative: string, bytes: number, ageSeconds = 0): void {
  const file = join(root, relative)
  mkdirSync(join(file, '..'), { recursive: true })
  writeFileSync(file, Buffer.alloc(bytes, 1))
  const when = new Date(Date.now() - ageSeconds * 1000)
  utimesSync(file, when, when)
}

describe('the cache folder', () => {
  it('sums bytes and files per part, without following links out of it or counting other files', async () => {
    put('images/0123456789abcdef/inspect/a.json', 100)
    put('images/fedcba9876543210/history/b.json', 50)
    put('layers/aa.idx', 1000)
    put('layers/analyses/cc.json', 7)
    put('unrelated.txt', 5)
    writeFileSync(join(outside, 'big'), Buffer.alloc(10_000))
    symlinkSync(join(outside, 'big'), join(root, 'layers', 'link.idx'))
    symlinkSync(outside, join(root, 'layers', 'linked-folder'))
    expect(await cacheUsage(root, null)).toEqual({ dir: root, bytes: 1157, files: 4, parts: { images: { bytes: 150, files: 2 }, layers: { bytes: 1007, files: 2 } }, capBytes: null })
    expect(await cacheUsage(join(root, 'missing'), 5)).toMatchObject({ bytes: 0, files: 0, capBytes: 5 })
  })

  it('clears images/ and layers/ only; a link inside loses the link, never its target', async () => {
    put('images/x/inspect/a.json', 100)
    put('layers/aa.idx', 1000)
    put('keep-me.txt', 3)
    writeFileSync(join(outside, 'precious'), 'keep')
    symlinkSync(outside, join(root, 'layers', 'linked-folder'))
    await clearCache(root)
    expect(readdirSync(root)).toEqual(['keep-me.txt'])
    expect(existsSync(join(outside, 'precious'))).toBe(true)
    // Clearing an empty or missing cache is not an error.
    await clearCache(root)
    await clearCache(join(root, 'never-made'))
    await expect(clearCache('/')).rejects.toMatchObject({ code: 'INTERNAL' })
    await expect(clearCache('relative/cache')).rejects.toMatchObject({ code: 'INTERNAL' })
  })

  it('brings the cache under its cap by removing the least recently used layer indexes first', async () => {
    put('layers/old.idx', 400, 300)
    put('layers/mid.idx', 400, 200)
    put('layers/new.idx', 400, 100)
    put('layers/analyses/a.json', 50, 1000)
    put('images/e/inspect/i.json', 50, 1000)
    expect(await enforceCacheCap(root, null)).toBe(0)
    expect(await enforceCacheCap(root, 10_000)).toBe(0)
    // 1300 bytes, cap 600: old and mid go (the older json files stay: indexes first).
    expect(await enforceCacheCap(root, 600)).toBe(800)
    expect(readdirSync(join(root, 'layers')).sort()).toEqual(['analyses', 'new.idx'])
    // Under a cap no index can meet, the other files go too, oldest first.
    expect(await enforceCacheCap(root, 40)).toBe(500)
    expect((await cacheUsage(root, null)).bytes).toBe(0)
  })
})
