import { z } from 'zod'
import { isEventName, type EventMessage, type EventName } from './events'

/*
 * What a client checks of each event before handing it on. The host is trusted
 * to send whole summaries; these check the fields the stores key and branch on,
 * so a truncated or foreign message is logged and dropped instead of throwing
 * deep inside a store (extra fields pass: a newer host may add some).
 */
const endpoint = z.looseObject({ url: z.string(), kind: z.string() })
const container = z.looseObject({ id: z.string().min(1), names: z.array(z.string()), image: z.string(), imageId: z.string(), state: z.string(), status: z.string(), created: z.string() })
const image = z.looseObject({ id: z.string().min(1), repoTags: z.array(z.string()), size: z.number(), containers: z.looseObject({ running: z.array(z.unknown()), stopped: z.array(z.unknown()) }) })

export const eventPayloadSchemas = {
  'engine.state': z.looseObject({
    state: z.enum(['connecting', 'connected', 'reconnecting', 'unreachable']),
    endpoint,
    message: z.string().nullable(),
    retryInSeconds: z.number().nullable(),
  }),
  'images.changed': z.looseObject({ action: z.string(), id: z.string().min(1), image: image.nullable() }),
  'images.reset': z.looseObject({ reason: z.string() }),
  'containers.changed': z.looseObject({ action: z.string(), id: z.string().min(1), container: container.nullable() }),
  progress: z.looseObject({ taskId: z.string(), label: z.string(), done: z.number(), total: z.number().nullable(), finished: z.boolean() }),
  'transfer.layer': z.looseObject({ taskId: z.string(), layer: z.looseObject({ id: z.string(), status: z.string(), message: z.string() }) }),
} as const satisfies Record<EventName, z.ZodType>

/** The payload if it has the shape of `event`'s, or why not. */
export function checkEventPayload(event: EventName, payload: unknown): { ok: true } | { ok: false; problem: string } {
  const checked = eventPayloadSchemas[event].safeParse(payload)
  return checked.success ? { ok: true } : { ok: false, problem: z.prettifyError(checked.error) }
}

/** One message of the events socket, or why it is not one. Never throws. */
export function parseEventMessage(text: unknown): EventMessage | { invalid: string } {
  if (typeof text !== 'string') return { invalid: 'not a text message' }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return { invalid: 'not JSON' }
  }
  if (typeof parsed !== 'object' || parsed === null) return { invalid: 'not an object' }
  const { event, payload } = parsed as { event?: unknown; payload?: unknown }
  if (!isEventName(event)) return { invalid: `unknown event ${typeof event === 'string' ? JSON.stringify(event) : typeof event}` }
  const checked = checkEventPayload(event, payload)
  if (!checked.ok) return { invalid: `${event}: ${checked.problem}` }
  return { event, payload } as EventMessage
}
