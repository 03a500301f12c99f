import { fileURLToPath } from 'node:url'
import { runCli } from './cli'

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => {
    process.stdout.write(text)
  },
  stderr: (text) => {
    process.stderr.write(text)
  },
  untilInterrupted: () =>
    new Promise((resolve) => {
      const stop = (): void => {
        resolve()
      }
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    }),
  staticRoot: fileURLToPath(new URL('../renderer', import.meta.url)),
})
process.exitCode = code
