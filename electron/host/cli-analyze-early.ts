import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { resolveEndpoint } from '../core/engine/endpoint'
import { processEnvironment } from '../core/engine/environment'
import { dropEarlyExport, requestExportEarly, settledWithin } from '../core/layers/early-export'

/**
 * `strata analyze <image>`: asks a unix-socket engine for the export before the engine
 * client and the core load (see early-export.ts). The engine is resolved as the core
 * resolves it; the core uses the answer only for the same socket and image ID, so a
 * wrong guess here costs one request it drops, never a wrong analysis.
 *
 * Only modules of the small `cli-start` and `engine-address` chunks are imported here:
 * anything of the core chunk (the settings, the engine client) would load dockerode first.
 */
export async function startEarlyExport(ref: string | undefined, values: { host?: string | undefined; files?: boolean | undefined; advice?: boolean | undefined; ci?: boolean | undefined }): Promise<void> {
  // Usage mistakes and archive files on disk never reach the engine.
  if (ref === undefined || ref === '' || (values.advice === true && (values.ci === true || values.files === true))) return
  try {
    if (existsSync(resolve(ref))) return
    const endpoint = resolveEndpoint(values.host ?? null, processEnvironment())
    if (endpoint.kind !== 'unix') return
    const asked = requestExportEarly(endpoint.address, ref, earlyLayerCacheDir(process.env, process.platform, homedir()), values.files === true || values.advice === true)
    // Until the export is asked for (the inspect is a few milliseconds on a local socket), and never more than WAIT_MS.
    await settledWithin(asked, WAIT_MS, undefined)
  } catch {
    // The core resolves the engine again and reports what is wrong with it.
  }
}

/**
 * The core's layer cache folder: `defaultCacheDir(...)/layers` (engine/cache-dir.ts,
 * core.ts), repeated so as not to load the core chunk; a unit test holds them equal.
 * Only used to skip the early export when the cache already answers.
 */
export function earlyLayerCacheDir(env: Record<string, string | undefined>, platform: NodeJS.Platform, homeDir: string): string {
  if (platform === 'win32') {
    const localAppData = env.LOCALAPPDATA
    return join(localAppData !== undefined && localAppData !== '' ? localAppData : join(homeDir, 'AppData', 'Local'), 'strata', 'Cache', 'layers')
  }
  if (platform === 'darwin') return join(homeDir, 'Library', 'Caches', 'strata', 'layers')
  const xdg = env.XDG_CACHE_HOME
  return join(xdg !== undefined && xdg !== '' ? xdg : join(homeDir, '.cache'), 'strata', 'layers')
}

export { dropEarlyExport }

const WAIT_MS = 150
