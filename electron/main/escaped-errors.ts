import type { EscapedErrorReport } from '../core/api/call-guard'
import type { LogFile } from './log-file'

/**
 * What the main process does with an uncaught exception or unhandled rejection, once
 * installLastLineOfDefence has caught it: the core runs in this process, so the error
 * fails at most the one call it came from, and the log keeps its stack.
 */
export function logEscapedErrors(log: Pick<LogFile, 'write'>): EscapedErrorReport {
  return (error, origin) => {
    console.error(`strata: unexpected error (${origin}):`, error)
    log.write('error', `unexpected error (${origin === 'call' ? 'that call was answered INTERNAL' : 'background work'})`, error)
  }
}
