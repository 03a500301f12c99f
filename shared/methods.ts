/**
 * The names of every API method. Kept free of schema code so the sandboxed
 * preload can bundle it; shared/contract.ts is checked against this list.
 */
export const METHOD_NAMES = [
  'engine.info',
  'engine.state',
  'engine.diskUsage',
  'engines.use',
  'images.rows',
  'images.list',
  'images.get',
  'images.inspect',
  'images.blockers',
  'images.chains',
  'images.untag',
  'images.remove',
  'images.removePlatform',
  'images.planRemoveSet',
  'images.removeSet',
  'containers.list',
  'layers.analyze',
  'layers.analyzeArchive',
  'layers.advice',
  'layers.tree',
  'layers.search',
  'layers.readFile',
  'layers.diff',
  'tasks.cancel',
  'containers.start',
  'containers.stop',
  'containers.restart',
  'containers.remove',
  'containers.changes',
  'containers.inspect',
  'containers.files',
  'containers.commit',
  'containers.commitPreview',
  'containers.run',
  'containers.logSizes',
  'cleanup.plan',
  'cleanup.execute',
  'registry.inspect',
  'registry.pull',
  'registry.push',
  'registry.login',
  'registry.logout',
  'images.tag',
  'images.save',
  'images.load',
  'images.platforms',
  'settings.get',
  'settings.pinImage',
  'settings.update',
  'settings.saveEngine',
  'settings.removeEngine',
  'settings.savePolicy',
  'settings.removePolicy',
  'settings.recordPolicyRun',
  'cache.usage',
  'cache.clear',
  'engines.discover',
  'engines.probe',
  'engines.trustHostKey',
] as const

export type MethodName = (typeof METHOD_NAMES)[number]

export function isMethodName(value: unknown): value is MethodName {
  return typeof value === 'string' && (METHOD_NAMES as readonly string[]).includes(value)
}

/** IPC channel names derived from the method names, one per method. */
export const IPC_PREFIX = 'strata:'
export const IPC_EVENT_CHANNEL = 'strata:event'
export const IPC_READY_CHANNEL = 'strata:ready'

export function ipcChannel(method: MethodName): string {
  return `${IPC_PREFIX}${method}`
}
