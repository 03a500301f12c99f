import type Docker from 'dockerode'

const BUSY = 'disk usage operation is already running'
const RETRIES = 40
const RETRY_MS = 250

/** True when the engine refused a disk-usage call because another one holds its single slot. */
export function isDiskUsageBusy(error: unknown): boolean {
  return error instanceof Error && error.message.includes(BUSY)
}

/**
 * GET /system/df as the oracle, waiting for the engine's one disk-usage slot.
 * The Strata under test (a serve process or the in-process core) may be
 * measuring at the same moment, and the engine answers the second caller with
 * a 500 instead of queueing it.
 */
export async function engineDf<T>(docker: Docker): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return (await docker.df()) as T
    } catch (error) {
      if (!isDiskUsageBusy(error) || attempt >= RETRIES) throw error
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS))
    }
  }
}
