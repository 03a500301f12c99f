import { StrataError } from '../../shared/errors'
import type { MethodInput, MethodResult } from '../../shared/contract'
import type { MethodName } from '../../shared/methods'
import type { EngineTls } from '../../shared/types'
import type { CoreOptions, StrataCore } from '../core/api/core'
import { oneLine } from './cli-output'

export const EXIT_OK = 0
export const EXIT_ERROR = 1
export const EXIT_USAGE = 2
/** As a shell reports a command ended by Ctrl+C (128 + SIGINT). */
export const EXIT_INTERRUPTED = 130

/** A mistake in the command line itself: reported with the usage text, exit 2. */
export class UsageError extends Error {}

/** One contract call for a command: its value, or its error thrown as a StrataError. */
export async function callCore<N extends MethodName>(core: StrataCore, method: N, input: MethodInput<N>, signal?: AbortSignal): Promise<MethodResult<N>> {
  const outcome = await core.call(method, input, signal)
  if (!outcome.ok) throw StrataError.fromWire(outcome.error)
  return outcome.value as MethodResult<N>
}

/**
 * Runs one command with every command's error handling: usage mistakes exit 2
 * with the usage text, anything else exits 1 with one line, and every core the
 * command opened is closed. An endpoint that cannot be parsed counts as a usage
 * mistake, not an engine failure. The core is loaded by the first openCore.
 */
/**
 * The TLS files of the engine `--engine NAME` named, for the cores this process opens
 * on its address. Set once by the command line before any core opens: every command
 * module opens its own core from `--host`, and the saved files go with that address.
 */
let savedEngineTls: { host: string; tls: EngineTls } | null = null

export function useSavedEngineTls(host: string, tls: EngineTls | null): void {
  savedEngineTls = tls === null ? null : { host, tls }
}

/** The TLS files `--engine NAME` saved with `host`, for a command that opens `host` without a core. */
export function savedTlsFor(host: string | null): EngineTls | null {
  return savedEngineTls !== null && host === savedEngineTls.host ? savedEngineTls.tls : null
}

export async function runCommand(io: { stderr(text: string): void }, usage: string, command: (openCore: (options: CoreOptions) => Promise<StrataCore>) => Promise<number>): Promise<number> {
  const opened: StrataCore[] = []
  const openCore = async (options: CoreOptions): Promise<StrataCore> => {
    // Loaded here, not at the top: help and usage mistakes never load the engine client or the schemas.
    const { createStrataCore } = await import('../core/api/core')
    try {
      const tls = options.tls ?? savedTlsFor(options.host)
      const core = createStrataCore({ ...options, tls })
      opened.push(core)
      return core
    } catch (error) {
      if (error instanceof StrataError && error.code === 'INVALID_INPUT') throw new UsageError(oneLine(error))
      throw error
    }
  }
  try {
    return await command(openCore)
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`strata: ${error.message}\n${usage}\n`)
      return EXIT_USAGE
    }
    io.stderr(`strata: ${oneLine(error)}\n`)
    return EXIT_ERROR
  } finally {
    for (const core of opened) await core.close()
  }
}
