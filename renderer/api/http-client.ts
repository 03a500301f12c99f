import type { MethodInput, MethodResult, StrataApi } from '../../shared/contract'
import { StrataError, parseWireError } from '../../shared/errors'
import { parseEventMessage } from '../../shared/event-schemas'
import type { EventName, EventPayloads } from '../../shared/events'
import type { MethodName } from '../../shared/methods'
import { socketStreamWire, startStream } from './stream-client'

type Listener = (payload: never) => void

const MAX_RETRY_MS = 4000

/**
 * The contract over the browser host: POST /api/<method>, events from the
 * WebSocket at /api/events. The session cookie set by `strata serve` authenticates both.
 */
export function createHttpClient(origin: string): StrataApi {
  const listeners = new Map<EventName, Set<Listener>>()
  const transportListeners = new Set<(connected: boolean, refused: boolean) => void>()
  let socket: WebSocket | null = null
  let retryMs = 500
  let connected = false
  /** The host answers but no longer takes this page's session: `strata serve` was started again, with a new token. */
  let refused = false
  /** Set once the socket has dropped: the next open is a reconnection, after which everything shown is read again. */
  let dropped = false

  function deliver(event: EventName, payload: unknown): void {
    for (const listener of listeners.get(event) ?? []) (listener as (payload: unknown) => void)(payload)
  }

  function setConnected(next: boolean, nextRefused = false): void {
    if (next === connected && nextRefused === refused) return
    connected = next
    refused = nextRefused
    for (const listener of transportListeners) listener(connected, refused)
  }

  /**
   * A browser does not say why a WebSocket was refused, so ask the host over HTTP:
   * 401 means it is up but this page's session cookie is not for it.
   */
  async function probeRefusal(): Promise<void> {
    try {
      const response = await fetch(new URL('/api/events', origin), { credentials: 'same-origin' })
      if (!connected) setConnected(false, response.status === 401)
    } catch {
      if (!connected) setConnected(false, false)
    }
  }

  function connect(): void {
    const url = new URL('/api/events', origin)
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
    socket = new WebSocket(url)
    socket.addEventListener('open', () => {
      retryMs = 500
      setConnected(true)
      if (dropped) {
        dropped = false
        // Events sent while the host was away are lost (or the host restarted with a new core): read everything again.
        deliver('images.reset', { reason: 'host-reconnected' } satisfies EventPayloads['images.reset'])
      }
    })
    socket.addEventListener('message', (message: MessageEvent<unknown>) => {
      const parsed = parseEventMessage(message.data)
      if ('invalid' in parsed) {
        // A bad message is the host's bug or a stranger's: say so, and keep the page running.
        console.warn(`strata: ignored an event message: ${parsed.invalid}`)
        return
      }
      deliver(parsed.event, parsed.payload)
    })
    socket.addEventListener('close', () => {
      dropped = true
      setConnected(false, refused)
      void probeRefusal()
      // The host went away (strata serve restarted); keep trying, slower each time, but at
      // most 4 s apart: the host is on this machine, a refused attempt costs nothing, and a
      // restarted host should see the page catch up within a few seconds.
      setTimeout(connect, retryMs)
      retryMs = Math.min(retryMs * 2, MAX_RETRY_MS)
    })
  }

  return {
    async call<N extends MethodName>(method: N, input: MethodInput<N>): Promise<MethodResult<N>> {
      let response: Response
      try {
        response = await fetch(new URL(`/api/${method}`, origin), {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(input),
          credentials: 'same-origin',
        })
      } catch (error) {
        throw new StrataError('ENGINE_UNREACHABLE', 'The Strata server does not answer; is `strata serve` still running?', {
          cause: error instanceof Error ? error.message : String(error),
        })
      }
      const outcome = (await response.json().catch(() => null)) as { ok?: unknown; value?: unknown; error?: unknown } | null
      if (outcome?.ok === true) return outcome.value as MethodResult<N>
      throw StrataError.fromWire(parseWireError(outcome?.error))
    },
    openStream: (name, input, handlers) => startStream(socketStreamWire(origin), name, input, handlers),
    on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
      if (socket === null) connect()
      let set = listeners.get(event)
      if (set === undefined) {
        set = new Set()
        listeners.set(event, set)
      }
      const stored = listener as Listener
      set.add(stored)
      return () => {
        set.delete(stored)
      }
    },
    onTransport(listener) {
      if (socket === null) connect()
      transportListeners.add(listener)
      listener(connected, refused)
      return () => {
        transportListeners.delete(listener)
      }
    },
  }
}
