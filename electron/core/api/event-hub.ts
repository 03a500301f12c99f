import type { EventName, EventPayloads } from '../../../shared/events'

type Listener<E extends EventName> = (payload: EventPayloads[E]) => void
type AnyListener = <E extends EventName>(event: E, payload: EventPayloads[E]) => void

/** Where news is published; a replaced engine's work publishes through one that drops it. */
export interface EventSink {
  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void
}

/** A typed publish/subscribe point for the contract's events; transports subscribe with `onAny`. */
export class EventHub implements EventSink {
  private readonly listeners = new Map<EventName, Set<(payload: never) => void>>()
  private readonly anyListeners = new Set<AnyListener>()

  on<E extends EventName>(event: E, listener: Listener<E>): () => void {
    let set = this.listeners.get(event)
    if (set === undefined) {
      set = new Set()
      this.listeners.set(event, set)
    }
    const stored = listener as (payload: never) => void
    set.add(stored)
    return () => {
      set.delete(stored)
    }
  }

  onAny(listener: AnyListener): () => void {
    this.anyListeners.add(listener)
    return () => {
      this.anyListeners.delete(listener)
    }
  }

  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void {
    const set = this.listeners.get(event)
    if (set !== undefined) {
      for (const listener of set) (listener as Listener<E>)(payload)
    }
    for (const listener of this.anyListeners) listener(event, payload)
  }
}
