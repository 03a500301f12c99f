import type { EngineConnection } from '../engine/connection'

/** Keyed by the engine's URL: one-shot callers each open their own connection to the same engine. */
const queues = new Map<string, Promise<unknown>>()

/**
 * GET /system/df, one at a time per engine. The engine refuses a second
 * disk-usage call while one runs ("a disk usage operation is already running"),
 * and the cleanup view, the engine view and a delete can ask at once. Calls queue
 * rather than share an answer: a figure measured after a delete must come from a
 * call that started after it.
 */
export function readSystemDf<T>(connection: EngineConnection): Promise<T> {
  const key = connection.endpoint.url
  const previous = queues.get(key) ?? Promise.resolve()
  const next = previous.catch(() => undefined).then(() => dfWithRetry<T>(connection))
  queues.set(key, next)
  // The queue holds only the last call; once it settles, nothing needs to wait on it.
  void next.finally(() => {
    if (queues.get(key) === next) queues.delete(key)
  }).catch(() => undefined)
  return next
}

const RETRIES = 20
const RETRY_MS = 250

/** Another process (a second Strata, the docker CLI) may hold the engine's one slot: wait for it. */
async function dfWithRetry<T>(connection: EngineConnection): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return (await connection.docker.df()) as T
    } catch (error) {
      const busy = error instanceof Error && error.message.includes('disk usage operation is already running')
      if (!busy || attempt >= RETRIES) throw error
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS))
    }
  }
}
