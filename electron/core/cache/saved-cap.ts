import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { SETTINGS_FILE } from '../engine/config-dir'

/**
 * Whether settings.json in `configDir` may set a cap on the cache folder: a number under
 * `cacheCapBytes`. Without one, the settings read as "no cap" whatever else the file holds
 * (settings.ts). The command line asks this before it loads the settings code, which loads
 * the contract and its schemas: a cost an analysis without the core would pay for nothing.
 */
export async function settingsMayCapCache(configDir: string): Promise<boolean> {
  let parsed: unknown
  try {
    parsed = JSON.parse(await readFile(join(configDir, SETTINGS_FILE), 'utf8'))
  } catch {
    return false
  }
  return typeof parsed === 'object' && parsed !== null && typeof (parsed as { cacheCapBytes?: unknown }).cacheCapBytes === 'number'
}
