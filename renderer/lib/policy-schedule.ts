import type { CleanupPolicy, PolicyPromise } from '../../shared/policy-input'
import type { CleanupPlan } from '../../shared/types'

export { policyRunOf } from '../../shared/policy-run'

/** When saved policies run on their own while the app is open, and what such a run may remove. */

export const SCHEDULE_INTERVAL_MS = { daily: 86_400_000, weekly: 7 * 86_400_000 } as const

/**
 * When a scheduled policy is next due, in ms since the epoch; null when it never runs on
 * its own (schedule off, or no preview saved: there is nothing it was allowed to remove).
 * The clock starts at the last run, or at the preview for a policy that never ran: a
 * policy just saved has just been looked at, so its first run waits one interval.
 */
export function nextRunAt(policy: Pick<CleanupPolicy, 'schedule' | 'promised' | 'lastRun'>): number | null {
  if (policy.schedule === 'off' || policy.promised === null) return null
  const from = Date.parse(policy.lastRun?.at ?? policy.promised.at)
  if (Number.isNaN(from)) return null
  return from + SCHEDULE_INTERVAL_MS[policy.schedule]
}

export function isDue(policy: Pick<CleanupPolicy, 'schedule' | 'promised' | 'lastRun'>, now: number): boolean {
  const next = nextRunAt(policy)
  return next !== null && next <= now
}

/** What a scheduled run confirms, and how far the fresh plan has moved beyond the saved preview. */
export interface ScheduledDecision {
  /** The keys cleanup.execute is given: the promised ones, always, and nothing else. */
  confirmed: string[]
  /** Promised items the fresh plan still holds (the others are gone or now protected: execute skips them). */
  stillPlanned: number
  /** Items the fresh plan holds that the preview did not promise: left alone by this run. */
  beyondItems: number
  /** Bytes the fresh plan would free beyond the promise (0 when it frees no more). */
  beyondBytes: number
  /** The policy would now take more than was promised: the user should preview and save it again. */
  needsReview: boolean
}

/**
 * THE GUARANTEE of a scheduled run: it confirms exactly the keys of the preview saved
 * with the policy, never an item of the fresh plan. cleanup.execute removes only
 * confirmed items that its own fresh plan still holds, so a run can remove at most what
 * the user saw and saved, however the engine changed since. When the fresh plan now
 * holds more items, or frees more bytes, than the promise, those extra items are left
 * alone and counted here so the report can ask the user to preview and save again.
 */
export function scheduledDecision(promised: PolicyPromise, fresh: Pick<CleanupPlan, 'items' | 'totalBytesFreed'>): ScheduledDecision {
  const promisedKeys = new Set(promised.keys)
  const beyond = fresh.items.filter((item) => !promisedKeys.has(item.key))
  const stillPlanned = fresh.items.length - beyond.length
  const beyondBytes = Math.max(0, fresh.totalBytesFreed - promised.bytesFreed)
  return { confirmed: [...promised.keys], stillPlanned, beyondItems: beyond.length, beyondBytes, needsReview: beyond.length > 0 || beyondBytes > 0 }
}
