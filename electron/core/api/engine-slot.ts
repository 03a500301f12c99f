import type { Endpoint, EndpointEnvironment } from '../engine/endpoint'
import { EngineSession, type Backoff } from '../engine/session'
import { ImageCatalog } from '../images/catalog'
import { ImageDataCache } from '../images/image-data'
import { imageCacheDir } from '../images/image-cache-dir'
import type { EventHub, EventSink } from './event-hub'
import { LiveUpdates } from './live-updates'

/**
 * Everything the core keeps for one engine: its session, and the catalog with its
 * per-image cache. Switching engines replaces the whole slot, so nothing of one
 * engine (a cached size, a pending lookup) can answer for another.
 */
export interface EngineSlot {
  readonly endpoint: Endpoint
  readonly session: EngineSession
  readonly catalog: ImageCatalog
}

export interface SlotOptions {
  /** Where an ssh:// engine finds ~/.ssh and SSH_AUTH_SOCK. */
  environment: EndpointEnvironment
  /** The cache root; each endpoint gets a folder of its own under images/. */
  cacheRoot: string | null
  events: EventHub
  backoff: Backoff
  reportBackground: (error: unknown) => void
  /** False once the slot has been replaced: its late news is dropped, not published. */
  isCurrent(slot: EngineSlot): boolean
}

export { imageCacheDir }

export function openEngineSlot(endpoint: Endpoint, options: SlotOptions): EngineSlot {
  const { events } = options
  const catalog = new ImageCatalog(new ImageDataCache(imageCacheDir(options.cacheRoot, endpoint)))
  const news: EventSink = {
    emit: (event, payload) => {
      if (options.isCurrent(slot)) events.emit(event, payload)
    },
  }
  const live = new LiveUpdates({
    catalog,
    hub: news,
    reportBackground: options.reportBackground,
    // A recheck due after the engine was replaced would ask a closed connection: skip it.
    schedule: (run, delayMs) => {
      setTimeout(() => {
        if (options.isCurrent(slot)) run()
      }, delayMs).unref()
    },
  })
  const slot: EngineSlot = {
    endpoint,
    catalog,
    session: new EngineSession(
      endpoint,
      {
        onState: (state) => {
          news.emit('engine.state', state)
        },
        onDaemonEvent: (event, connection) => {
          live.receive(event, connection)
        },
        onResync: () => {
          news.emit('images.reset', { reason: 'reconnected' })
        },
      },
      options.backoff,
      options.environment,
    ),
  }
  return slot
}
