import type { Dirent } from 'node:fs'
import { lstat, readdir, rm, unlink } from 'node:fs/promises'
import { isAbsolute, join, resolve, sep } from 'node:path'
import { failure } from '../../../shared/errors'
import { problem } from '../../../shared/problems'
import type { CachePartUsage, CacheUsage } from '../../../shared/types'

/**
 * The core's cache folder: images/ (inspect and history data per engine endpoint,
 * engine-slot.ts) and layers/ (layer file indexes, analyses and image metas,
 * layer-cache.ts). Everything in it can be made again from the engine, so it can be
 * measured, capped and cleared; nothing outside these two parts is ever touched.
 */
export const CACHE_PARTS = ['images', 'layers'] as const
export type CachePart = (typeof CACHE_PARTS)[number]

interface CachedFile {
  path: string
  size: number
  used: number
  part: CachePart
}

/** Every regular file under one part; symbolic links are neither followed nor counted. */
async function filesOf(root: string, part: CachePart): Promise<CachedFile[]> {
  const found: CachedFile[] = []
  const walk = async (dir: string): Promise<void> => {
    let entries: Dirent[]
    try {
      entries = await readdir(dir, { withFileTypes: true })
    } catch {
      return
    }
    for (const entry of entries) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) await walk(path)
      else if (entry.isFile()) {
        const info = await lstat(path).catch(() => null)
        if (info !== null) found.push({ path, size: info.size, used: info.mtimeMs, part })
      }
    }
  }
  const top = join(root, part)
  const info = await lstat(top).catch(() => null)
  if (info?.isDirectory() === true) await walk(top)
  return found
}

function sum(files: CachedFile[]): CachePartUsage {
  return { bytes: files.reduce((total, file) => total + file.size, 0), files: files.length }
}

export async function cacheUsage(root: string | null, capBytes: number | null): Promise<CacheUsage> {
  if (root === null) return { dir: null, bytes: 0, files: 0, parts: { images: { bytes: 0, files: 0 }, layers: { bytes: 0, files: 0 } }, capBytes }
  const images = sum(await filesOf(root, 'images'))
  const layers = sum(await filesOf(root, 'layers'))
  return { dir: root, bytes: images.bytes + layers.bytes, files: images.files + layers.files, parts: { images, layers }, capBytes }
}

/** A root a clear may empty: absolute and not a filesystem root, so a wrong setting can never reach `/`. */
function checkedRoot(root: string): string {
  const resolved = resolve(root)
  if (!isAbsolute(root) || resolved === sep || /^[A-Za-z]:\\?$/.test(resolved)) {
    throw failure('INTERNAL', problem('image.cacheFolderRefused', { folder: root }))
  }
  return resolved
}

/**
 * Removes images/ and layers/ under the cache folder (a part that is a symbolic
 * link loses the link only: rm does not follow it).
 *
 * Safe while the app runs and analyses are in flight: both caches write a temporary
 * file and rename it into place (a reader sees a whole file or none), every read
 * treats a missing file as a miss and asks the engine again, and a write whose
 * folder has gone fails quietly and makes the folder again on the next write
 * (layer-cache mkdirs before each write; image-data forgets the folders it made).
 * An analysis running during a clear therefore finishes, and may leave the files it
 * writes afterwards: they are valid cache entries, not leftovers.
 */
export async function clearCache(root: string): Promise<void> {
  const base = checkedRoot(root)
  for (const part of CACHE_PARTS) {
    const target = join(base, part)
    // join of a fixed part name cannot climb out; checked anyway, as the promise is "never outside".
    if (!target.startsWith(base + sep)) throw failure('INTERNAL', problem('image.outsideCacheFolder', { target, folder: base }))
    await rm(target, { recursive: true, force: true, maxRetries: 2 })
  }
}

/**
 * Brings the cache folder under `capBytes`: layer file indexes (.idx, the big part)
 * go first, least recently used first (the layer cache touches an index on each
 * read); then the other layer files and the image data, oldest first. Answers the
 * bytes removed. A file that vanished meanwhile (a clear, another process) counts as gone.
 */
export async function enforceCacheCap(root: string | null, capBytes: number | null): Promise<number> {
  if (root === null || capBytes === null) return 0
  const all = [...(await filesOf(root, 'layers')), ...(await filesOf(root, 'images'))]
  let total = all.reduce((sum, file) => sum + file.size, 0)
  if (total <= capBytes) return 0
  const rank = (file: CachedFile): number => (file.path.endsWith('.idx') ? 0 : file.part === 'layers' ? 1 : 2)
  const order = all.sort((a, b) => rank(a) - rank(b) || a.used - b.used)
  let removed = 0
  for (const file of order) {
    if (total <= capBytes) break
    await unlink(file.path).catch(() => undefined)
    total -= file.size
    removed += file.size
  }
  return removed
}
