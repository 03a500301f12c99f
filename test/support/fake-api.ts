import type { MethodInput, MethodResult, StrataApi } from '../../shared/contract'
import { StrataError } from '../../shared/errors'
import type { EventName, EventPayloads } from '../../shared/events'
import type { MethodName } from '../../shared/methods'
import type { StreamInputArgument } from '../../shared/stream-contract'
import type { StreamClient, StreamHandlers, StreamName } from '../../shared/streams'

type Answer<N extends MethodName> = (input: MethodInput<N>) => MethodResult<N> | Promise<MethodResult<N>>

export interface RecordedCall {
  method: MethodName
  input: unknown
}

export interface OpenedStream {
  name: StreamName
  input: unknown
  /** The component's handlers: a test plays the stream's data and end through them (see `stream`). */
  handlers: unknown
  sent: unknown[]
  closed: boolean
}

/** An answer the test hands over when it chooses, so answers can arrive out of order. */
export interface Pending<T> {
  resolve(value: T): void
  reject(error: unknown): void
}

/**
 * StrataApi in memory, for component and store tests: each method answers what the test
 * set with `answer` (a method without one fails as the core would with INTERNAL), every
 * call is recorded, `emit` plays a core event to the listeners, and streams are recorded
 * with what was sent on them. Installed with setStrataApiForTests from renderer/api.
 */
export class FakeApi implements StrataApi {
  readonly calls: RecordedCall[] = []
  readonly streams: OpenedStream[] = []
  private readonly answers = new Map<MethodName, (input: unknown) => unknown>()
  private readonly listeners = new Map<EventName, Set<(payload: never) => void>>()

  /** Sets how a method answers from now on; a thrown error (a StrataError) is the call's failure. */
  answer<N extends MethodName>(method: N, answer: Answer<N>): this {
    this.answers.set(method, answer as (input: unknown) => unknown)
    return this
  }

  /** Makes the next calls of a method wait: each call gets its own Pending, in the order they were made. */
  hold<N extends MethodName>(method: N): Pending<MethodResult<N>>[] {
    const pending: Pending<MethodResult<N>>[] = []
    this.answer(method, () => new Promise<MethodResult<N>>((resolve, reject) => pending.push({ resolve, reject })))
    return pending
  }

  call<N extends MethodName>(method: N, input: MethodInput<N>): Promise<MethodResult<N>> {
    this.calls.push({ method, input })
    const answer = this.answers.get(method)
    if (answer === undefined) return Promise.reject(new StrataError('INTERNAL', `The fake API has no answer for ${method}.`))
    // Asynchronous like the real transports: the caller's code after `await` never runs within call().
    return Promise.resolve().then(() => answer(input) as MethodResult<N>)
  }

  /** The inputs of every call of one method, in order. */
  inputsOf<N extends MethodName>(method: N): MethodInput<N>[] {
    return this.calls.filter((call) => call.method === method).map((call) => call.input as MethodInput<N>)
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
    const set = this.listeners.get(event) ?? new Set()
    this.listeners.set(event, set)
    set.add(listener)
    return () => set.delete(listener)
  }

  /** Plays a core event to whoever listens. */
  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (payload: EventPayloads[E]) => void)(payload)
  }

  listenerCount(event: EventName): number {
    return this.listeners.get(event)?.size ?? 0
  }

  openStream<N extends StreamName>(name: N, input: StreamInputArgument<N>, handlers: StreamHandlers<N>): StreamClient<N> {
    const opened: OpenedStream = { name, input, handlers, sent: [], closed: false }
    this.streams.push(opened)
    return {
      send: (message) => opened.sent.push(message),
      close: () => {
        opened.closed = true
      },
    }
  }

  /** The last stream opened with this name, with its handlers typed for playing data to it. */
  stream<N extends StreamName>(name: N): (OpenedStream & { handlers: StreamHandlers<N> }) | undefined {
    return this.streams.findLast((opened) => opened.name === name) as (OpenedStream & { handlers: StreamHandlers<N> }) | undefined
  }
}
