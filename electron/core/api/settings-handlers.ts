import { resolveEngineTarget } from '../engine/endpoint'
import { checkTlsFiles } from '../engine/tls-files'
import { cacheUsage, clearCache } from '../cache/cache-folder'
import type { Handlers } from './handler-types'

type SettingsMethods = 'settings.update' | 'settings.saveEngine' | 'settings.removeEngine' | 'settings.savePolicy' | 'settings.removePolicy' | 'settings.recordPolicyRun' | 'cache.usage' | 'cache.clear'

export const settingsHandlers: Pick<Handlers, SettingsMethods> = {
  'settings.update': async (input, context) => {
    const settings = await context.settings.change(input)
    if (input.cacheCapBytes !== undefined) await context.enforceCacheCap()
    return settings
  },
  'settings.saveEngine': (input, context) => {
    // The same parser engines.use opens an address with: what is saved can be used. Throws INVALID_INPUT with the reason.
    const tls = input.tls ?? null
    if (tls !== null) checkTlsFiles(tls)
    resolveEngineTarget(input.host, tls, context.environment)
    return context.settings.saveEngine(input.name, input.host, tls)
  },
  'settings.removeEngine': (input, context) => context.settings.removeEngine(input.name),
  'settings.savePolicy': (input, context) => context.settings.savePolicy(input),
  'settings.removePolicy': (input, context) => context.settings.removePolicy(input.name),
  'settings.recordPolicyRun': (input, context) => context.settings.recordPolicyRun(input.name, input.run),
  'cache.usage': async (_input, context) => cacheUsage(context.cacheRoot, (await context.settings.get()).cacheCapBytes),
  'cache.clear': async (_input, context) => {
    const capBytes = (await context.settings.get()).cacheCapBytes
    const before = await cacheUsage(context.cacheRoot, capBytes)
    if (context.cacheRoot !== null) await clearCache(context.cacheRoot)
    const usage = await cacheUsage(context.cacheRoot, capBytes)
    return { dir: context.cacheRoot, freedBytes: Math.max(0, before.bytes - usage.bytes), removedFiles: Math.max(0, before.files - usage.files), usage }
  },
}
