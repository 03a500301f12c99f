import type { MethodName } from '../../../shared/methods'
import type { EngineSwitch, EngineTls } from '../../../shared/types'
import type { MethodResult, ParsedInput } from '../../../shared/contract'
import type { EngineConnection } from '../engine/connection'
import type { EndpointEnvironment } from '../engine/endpoint'
import type { SshProbes } from '../engine/ssh/ssh-probes'
import type { EngineSession } from '../engine/session'
import type { ImageCatalog } from '../images/catalog'
import type { LayerExplorer } from '../layers/explorer'
import type { LayerCache } from '../layers/layer-cache'
import type { SettingsStore } from '../settings/settings'
import type { EventHub } from './event-hub'
import type { TaskRegistry } from './tasks'

/** The layer cache and explorer, made on first use: most calls never read a layer. */
export interface LayerTools {
  layerCache: LayerCache
  explorer: LayerExplorer
}

export interface HandlerContext {
  session: EngineSession
  catalog: ImageCatalog
  events: EventHub
  layers(): Promise<LayerTools>
  tasks: TaskRegistry
  settings: SettingsStore
  /** The core's cache folder (images/ per endpoint, layers/); null when the cache is in memory only. */
  cacheRoot: string | null
  /** Brings the cache folder under the user's cap now (after the cap changed). */
  enforceCacheCap(): Promise<void>
  /** Replaces the engine every later call uses (null: the docker CLI's order). */
  switchEngine(host: string | null, tls?: EngineTls | null): Promise<EngineSwitch>
  connection(): Promise<EngineConnection>
  /** Where endpoints are resolved from (environment variables, home folder, files); the process's own outside tests. */
  environment: EndpointEnvironment
  /** ssh transports of engines.probe, whose presented host keys engines.trustHostKey may add. */
  sshProbes: SshProbes
  signal: AbortSignal
}

export type Handler<N extends MethodName> = (input: ParsedInput<N>, context: HandlerContext) => Promise<MethodResult<N>>

export type Handlers = {
  [N in MethodName]: Handler<N>
}
