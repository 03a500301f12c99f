/**
 * `since` for a log read, as the engine takes it: Unix seconds. Both the Logs tab's
 * choices (last 5 minutes…) and `strata logs --since 10m` count back from now here.
 * Kept free of schema code: the renderer and the command line's usage module load it.
 */

/** The Unix time `seconds` before `nowMs`, in whole seconds (a read that starts a fraction earlier loses nothing). */
export function unixSecondsAgo(seconds: number, nowMs: number): string {
  return String(Math.max(0, Math.floor(nowMs / 1000 - seconds)))
}

const DURATION_UNIT_SECONDS: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001 }

/** A duration as docker writes one (90s, 10m, 1h30m, 1.5h): its seconds, or null when it is not one. */
export function durationSeconds(text: string): number | null {
  if (!/^(\d+(\.\d+)?(h|ms|m|s))+$/.test(text)) return null
  let total = 0
  for (const part of text.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s)/g)) total += Number(part[1]) * (DURATION_UNIT_SECONDS[part[2] ?? 's'] ?? 1)
  return total
}
