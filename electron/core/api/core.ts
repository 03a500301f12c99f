import { join } from 'node:path'
import { failure, type Outcome, type StrataError } from '../../../shared/errors'
import { problem } from '../../../shared/problems'
import type { EngineSwitch } from '../../../shared/types'
import type { Endpoint, EndpointEnvironment, TlsFiles } from '../engine/endpoint'
import { resolveEngineTarget, summarizeEndpoint } from '../engine/endpoint'
import { processEnvironment } from '../engine/environment'
import { DEFAULT_BACKOFF, type Backoff, type EngineSession } from '../engine/session'
import type { ImageCatalog } from '../images/catalog'
import { engineError } from '../engine/errors'
import { runGuarded } from './call-guard'
import { dispatch } from './dispatch'
import { openEngineSlot, type EngineSlot, type SlotOptions } from './engine-slot'
import type { LayerTools } from './handler-types'
import { EventHub } from './event-hub'
import { TaskRegistry, taskIdOf } from './tasks'
import { SettingsStore } from '../settings/settings'
import type { StreamName } from '../../../shared/streams'
import { StreamHub, type OpenStream, type StreamSink } from '../streams/stream-hub'
import { SshProbes } from '../engine/ssh/ssh-probes'

export interface CoreOptions {
  /** An explicit endpoint (--host or a setting); null follows DOCKER_HOST, contexts, defaults. */
  host: string | null
  /** The TLS files saved with `host` (a tcp:// engine added in the app); none uses DOCKER_TLS_VERIFY / DOCKER_CERT_PATH. */
  tls?: TlsFiles | null
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
  /** Opens a stream (logs, stats, a terminal) whose messages go to `sink`; the input is checked first. */
  openStream(name: StreamName, input: unknown, sink: StreamSink): OpenStream
  /** How many streams are open (a closed tab must leave none). */
  readonly openStreams: number
  /** Starts following the engine (connection state and live events); one-shot CLI commands skip it. */
  follow(): void
  close(): Promise<void>
}

export function createStrataCore(options: CoreOptions): StrataCore {
  const environment = options.environment ?? processEnvironment()
  const events = new EventHub()
  const cacheRoot = options.cacheDir ?? null
  // Diff IDs name layer content, the same on every engine: one layer cache for all endpoints.
  // Loaded on the first call that reads a layer; listing images never does.
  let layerTools: Promise<LayerTools> | null = null
  const tasks = new TaskRegistry()
  const settings = new SettingsStore(options.configDir ?? null)
  // The user's cap on the whole cache folder: enforced after each layer index written and at follow()
  // (app and serve start). One pass at a time; a pass asked for meanwhile runs once after it.
  let capPass: Promise<void> | null = null
  let capAgain = false
  // Read through a function: the loop below sets it false, and another call may set it true while a pass awaits.
  const askedAgain = (): boolean => capAgain
  const enforceCap = (): Promise<void> => {
    if (cacheRoot === null) return Promise.resolve()
    if (capPass !== null) {
      capAgain = true
      return capPass
    }
    capPass = (async () => {
      do {
        capAgain = false
        const { cacheCapBytes } = await settings.get()
        const { enforceCacheCap } = await import('../cache/cache-folder')
        await enforceCacheCap(cacheRoot, cacheCapBytes)
      } while (askedAgain())
    })()
      .catch(() => undefined)
      .finally(() => {
        capPass = null
      })
    return capPass
  }
  const layers = (): Promise<LayerTools> => {
    layerTools ??= loadLayerTools(cacheRoot === null ? null : join(cacheRoot, 'layers'), enforceCap)
    return layerTools
  }
  const slotOptions: SlotOptions = {
    environment,
    cacheRoot,
    events,
    backoff: options.backoff ?? DEFAULT_BACKOFF,
    reportBackground: options.onBackgroundError ?? (() => undefined),
    isCurrent: (candidate) => candidate === slot,
  }
  let slot: EngineSlot = openEngineSlot(resolveEngineTarget(options.host, options.tls, environment), slotOptions)
  let following = false
  const sshProbes = new SshProbes()
  const streams = new StreamHub({ connection: () => slot.session.connected(), explain: (error) => engineError(error, slot.endpoint) })

  /** Opens `host` (null: the docker CLI's order) in place of the current engine. */
  const switchEngine = async (host: string | null, tls?: TlsFiles | null): Promise<EngineSwitch> => {
    const next = openEngineSlot(resolveEngineTarget(host, tls, environment), slotOptions)
    const previous = slot
    // Transfers and cleanups act on the engine they started on: they are stopped, not carried over.
    const cancelledTasks = tasks.cancelAll()
    streams.closeAll()
    slot = next
    if (following) next.session.start()
    await previous.session.close()
    events.emit('engine.state', next.session.state)
    events.emit('images.reset', { reason: 'engine-switched' })
    return { endpoint: summarizeEndpoint(next.endpoint), previous: summarizeEndpoint(previous.endpoint), cancelledTasks }
  }

  return {
    events,
    get session() {
      return slot.session
    },
    get catalog() {
      return slot.catalog
    },
    call: async (method, input, signal) => {
      const { session, catalog, endpoint } = slot
      // tasks.cancel names the task it stops; it is not that task itself.
      const task = tasks.begin(method === 'tasks.cancel' ? undefined : taskIdOf(input), signal ?? new AbortController().signal)
      try {
        const outcome = await runGuarded(() =>
          dispatch(method, input, {
            session,
            catalog,
            events,
            layers,
            tasks,
            settings,
            cacheRoot,
            enforceCacheCap: enforceCap,
            switchEngine,
            connection: () => session.connected(),
            sshProbes,
            environment,
            signal: task.signal,
          }),
        )
        // An answer about the engine the user has just left must not land in views of the new one.
        if (slot.session !== session && method !== 'engines.use') return { ok: false, error: switchedAway(endpoint, slot.endpoint).toWire() }
        return outcome
      } catch (error) {
        if (slot.session !== session) return { ok: false, error: switchedAway(endpoint, slot.endpoint).toWire() }
        return { ok: false, error: engineError(error, endpoint).toWire() }
      } finally {
        task.end()
      }
    },
    extractFile: async (ref, layer, path, destination, extractOptions) => {
      const { session, endpoint } = slot
      try {
        return await runGuarded(async () => (await layers()).explorer.extractFile(await session.connected(), ref, layer, path, destination, extractOptions))
      } catch (error) {
        throw engineError(error, endpoint)
      }
    },
    openStream: (name, input, sink) => streams.start(name, input, sink),
    get openStreams() {
      return streams.size
    },
    follow: () => {
      following = true
      slot.session.start()
      void enforceCap()
    },
    close: () => {
      streams.closeAll()
      return slot.session.close()
    },
  }
}

function switchedAway(from: Endpoint, to: Endpoint): StrataError {
  return failure('CANCELLED', problem('engine.switchedDuringCall', { from: from.url, to: to.url }), { from: from.url, to: to.url })
}

async function loadLayerTools(cacheDir: string | null, afterWrite: () => Promise<void>): Promise<LayerTools> {
  const [{ LayerCache }, { LayerExplorer }] = await Promise.all([import('../layers/layer-cache'), import('../layers/explorer')])
  const layerCache = new LayerCache(cacheDir, undefined, undefined, afterWrite)
  return { layerCache, explorer: new LayerExplorer(layerCache) }
}
