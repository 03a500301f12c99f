import { AsyncLocalStorage } from 'node:async_hooks'
import { StrataError } from '../../../shared/errors'

/**
 * The last line of defence: a library callback that throws outside any promise
 * (a socket event, a timer) would end the process, and in Electron that process
 * is the app. Each call runs in an async context of its own; when such an error
 * escapes, the process-level handler finds the call it came from through that
 * context and answers that one call INTERNAL. The process stays up.
 */
interface CallScope {
  fail(error: unknown): void
}

const activeCall = new AsyncLocalStorage<CallScope>()

/** The error an escaped failure becomes for the call it came from. */
export function escapedError(error: unknown): StrataError {
  const message = error instanceof Error ? error.message : String(error)
  return new StrataError('INTERNAL', `Strata hit an unexpected error and stopped this call: ${message}`, { cause: 'uncaught' })
}

/** Runs one call so that an error escaping from anything it started rejects that call. */
export function runGuarded<T>(work: () => Promise<T>): Promise<T> {
  let fail: (error: unknown) => void = () => undefined
  const escaped = new Promise<never>((_resolve, reject) => {
    fail = (error) => {
      reject(escapedError(error))
    }
  })
  return activeCall.run({ fail }, () => Promise.race([work(), escaped]))
}

let current: (error: unknown) => void = () => undefined
function installed(error: unknown): void {
  current(error)
}

export type EscapedErrorReport = (error: unknown, origin: 'call' | 'background') => void

/**
 * Installs the process-level handlers (once per process; a second install replaces
 * the report). Hosts call it: `strata serve`, the command line and Electron's main.
 */
export function installLastLineOfDefence(report: EscapedErrorReport): () => void {
  const onError = (error: unknown): void => {
    const scope = activeCall.getStore()
    report(error, scope === undefined ? 'background' : 'call')
    scope?.fail(error)
  }
  process.removeListener('uncaughtException', installed)
  process.removeListener('unhandledRejection', installed)
  current = onError
  process.on('uncaughtException', installed)
  process.on('unhandledRejection', installed)
  return () => {
    process.removeListener('uncaughtException', installed)
    process.removeListener('unhandledRejection', installed)
  }
}
