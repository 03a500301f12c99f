import type { MethodInput, MethodResult, StrataApi } from '../../shared/contract'
import { StrataError, parseWireError } from '../../shared/errors'
import { isEventName, type EventName, type EventPayloads } from '../../shared/events'
import type { MethodName } from '../../shared/methods'
import { socketStreamWire, startStream } from './stream-client'

type Listener = (payload: never) => void

/**
 * The contract over the browser host: POST /api/<method>, events from the
 * WebSocket at /api/events. The session cookie set by `strata serve` authenticates both.
 */
export function createHttpClient(origin: string): StrataApi {
  const listeners = new Map<EventName, Set<Listener>>()
  let socket: WebSocket | null = null
  let retryMs = 500

  function connect(): void {
    const url = new URL('/api/events', origin)
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
    socket = new WebSocket(url)
    socket.addEventListener('open', () => {
      retryMs = 500
    })
    socket.addEventListener('message', (message: MessageEvent<string>) => {
      const parsed = JSON.parse(message.data) as { event?: unknown; payload?: unknown }
      if (!isEventName(parsed.event)) return
      for (const listener of listeners.get(parsed.event) ?? []) (listener as (payload: unknown) => void)(parsed.payload)
    })
    socket.addEventListener('close', () => {
      // The host went away (strata serve restarted); keep trying, slower each time.
      setTimeout(connect, retryMs)
      retryMs = Math.min(retryMs * 2, 10_000)
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
  }
}
