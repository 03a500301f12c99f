import { parseArgs } from 'node:util'
import { StrataError } from '../../shared/errors'
import type { LogBatch } from '../../shared/streams'
import type { StrataCore } from '../core/api/core'
import { EXIT_INTERRUPTED, EXIT_OK, UsageError, runCommand } from './cli-run'
import { LOGS_OPTIONS, logsRequest, type LogsRequest } from './cli-logs-usage'

/** `strata logs`: a container's log through the core's containers.logs stream, as `docker logs` prints it. */

export type LogChannel = 'stdout' | 'stderr'

export interface LogsIo {
  stdout(text: string): void
  stderr(text: string): void
  /** Writes and resolves once the channel can take more (its buffer drained); without it, writes are taken as done. */
  write?: (channel: LogChannel, text: string) => Promise<void>
  cancelSignal?: AbortSignal
}

type SavedEngineHost = (name: string, host: string | undefined) => Promise<string>

function parseLogsArguments(argv: string[]): { help: boolean; host: string | undefined; engine: string | undefined; request: LogsRequest | null } {
  let parsed
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: LOGS_OPTIONS })
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error))
  }
  const { values, positionals } = parsed
  if (values.help) return { help: true, host: undefined, engine: undefined, request: null }
  const read = logsRequest(positionals, values, Date.now())
  if (!read.ok) throw new UsageError(read.message)
  return { help: false, host: values.host, engine: values.engine, request: read.request }
}

/**
 * Prints the log until it ends (without -f: at once; with -f: when the container's log
 * ends or the user presses Ctrl+C). Each batch is acknowledged only after it is written
 * and the terminal or pipe has taken it, so a slow reader holds the engine back instead
 * of filling this process's memory.
 */
function printLog(core: StrataCore, request: LogsRequest, io: LogsIo): Promise<'ended' | 'interrupted'> {
  const write = (channel: LogChannel, text: string): Promise<void> => {
    if (io.write !== undefined) return io.write(channel, text)
    if (channel === 'stdout') io.stdout(text)
    else io.stderr(text)
    return Promise.resolve()
  }
  return new Promise((resolve, reject) => {
    let written: Promise<void> = Promise.resolve()
    let interrupted = false
    const stream = core.openStream('containers.logs', request, {
      opened: () => undefined,
      data: (chunk, bytes) => {
        written = written.then(async () => {
          for (const entry of (chunk as LogBatch).entries) await write(entry.stream, entry.text)
          stream.ack(bytes)
        })
      },
      end: (error) => {
        void written.then(() => {
          if (error !== null) reject(StrataError.fromWire(error))
          else resolve(interrupted ? 'interrupted' : 'ended')
        }, reject)
      },
    })
    const signal = io.cancelSignal
    if (signal === undefined) return
    const interrupt = (): void => {
      interrupted = true
      stream.close()
    }
    if (signal.aborted) interrupt()
    else signal.addEventListener('abort', interrupt, { once: true })
  })
}

export async function runLogsCommand(argv: string[], io: LogsIo, usage: string, savedEngineHost: SavedEngineHost): Promise<number> {
  return runCommand(io, usage, async (openCore) => {
    const parsed = parseLogsArguments(argv)
    if (parsed.help || parsed.request === null) {
      io.stdout(`${usage}\n`)
      return EXIT_OK
    }
    const host = parsed.engine === undefined ? parsed.host : await savedEngineHost(parsed.engine, parsed.host)
    const core = await openCore({ host: host ?? null })
    const ended = await printLog(core, parsed.request, io)
    // Ctrl+C ends `docker logs -f` by the signal itself, which a shell reports as 130: the same here.
    return ended === 'interrupted' ? EXIT_INTERRUPTED : EXIT_OK
  })
}
