import { executeCleanup, planCleanupOnEngine } from '../cleanup/cleanup'
import { withSettingsPins } from '../settings/settings'
import type { Handlers } from './handler-types'
import { progressReporter } from './progress'

export const cleanupHandlers: Pick<Handlers, 'cleanup.plan' | 'cleanup.execute'> = {
  'cleanup.plan': async (input, context) => planCleanupOnEngine(await context.connection(), context.catalog.cache, await withSettingsPins(input, context.settings)),
  'cleanup.execute': async (input, context) => {
    const progress = progressReporter(context.events, input.taskId ?? 'cleanup', 'Cleaning up', 0)
    try {
      const request = { ...input, options: await withSettingsPins(input.options, context.settings) }
      return await executeCleanup(await context.connection(), context.catalog.cache, request, { signal: context.signal, onProgress: progress.update })
    } finally {
      progress.finish()
    }
  },
}
