import type { EngineConnection } from './connection'
import { createJsonLineSplitter } from './json-lines'

/** One entry of the daemon's /events stream, reduced to what Strata reads. */
export interface DaemonEvent {
  type: string
  action: string
  id: string
  attributes: Record<string, string>
  timeNano: number
}

export function toDaemonEvent(value: unknown): DaemonEvent | null {
  if (typeof value !== 'object' || value === null) return null
  const raw = value as { Type?: unknown; Action?: unknown; Actor?: { ID?: unknown; Attributes?: unknown }; timeNano?: unknown }
  if (typeof raw.Type !== 'string' || typeof raw.Action !== 'string') return null
  const id = raw.Actor?.ID
  if (typeof id !== 'string') return null
  const attributes: Record<string, string> = {}
  const rawAttributes = raw.Actor?.Attributes
  if (typeof rawAttributes === 'object' && rawAttributes !== null) {
    for (const [key, attribute] of Object.entries(rawAttributes)) {
      if (typeof attribute === 'string') attributes[key] = attribute
    }
  }
  return { type: raw.Type, action: raw.Action, id, attributes, timeNano: typeof raw.timeNano === 'number' ? raw.timeNano : 0 }
}

/**
 * Streams /events until the daemon closes it or `signal` aborts. Resolves when the
 * stream ends; rejects if it cannot be opened.
 */
export async function streamDaemonEvents(
  connection: EngineConnection,
  signal: AbortSignal,
  onEvent: (event: DaemonEvent) => void,
): Promise<void> {
  const stream = await connection.docker.getEvents({ abortSignal: signal })
  await new Promise<void>((resolve) => {
    const splitter = createJsonLineSplitter(
      (value) => {
        const event = toDaemonEvent(value)
        if (event !== null) onEvent(event)
      },
      () => undefined,
    )
    stream.on('data', (chunk: Buffer) => {
      splitter.push(chunk)
    })
    const finish = (): void => {
      resolve()
    }
    stream.on('end', finish)
    stream.on('close', finish)
    stream.on('error', finish)
    signal.addEventListener('abort', finish, { once: true })
  })
}
