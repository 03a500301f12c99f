import type { CliIo } from '../../electron/host/cli'

/** A command line's input and output in memory: what it printed, and no prompt ever answered. */
export function memoryIo(): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (text: string) => {
      io.out += text
    },
    stderr: (text: string) => {
      io.err += text
    },
    confirm: () => Promise.resolve(null),
    untilInterrupted: () => Promise.resolve(),
    staticRoot: '/nowhere',
  }
  return io
}
