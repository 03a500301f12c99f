import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { EngineTls, SavedEngine } from '../../../shared/types'
import { SETTINGS_FILE, settingsOf } from './settings'

/** settings.json read once, synchronously, with the store's own reading of it; nothing when there is no readable JSON object. */
function readOnce(configDir: string): ReturnType<typeof settingsOf> | null {
  try {
    const parsed: unknown = JSON.parse(readFileSync(join(configDir, SETTINGS_FILE), 'utf8'))
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? settingsOf(parsed as Record<string, unknown>) : null
  } catch {
    return null
  }
}

/**
 * The engine saved by engines.use { save: true }, read once at start by the app and
 * `strata serve`; null (no file, no key, a file that is not JSON) follows the docker
 * CLI's order. The one-shot commands do not read it: they keep the docker CLI's order.
 */
export function savedEngineTarget(configDir: string): { host: string; tls: EngineTls | null } | null {
  const settings = readOnce(configDir)
  if (settings?.defaultEngineHost == null) return null
  return { host: settings.defaultEngineHost, tls: settings.defaultEngineTls }
}

/** The engines saved by name in the Settings view, as `strata --engine NAME` looks them up. */
export function savedEngines(configDir: string): SavedEngine[] {
  return readOnce(configDir)?.engines ?? []
}
