import { fileURLToPath } from 'node:url'
import { runCli } from './cli'
import { interruptSignal, terminalProgress } from './cli-terminal'
import { EXIT_ERROR, EXIT_INTERRUPTED } from './cli-run'
import { installLastLineOfDefence } from '../core/api/call-guard'
import { oneLine } from './cli-output'

// A reader that went away (`strata … 2>&1 | head -1`, a closed terminal) makes every later
// write fail with EPIPE, emitted as an 'error' of the stream. Unheard, it reached the handler
// below, whose report wrote to the same closed stderr, and the command spun at full CPU
// forever. Output nobody reads is dropped; the command still finishes its work.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined)

// An error no handler caught fails the command's calls in flight (or is reported, for
// background work); the command line prints one line, never a stack trace. `serve`
// answers many calls at once and attributes errors per call (see its start).
installLastLineOfDefence(
  (error, origin) => {
    if (origin === 'background') process.stderr.write(`strata: unexpected error in background work: ${oneLine(error)}\n`)
  },
  { scope: 'process' },
)

const cancelSignal = interruptSignal()
const code = await runCli(process.argv.slice(2), {
  stdout: (text) => {
    process.stdout.write(text)
  },
  stderr: (text) => {
    process.stderr.write(text)
  },
  write: (channel, text) =>
    new Promise((resolve) => {
      const stream = channel === 'stdout' ? process.stdout : process.stderr
      if (stream.write(text)) resolve()
      else {
        // A reader that went away (a closed pipe) never drains: the error ends the wait too.
        const done = (): void => {
          stream.off('drain', done)
          stream.off('error', done)
          resolve()
        }
        stream.once('drain', done)
        stream.once('error', done)
      }
    }),
  confirm: async (question) => {
    if (!process.stdin.isTTY) return null
    // Loaded on the first question: most commands never ask one.
    const { createInterface } = await import('node:readline/promises')
    const prompt = createInterface({ input: process.stdin, output: process.stderr })
    try {
      return /^y(es)?$/i.test((await prompt.question(`${question} [y/N] `)).trim())
    } finally {
      prompt.close()
    }
  },
  untilInterrupted: () =>
    new Promise((resolve) => {
      const stop = (): void => {
        resolve()
      }
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    }),
  cancelSignal,
  progress: terminalProgress(process.stderr),
  staticRoot: fileURLToPath(new URL('../renderer', import.meta.url)),
}).catch((error: unknown) => {
  process.stderr.write(`strata: ${oneLine(error)}\n`)
  return EXIT_ERROR
})
// Interrupted work ends as an interrupted command does in a shell.
process.exitCode = code !== 0 && cancelSignal.aborted ? EXIT_INTERRUPTED : code
