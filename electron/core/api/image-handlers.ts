import { getEngineInfo } from '../engine/info'
import { findBlockers } from '../images/blockers'
import { removeImage, untagImage } from '../images/remove'
import { planRemoveSet, removeSet } from '../images/remove-set'
import { removePlatform } from '../images/remove-platform'
import { progressReporter } from './progress'
import { listContainers } from '../containers/list'
import { getDiskUsage } from '../system/disk-usage'
import { checkTlsFiles } from '../engine/tls-files'
import type { Handlers } from './handler-types'

type ImageMethods =
  | 'engine.info'
  | 'engine.state'
  | 'engine.diskUsage'
  | 'engines.use'
  | 'images.rows'
  | 'images.list'
  | 'images.get'
  | 'images.inspect'
  | 'images.blockers'
  | 'images.chains'
  | 'images.untag'
  | 'images.remove'
  | 'images.removePlatform'
  | 'images.planRemoveSet'
  | 'images.removeSet'
  | 'containers.list'
  | 'tasks.cancel'
  | 'settings.get'
  | 'settings.pinImage'

/** The engine, the catalog and what a one-shot listing needs; nothing here reads a layer or a registry. */
export const imageHandlers: Pick<Handlers, ImageMethods> = {
  'engine.info': async (_input, context) => getEngineInfo(await context.connection()),
  'engine.state': (_input, context) => Promise.resolve(context.session.state),
  'engine.diskUsage': async (_input, context) => getDiskUsage(await context.connection()),
  'engines.use': async (input, context) => {
    const tls = input.tls ?? null
    if (tls !== null) checkTlsFiles(tls)
    const switched = await context.switchEngine(input.host, tls)
    if (input.save === true) await context.settings.setEngineHost(input.host, tls)
    return switched
  },
  'images.rows': async (_input, context) => context.catalog.rows(await context.connection()),
  'images.list': async (input, context) => {
    const images = await context.catalog.list(await context.connection())
    return input.dangling === undefined ? images : images.filter((image) => image.dangling === input.dangling)
  },
  'images.get': async (input, context) => context.catalog.get(await context.connection(), input.id),
  'images.inspect': async (input, context) => context.catalog.detail(await context.connection(), input.ref),
  'images.blockers': async (input, context) => findBlockers(await context.connection(), input.ref),
  'images.chains': async (_input, context) => context.catalog.chains(await context.connection()),
  'images.untag': async (input, context) => untagImage(await context.connection(), context.catalog.cache, input.tag),
  'images.remove': async (input, context) => removeImage(await context.connection(), context.catalog.cache, input),
  'images.removePlatform': async (input, context) => removePlatform(await context.connection(), input),
  'images.planRemoveSet': async (input, context) => planRemoveSet(await context.connection(), context.catalog.cache, input.ids),
  'images.removeSet': async (input, context) => {
    const progress = progressReporter(context.events, input.taskId ?? 'images.removeSet', 'Deleting images', 0)
    try {
      return await removeSet(await context.connection(), context.catalog.cache, input, { signal: context.signal, onProgress: progress.update })
    } finally {
      progress.finish()
    }
  },
  'containers.list': async (input, context) => listContainers(await context.connection(), undefined, { size: input.size }),
  'tasks.cancel': (input, context) => Promise.resolve({ cancelled: context.tasks.cancel(input.taskId) }),
  'settings.get': (_input, context) => context.settings.get(),
  'settings.pinImage': (input, context) => context.settings.pinImage(input.ref, input.pinned),
}
