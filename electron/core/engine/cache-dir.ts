import { join } from 'node:path'

/** Where the command line keeps Strata's cache, following each platform's convention. */
export function defaultCacheDir(env: Record<string, string | undefined>, platform: NodeJS.Platform, homeDir: string): string {
  if (platform === 'win32') {
    // An empty variable would make the path relative to wherever the app was started.
    const localAppData = env.LOCALAPPDATA
    return join(localAppData !== undefined && localAppData !== '' ? localAppData : join(homeDir, 'AppData', 'Local'), 'strata', 'Cache')
  }
  if (platform === 'darwin') return join(homeDir, 'Library', 'Caches', 'strata')
  const xdg = env.XDG_CACHE_HOME
  return join(xdg !== undefined && xdg !== '' ? xdg : join(homeDir, '.cache'), 'strata')
}
