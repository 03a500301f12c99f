import { homedir } from 'node:os'
import { join } from 'node:path'
import { StrataError } from '../../shared/errors'
import { checkObjectRef } from '../../shared/object-ref'
import type { ImageAnalysis } from '../../shared/types'
import { progressReporter } from '../core/api/progress'
import { settingsMayCapCache } from '../core/cache/saved-cap'
import { defaultCacheDir } from '../core/engine/cache-dir'
import { defaultConfigDir } from '../core/engine/config-dir'
import { resolveEndpoint } from '../core/engine/endpoint'
import { processEnvironment } from '../core/engine/environment'
import { pinApiVersion } from '../core/engine/version'
import { analyzeEngineImage } from '../core/layers/analyze-image'
import { earlyInspect } from '../core/layers/early-export'
import { LayerCache } from '../core/layers/layer-cache'
import { localExport, type ImageAccess } from '../core/layers/stack'
import type { CliIo } from './cli'
import { savedTlsFor } from './cli-run'

/** How long the early inspect may take before the core is asked instead (early-export.ts). */
const INSPECT_WAIT_MS = 2000

/** The longest reference the contract takes (shared/object-ref-schema.ts). */
const MAX_REF_LENGTH = 512

/** Thrown when the plain case does not hold after all: the core takes the command over. */
class NotPlain extends Error {}

/**
 * `strata analyze <image>` on a local unix-socket engine, without the core: the image's
 * inspect and export are the ones the command asked for first thing (early-export.ts), and
 * the layer reader, the layer cache and the analysis are the core's own. The engine client
 * (dockerode, Node's http) and the schemas (zod) never load: ~0.1 s of CPU that the engine
 * needs while it writes the export out, on a machine with few cores.
 *
 * Answers null whenever anything is not the plain case or goes wrong (another engine
 * kind, saved TLS files, an engine that does not answer the inspect in time, an image it
 * does not know, an API version Strata does not take, a broken export): the caller then
 * runs the command through the core, which asks again and words every error as always.
 * A cancel is thrown as the core throws it.
 */
export async function analyzeWithoutCore(ref: string, values: { host?: string | undefined; files?: boolean | undefined }, io: CliIo, inspectWaitMs = INSPECT_WAIT_MS): Promise<ImageAnalysis | null> {
  const host = values.host ?? null
  if (savedTlsFor(host) !== null || ref.length > MAX_REF_LENGTH || checkObjectRef(ref) !== null) return null
  try {
    const endpoint = resolveEndpoint(host, processEnvironment())
    if (endpoint.kind !== 'unix') return null
    const inspected = await earlyInspect(endpoint.address, ref, inspectWaitMs)
    if (inspected === null || inspected.apiVersion === null) return null
    pinApiVersion(inspected.apiVersion, endpoint.url)
    const found = inspected.inspect
    const access: ImageAccess = {
      inspect: () => Promise.resolve(found),
      exportStream: async (imageId, signal) => {
        const stream = await localExport(endpoint, imageId, signal)
        if (stream === null) throw new NotPlain('the engine did not answer the export over its socket')
        return stream
      },
    }
    const cacheRoot = defaultCacheDir(process.env, process.platform, homedir())
    const configDir = defaultConfigDir(process.env, process.platform, homedir())
    const cache = new LayerCache(join(cacheRoot, 'layers'), undefined, undefined, () => enforceSavedCap(cacheRoot, configDir))
    const progress = progressReporter({ emit: (_name, event) => io.progress?.(event.label, event.done, event.total, event.finished) }, `analyze:${ref}`, `Reading the layers of ${ref}`)
    try {
      return await analyzeEngineImage(access, ref, cache, { files: values.files === true, signal: io.cancelSignal, onProgress: progress.update })
    } finally {
      progress.finish()
    }
  } catch (error) {
    // A cancel is the user's answer, not a case for the core, which would only say the same after loading itself.
    if (io.cancelSignal?.aborted === true && error instanceof StrataError && error.code === 'CANCELLED') throw error
    return null
  }
}

/** The user's cap on the cache folder (Settings), as the core enforces it after layer indexes are written. */
async function enforceSavedCap(cacheRoot: string, configDir: string): Promise<void> {
  if (!(await settingsMayCapCache(configDir))) return
  const [{ SettingsStore }, { enforceCacheCap }] = await Promise.all([import('../core/settings/settings'), import('../core/cache/cache-folder')])
  await enforceCacheCap(cacheRoot, (await new SettingsStore(configDir).get()).cacheCapBytes)
}
