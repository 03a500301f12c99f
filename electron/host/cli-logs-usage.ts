import { durationSeconds, unixSecondsAgo } from '../../shared/log-since'
import { commandWordIndex } from './cli-docker-run-usage'

/** What `strata --help` shows of `strata logs`, and how its command line is read; no engine or schema code. */

export const LOGS_USAGE = `  logs [-f|--follow] [-t|--timestamps] [--since X] [--tail N|all] <container>
                              the container's log as docker logs prints it: its stdout to stdout, its
                              stderr to stderr; -f keeps printing new lines until Ctrl+C; --since takes
                              a duration back from now (10m, 1h30m), Unix seconds or an RFC 3339 time`

/**
 * Logs reads its own options because docker's -t (timestamps) is the other commands' -t
 * (seconds to wait); so the command word is found before the shared parser sees argv.
 */
export function logsCommandIndex(argv: string[]): number {
  return commandWordIndex(argv, 'logs')
}

export const LOGS_OPTIONS = {
  host: { type: 'string' },
  engine: { type: 'string' },
  follow: { type: 'boolean', short: 'f', default: false },
  timestamps: { type: 'boolean', short: 't', default: false },
  since: { type: 'string' },
  tail: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const

export interface LogsValues {
  follow: boolean
  timestamps: boolean
  since?: string | undefined
  tail?: string | undefined
}

/** The containers.logs input a command line asks for (checked again by the core's schema). */
export interface LogsRequest {
  id: string
  follow: boolean
  timestamps: boolean
  since?: string
  tail?: number
}

const RFC_3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/
const UNIX_SECONDS = /^\d{1,12}(\.\d{1,9})?$/

/** --since as the engine takes it, or why it is not one; a duration counts back from `nowMs`. */
export function logsSince(text: string, nowMs: number): { ok: true; since: string } | { ok: false; message: string } {
  if (UNIX_SECONDS.test(text) || RFC_3339.test(text)) return { ok: true, since: text }
  const seconds = durationSeconds(text)
  if (seconds !== null) return { ok: true, since: unixSecondsAgo(seconds, nowMs) }
  return { ok: false, message: `--since takes a duration (10m, 1h30m), Unix seconds or an RFC 3339 time such as 2026-12-04T10:00:00Z, not "${text}"` }
}

/** --tail: a count of lines, or "all" (docker's word for no limit). */
export function logsTail(text: string): { ok: true; tail: number | undefined } | { ok: false; message: string } {
  if (text === 'all') return { ok: true, tail: undefined }
  const count = Number(text)
  if (/^\d+$/.test(text) && Number.isSafeInteger(count) && count <= 10_000_000) return { ok: true, tail: count }
  return { ok: false, message: `--tail takes a number of lines (0 to 10000000) or "all", not "${text}"` }
}

/** The request for one container, or the usage mistake in the command line. */
export function logsRequest(positionals: string[], values: LogsValues, nowMs: number): { ok: true; request: LogsRequest } | { ok: false; message: string } {
  if (positionals.length !== 1) return { ok: false, message: positionals.length === 0 ? 'logs takes one container' : `logs takes one container, not ${String(positionals.length)} arguments` }
  const request: LogsRequest = { id: positionals[0] ?? '', follow: values.follow, timestamps: values.timestamps }
  if (values.since !== undefined) {
    const since = logsSince(values.since, nowMs)
    if (!since.ok) return since
    request.since = since.since
  }
  if (values.tail !== undefined) {
    const tail = logsTail(values.tail)
    if (!tail.ok) return tail
    if (tail.tail !== undefined) request.tail = tail.tail
  }
  return { ok: true, request }
}
