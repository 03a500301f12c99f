import type { MethodName } from '../../../shared/methods'
import type { MethodResult, ParsedInput } from '../../../shared/contract'
import { listContainers } from '../containers/list'
import { containerChanges } from '../containers/changes'
import { commitContainer, previewCommit } from '../containers/commit'
import { removeContainer, restartContainer, startContainer, stopContainer } from '../containers/lifecycle'
import type { EngineConnection } from '../engine/connection'
import { getEngineInfo } from '../engine/info'
import type { EngineSession } from '../engine/session'
import { executeCleanup, planCleanupOnEngine } from '../cleanup/cleanup'
import { findBlockers } from '../images/blockers'
import type { ImageCatalog } from '../images/catalog'
import { removeImage, untagImage } from '../images/remove'
import { analyzeEngineImage } from '../layers/analyze-image'
import type { LayerExplorer } from '../layers/explorer'
import type { LayerCache } from '../layers/layer-cache'
import { getDiskUsage } from '../system/disk-usage'
import type { EventHub } from './event-hub'
import { progressReporter } from './progress'
import type { TaskRegistry } from './tasks'
import { registryHandlers } from '../registry/handlers'
import { withSettingsPins, type SettingsStore } from '../settings/settings'

export interface HandlerContext {
  session: EngineSession
  catalog: ImageCatalog
  events: EventHub
  layerCache: LayerCache
  explorer: LayerExplorer
  tasks: TaskRegistry
  settings: SettingsStore
  connection(): Promise<EngineConnection>
  signal: AbortSignal
}

export type Handlers = {
  [N in MethodName]: (input: ParsedInput<N>, context: HandlerContext) => Promise<MethodResult<N>>
}

/** Each contract method bound to the core function that answers it. */
export const handlers: Handlers = {
  'engine.info': async (_input, context) => getEngineInfo(await context.connection()),
  'engine.state': (_input, context) => Promise.resolve(context.session.state),
  'engine.diskUsage': async (_input, context) => getDiskUsage(await context.connection()),
  'images.rows': async (_input, context) => context.catalog.rows(await context.connection()),
  'images.list': async (input, context) => {
    const images = await context.catalog.list(await context.connection())
    return input.dangling === undefined ? images : images.filter((image) => image.dangling === input.dangling)
  },
  'images.get': async (input, context) => context.catalog.get(await context.connection(), input.id),
  'images.inspect': async (input, context) => context.catalog.detail(await context.connection(), input.ref),
  'images.blockers': async (input, context) => findBlockers(await context.connection(), input.ref),
  'images.untag': async (input, context) => untagImage(await context.connection(), context.catalog.cache, input.tag),
  'images.remove': async (input, context) => removeImage(await context.connection(), context.catalog.cache, input),
  'containers.list': async (input, context) => listContainers(await context.connection(), undefined, { size: input.size }),
  'layers.analyze': async (input, context) => {
    const progress = progressReporter(context.events, input.taskId ?? `analyze:${input.ref}`, `Reading the layers of ${input.ref}`)
    try {
      return await analyzeEngineImage(await context.connection(), input.ref, context.layerCache, { files: input.files, signal: context.signal, onProgress: progress.update })
    } finally {
      progress.finish()
    }
  },
  'layers.tree': async (input, context) => context.explorer.tree(await context.connection(), input.ref, input.layer, input.path, input.onlyChanges),
  'layers.search': async (input, context) => context.explorer.search(await context.connection(), input.ref, input.layer, input.pattern, input.onlyChanges, input.limit, context.signal),
  'layers.readFile': async (input, context) => context.explorer.readFile(await context.connection(), input.ref, input.layer, input.path, input.maxBytes),
  'layers.diff': async (input, context) => context.explorer.diff(await context.connection(), input.a, input.b),
  'tasks.cancel': (input, context) => Promise.resolve({ cancelled: context.tasks.cancel(input.taskId) }),
  'containers.start': async (input, context) => startContainer(await context.connection(), input.id),
  'containers.stop': async (input, context) => stopContainer(await context.connection(), input.id, input.timeoutSeconds),
  'containers.restart': async (input, context) => restartContainer(await context.connection(), input.id, input.timeoutSeconds),
  'containers.remove': async (input, context) => removeContainer(await context.connection(), input),
  'containers.changes': async (input, context) => containerChanges(await context.connection(), input.id),
  'containers.commit': async (input, context) => commitContainer(await context.connection(), input),
  'containers.commitPreview': async (input, context) => previewCommit(await context.connection(), input),
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
  'settings.get': (_input, context) => context.settings.get(),
  'settings.pinImage': (input, context) => context.settings.pinImage(input.ref, input.pinned),
  ...registryHandlers,
}
