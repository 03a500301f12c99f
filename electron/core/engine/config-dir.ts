import { join } from 'node:path'

/** Strata's settings file in the config folder (settings/settings.ts reads and writes it). */
export const SETTINGS_FILE = 'settings.json'

/**
 * Where the command line and `strata serve` keep Strata's settings (settings.json),
 * following each platform's convention; the Electron app points its user-data
 * folder here too, so all three share one pinned list.
 */
export function defaultConfigDir(env: Record<string, string | undefined>, platform: NodeJS.Platform, homeDir: string): string {
  if (platform === 'win32') {
    const appData = env.APPDATA
    return join(appData !== undefined && appData !== '' ? appData : join(homeDir, 'AppData', 'Roaming'), 'strata')
  }
  if (platform === 'darwin') return join(homeDir, 'Library', 'Application Support', 'strata')
  const xdg = env.XDG_CONFIG_HOME
  return join(xdg !== undefined && xdg !== '' ? xdg : join(homeDir, '.config'), 'strata')
}
