import { join } from 'node:path'
import { defaultCacheDir } from '../core/engine/cache-dir'
import { defaultConfigDir } from '../core/engine/config-dir'

/** Where the app keeps what it writes; each folder follows the platform's convention. */
export interface AppFolders {
  /** Settings, window state and logs: small files worth keeping (and backing up). */
  userData: string
  /** The image cache, the same folder `strata` uses, so the app and the command line warm each other's cache. */
  cache: string
  /** Chromium's own caches and storage; the renderer keeps nothing there it cannot rebuild. */
  sessionData: string
  /** Crashpad's reports, also written whether or not a crash reporter uploads them. */
  crashDumps: string
}

/**
 * Electron puts Chromium's caches in userData by default (~/.config, %APPDATA%, which roams
 * and is backed up); here they go below the platform's cache folder (XDG_CACHE_HOME,
 * ~/Library/Caches, %LOCALAPPDATA%), which the system and the user may clear at any time.
 */
export function appFolders(env: Record<string, string | undefined>, platform: NodeJS.Platform, homeDir: string): AppFolders {
  const cache = defaultCacheDir(env, platform, homeDir)
  const electron = join(cache, 'electron')
  return {
    userData: defaultConfigDir(env, platform, homeDir),
    cache,
    sessionData: electron,
    crashDumps: join(electron, 'Crashpad'),
  }
}
