import { unixSecondsAgo } from '../../shared/log-since'

/** The Logs tab's "since" choices; each is worded by containers.logs.sinceChoice.<id>. */
export const SINCE_CHOICES = [
  { id: 'all', seconds: null },
  { id: '5m', seconds: 5 * 60 },
  { id: '1h', seconds: 60 * 60 },
  { id: '24h', seconds: 24 * 60 * 60 },
] as const

export type SinceChoice = (typeof SINCE_CHOICES)[number]['id']

/** What containers.logs takes as `since` for a choice made at `nowMs`; undefined reads the whole log. */
export function sinceValue(choice: SinceChoice, nowMs: number): string | undefined {
  const seconds = SINCE_CHOICES.find((candidate) => candidate.id === choice)?.seconds ?? null
  return seconds === null ? undefined : unixSecondsAgo(seconds, nowMs)
}

/** Lines read from the end of the log by default; "Load all" reads it whole. */
export const DEFAULT_TAIL = 10_000
