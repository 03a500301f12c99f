import type { MethodName } from '../../../shared/methods'
import type { Handler, Handlers } from './handler-types'

export type { HandlerContext, Handlers, LayerTools } from './handler-types'

/**
 * Each contract method bound to the core function that answers it. The handlers
 * are loaded per group on first call, so a one-shot command (`strata images`)
 * loads neither the layer reader nor the registry client it does not use.
 */
type Group = () => Promise<Partial<Handlers>>

const IMAGES: Group = async () => (await import('./image-handlers')).imageHandlers
const LAYERS: Group = async () => (await import('./layer-handlers')).layerHandlers
const CONTAINERS: Group = async () => (await import('./container-handlers')).containerHandlers
const CLEANUP: Group = async () => (await import('./cleanup-handlers')).cleanupHandlers
const ENGINES: Group = async () => (await import('./engine-handlers')).engineHandlers
const REGISTRY: Group = async () => (await import('../registry/handlers')).registryHandlers
const SETTINGS: Group = async () => (await import('./settings-handlers')).settingsHandlers
const DISCOVERY: Group = async () => (await import('../engine/discovery/handlers')).discoveryHandlers

const GROUP_OF: Record<MethodName, Group> = {
  'engine.info': IMAGES,
  'engine.state': IMAGES,
  'engine.diskUsage': IMAGES,
  'engines.use': IMAGES,
  'images.rows': IMAGES,
  'images.list': IMAGES,
  'images.get': IMAGES,
  'images.inspect': IMAGES,
  'images.blockers': IMAGES,
  'images.chains': IMAGES,
  'images.untag': IMAGES,
  'images.remove': IMAGES,
  'images.removePlatform': IMAGES,
  'images.planRemoveSet': IMAGES,
  'images.removeSet': IMAGES,
  'containers.list': IMAGES,
  'tasks.cancel': IMAGES,
  'settings.get': IMAGES,
  'settings.pinImage': IMAGES,
  'settings.update': SETTINGS,
  'settings.saveEngine': SETTINGS,
  'settings.removeEngine': SETTINGS,
  'settings.savePolicy': SETTINGS,
  'settings.removePolicy': SETTINGS,
  'settings.recordPolicyRun': SETTINGS,
  'cache.usage': SETTINGS,
  'cache.clear': SETTINGS,
  'layers.analyze': LAYERS,
  'layers.analyzeArchive': LAYERS,
  'layers.advice': LAYERS,
  'layers.tree': LAYERS,
  'layers.search': LAYERS,
  'layers.readFile': LAYERS,
  'layers.diff': LAYERS,
  'containers.start': CONTAINERS,
  'containers.stop': CONTAINERS,
  'containers.restart': CONTAINERS,
  'containers.remove': CONTAINERS,
  'containers.changes': CONTAINERS,
  'containers.inspect': CONTAINERS,
  'containers.files': CONTAINERS,
  'containers.commit': CONTAINERS,
  'containers.commitPreview': CONTAINERS,
  'containers.run': CONTAINERS,
  'containers.logSizes': CONTAINERS,
  'cleanup.plan': CLEANUP,
  'cleanup.execute': CLEANUP,
  'registry.inspect': REGISTRY,
  'registry.pull': REGISTRY,
  'registry.push': REGISTRY,
  'registry.login': REGISTRY,
  'registry.logout': REGISTRY,
  'images.tag': REGISTRY,
  'images.save': REGISTRY,
  'images.load': REGISTRY,
  'images.platforms': REGISTRY,
  'engines.discover': DISCOVERY,
  'engines.probe': ENGINES,
  'engines.trustHostKey': ENGINES,
}

/** The handler of one method, its group loaded first if this is the group's first call. */
export async function handlerFor<N extends MethodName>(method: N): Promise<Handler<N>> {
  const handler = (await GROUP_OF[method]())[method]
  if (handler === undefined) throw new Error(`No handler for ${method}`)
  return handler
}
