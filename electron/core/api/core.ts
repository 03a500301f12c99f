import { createHash } from 'node:crypto'
import { join } from 'node:path'
import type { Outcome } from '../../../shared/errors'
import type { EndpointEnvironment } from '../engine/endpoint'
import { resolveEndpoint } from '../engine/endpoint'
import { processEnvironment } from '../engine/environment'
import { DEFAULT_BACKOFF, EngineSession, type Backoff } from '../engine/session'
import { ImageCatalog } from '../images/catalog'
import { ImageDataCache } from '../images/image-data'
import { engineError } from '../engine/errors'
import { runGuarded } from './call-guard'
import { dispatch } from './dispatch'
import type { LayerTools } from './handler-types'
import { EventHub } from './event-hub'
import { publishDaemonEvent } from './live-updates'
import { TaskRegistry, taskIdOf } from './tasks'
import { SettingsStore } from '../settings/settings'

export interface CoreOptions {
  /** An explicit endpoint (--host or a setting); null follows DOCKER_HOST, contexts, defaults. */
  host: string | null
  environment?: EndpointEnvironment
  backoff?: Backoff
  /** Where immutable per-image data (inspect, history) persists across restarts; none keeps it in memory only. */
  cacheDir?: string | null
  /** Where settings.json (the pinned images) lives; none keeps the settings in memory only. */
  configDir?: string | null
  /** Where failures of background work (live updates) are reported. */
  onBackgroundError?: (error: unknown) => void
}

/** The one object every transport adapts: call a method, subscribe to events. */
export interface StrataCore {
  readonly events: EventHub
  readonly session: EngineSession
  readonly catalog: ImageCatalog
  call(method: unknown, input: unknown, signal?: AbortSignal): Promise<Outcome<unknown>>
  /** Writes one file of an image to disk: the command line, Electron's save dialog, the browser host's downloads. */
  extractFile(ref: string, layer: number | undefined, path: string, destination: string, options?: { replace?: boolean; signal?: AbortSignal }): Promise<{ layer: number; size: number }>
  /** Starts following the engine (connection state and live events); one-shot CLI commands skip it. */
  follow(): void
  close(): Promise<void>
}

export function createStrataCore(options: CoreOptions): StrataCore {
  const environment = options.environment ?? processEnvironment()
  const endpoint = resolveEndpoint(options.host, environment)
  const events = new EventHub()
  // Per endpoint: layer sizes come from the storage driver, so two engines may measure the same image differently.
  const cacheRoot = options.cacheDir ?? null
  const cacheDir = cacheRoot === null ? null : join(cacheRoot, 'images', createHash('sha256').update(endpoint.url).digest('hex').slice(0, 16))
  const catalog = new ImageCatalog(new ImageDataCache(cacheDir))
  // Diff IDs name layer content, the same on every engine: one layer cache for all endpoints.
  // Loaded on the first call that reads a layer; listing images never does.
  let layerTools: Promise<LayerTools> | null = null
  const layers = (): Promise<LayerTools> => {
    layerTools ??= loadLayerTools(cacheRoot === null ? null : join(cacheRoot, 'layers'))
    return layerTools
  }
  const tasks = new TaskRegistry()
  const settings = new SettingsStore(options.configDir ?? null)
  const reportBackground = options.onBackgroundError ?? (() => undefined)
  // Lookups run one at a time so that a tag followed by a delete is never published in reverse.
  let publishing: Promise<void> = Promise.resolve()
  const session = new EngineSession(
    endpoint,
    {
      onState: (state) => {
        events.emit('engine.state', state)
      },
      onDaemonEvent: (event, connection) => {
        publishing = publishing.then(() => publishDaemonEvent(event, connection, catalog, events)).catch(reportBackground)
      },
      onResync: () => {
        events.emit('images.reset', { reason: 'reconnected' })
      },
    },
    options.backoff ?? DEFAULT_BACKOFF,
    environment,
  )
  return {
    events,
    session,
    catalog,
    call: async (method, input, signal) => {
      // tasks.cancel names the task it stops; it is not that task itself.
      const task = tasks.begin(method === 'tasks.cancel' ? undefined : taskIdOf(input), signal ?? new AbortController().signal)
      try {
        return await runGuarded(() => dispatch(method, input, {
          session,
          catalog,
          events,
          layers,
          tasks,
          settings,
          connection: () => session.connected(),
          signal: task.signal,
        }))
      } catch (error) {
        return { ok: false, error: engineError(error, endpoint).toWire() }
      } finally {
        task.end()
      }
    },
    extractFile: async (ref, layer, path, destination, options) => {
      try {
        return await runGuarded(async () => (await layers()).explorer.extractFile(await session.connected(), ref, layer, path, destination, options))
      } catch (error) {
        throw engineError(error, endpoint)
      }
    },
    follow: () => {
      session.start()
    },
    close: () => session.close(),
  }
}

async function loadLayerTools(cacheDir: string | null): Promise<LayerTools> {
  const [{ LayerCache }, { LayerExplorer }] = await Promise.all([import('../layers/layer-cache'), import('../layers/explorer')])
  const layerCache = new LayerCache(cacheDir)
  return { layerCache, explorer: new LayerExplorer(layerCache) }
}
