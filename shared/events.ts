import type { ConnectionState, ContainerSummary, ImageSummary, TransferLayer } from './types'

/** Every event the core pushes to its clients, with its payload. */
export interface EventPayloads {
  'engine.state': ConnectionState
  /** An image appeared, changed or went away; `image` is null when it is gone. */
  'images.changed': { action: string; id: string; image: ImageSummary | null }
  /** Emitted when the image set must be re-read as a whole (the daemon reconnected, a commit made an unnamed image). */
  'images.reset': { reason: string }
  'containers.changed': { action: string; id: string; container: ContainerSummary | null }
  progress: { taskId: string; label: string; done: number; total: number | null; finished: boolean }
  /** One layer of a pull, push or load changed state; `progress` of the same task carries the overall bytes. */
  'transfer.layer': { taskId: string; layer: TransferLayer }
}

export type EventName = keyof EventPayloads

export const EVENT_NAMES = ['engine.state', 'images.changed', 'images.reset', 'containers.changed', 'progress', 'transfer.layer'] as const satisfies readonly EventName[]

export interface EventMessage<N extends EventName = EventName> {
  event: N
  payload: EventPayloads[N]
}

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && (EVENT_NAMES as readonly string[]).includes(value)
}

// Compile-time proof that the runtime list names every event.
type MissingEventNames = Exclude<EventName, (typeof EVENT_NAMES)[number]>
export const everyEventListed: MissingEventNames extends never ? true : false = true
