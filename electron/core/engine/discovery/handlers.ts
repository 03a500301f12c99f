import type { Handlers } from '../../api/handler-types'
import { discoverEngines } from './discover'
import { processDiscoveryEnvironment } from './environment'

/** engines.discover: its own group, so that neither the catalog nor the engine client loads for it. */
export const discoveryHandlers: Pick<Handlers, 'engines.discover'> = {
  'engines.discover': (input, context) => discoverEngines(processDiscoveryEnvironment(), { timeoutMs: input.timeoutMs, inUse: context.session.endpoint }),
}
