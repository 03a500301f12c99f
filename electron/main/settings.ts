import { savedEngineTarget } from '../core/settings/engine-host'
import type { EngineTls } from '../../shared/types'

export interface AppSettings {
  /** An explicit engine endpoint; null follows DOCKER_HOST, contexts and defaults like the docker CLI. */
  engineHost: string | null
  /** The TLS files saved with engineHost (a tcp:// engine added in the app). */
  engineTls: EngineTls | null
}

/** settings.json in the app's user-data folder; a missing or unreadable file means defaults. */
export function readSettings(userDataDir: string): AppSettings {
  const saved = savedEngineTarget(userDataDir)
  return { engineHost: saved?.host ?? null, engineTls: saved?.tls ?? null }
}

/** `--host=unix:///...` on the command line wins over the settings file, as the CLI's --host does. */
export function hostFromArgv(argv: readonly string[]): string | null {
  for (const [index, argument] of argv.entries()) {
    if (argument.startsWith('--host=')) return argument.slice('--host='.length)
    if (argument === '--host') return argv[index + 1] ?? null
  }
  return null
}
