import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { SETTINGS_FILE } from './settings'

/**
 * The engine saved by engines.use { save: true }, read once at start by the app and
 * `strata serve`; null (no file, no key, a file that is not JSON) follows the docker
 * CLI's order. The one-shot commands do not read it: they keep the docker CLI's order.
 */
export function savedEngineHost(configDir: string): string | null {
  try {
    const parsed = JSON.parse(readFileSync(join(configDir, SETTINGS_FILE), 'utf8')) as { engineHost?: unknown } | null
    const host = parsed?.engineHost
    return typeof host === 'string' && host.trim() !== '' ? host : null
  } catch {
    return null
  }
}

/** The engines saved by name in the Settings view, as `strata --engine NAME` looks them up. */
export function savedEngines(configDir: string): { name: string; host: string }[] {
  try {
    const parsed = JSON.parse(readFileSync(join(configDir, SETTINGS_FILE), 'utf8')) as { engines?: unknown } | null
    const engines = parsed?.engines
    if (!Array.isArray(engines)) return []
    return engines.flatMap((entry: unknown) => {
      const { name, host } = (typeof entry === 'object' && entry !== null ? entry : {}) as { name?: unknown; host?: unknown }
      return typeof name === 'string' && typeof host === 'string' ? [{ name, host }] : []
    })
  } catch {
    return []
  }
}
