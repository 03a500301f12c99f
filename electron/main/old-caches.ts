import { rm } from 'node:fs/promises'
import { join } from 'node:path'

/**
 * Caches earlier versions left in the settings folder: Strata's own image cache (now in the
 * platform's cache folder) and the session's caches from before sessionData moved, which
 * no running Chromium uses any more. Only caches: storage (Local Storage, Preferences),
 * lock files and whatever Chromium may still keep in userData stay.
 */
export const OLD_CACHE_FOLDERS = ['cache', 'Cache', 'Code Cache', 'GPUCache', 'DawnCache', 'DawnGraphiteCache', 'DawnWebGPUCache'] as const

/** Removes them in the background; a folder that cannot be removed stays, costing disk space only. */
export async function removeOldCaches(userData: string, report: (folder: string, error: unknown) => void): Promise<void> {
  // One at a time: on a case-insensitive disk (macOS, Windows) "cache" and "Cache" are one folder.
  for (const name of OLD_CACHE_FOLDERS) {
    const folder = join(userData, name)
    try {
      await rm(folder, { recursive: true, force: true })
    } catch (error) {
      report(folder, error)
    }
  }
}
