import { AsyncLocalStorage } from 'node:async_hooks'
import { failure, type StrataError } from '../../../shared/errors'
import { problem } from '../../../shared/problems'

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

/**
 * 'per-call' keeps an async context per call (the app and `strata serve`, where calls
 * overlap). 'process' is for a one-shot command, whose calls are its own: an escaped
 * error fails every call in flight, and no async context is kept, because that turns on
 * Node's promise hooks for every promise of the run (about 25 ms of a `strata images`).
 */
export type EscapedErrorScope = 'per-call' | 'process'

let scope: EscapedErrorScope = 'per-call'
const callsInFlight = new Set<CallScope>()

/** The error an escaped failure becomes for the call it came from. */
export function escapedError(error: unknown): StrataError {
  const message = error instanceof Error ? error.message : String(error)
  return failure('INTERNAL', problem('engine.uncaught', { message }), { cause: 'uncaught' })
}

/** Runs one call so that an error escaping from anything it started rejects that call. */
export function runGuarded<T>(work: () => Promise<T>): Promise<T> {
  let fail: (error: unknown) => void = () => undefined
  const escaped = new Promise<never>((_resolve, reject) => {
    fail = (error) => {
      reject(escapedError(error))
    }
  })
  if (scope === 'per-call') return activeCall.run({ fail }, () => Promise.race([work(), escaped]))
  const call: CallScope = { fail }
  callsInFlight.add(call)
  return Promise.race([work(), escaped]).finally(() => {
    callsInFlight.delete(call)
  })
}

/** Where escaped errors are attributed from now on; `strata serve` asks for 'per-call' when it starts. */
export function attributeEscapedErrors(to: EscapedErrorScope): void {
  scope = to
}

/** The calls an escaped error belongs to: the one whose context it arose in, or every call of a one-shot command. */
function callsOf(): CallScope[] {
  if (scope === 'process') return [...callsInFlight]
  const call = activeCall.getStore()
  return call === undefined ? [] : [call]
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
export function installLastLineOfDefence(report: EscapedErrorReport, options: { scope?: EscapedErrorScope } = {}): () => void {
  scope = options.scope ?? 'per-call'
  const onError = (error: unknown): void => {
    const calls = callsOf()
    report(error, calls.length === 0 ? 'background' : 'call')
    for (const call of calls) call.fail(error)
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
