import { spawn, type ChildProcess } from 'node:child_process'
import { openSync, readFileSync } from 'node:fs'

/** A long-running program a test starts (a registry, a Podman service), logging to a file. */
export interface ServiceProcess {
  /** Resolves once `ready` answers true; throws with the log's tail if the program exits first, or after the timeout. */
  waitUntil(ready: () => Promise<boolean>, timeoutMs: number): Promise<void>
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>
}

export function startService(program: string, args: string[], logPath: string, env: NodeJS.ProcessEnv = process.env): ServiceProcess {
  const log = openSync(logPath, 'a')
  const child: ChildProcess = spawn(program, args, { env, stdio: ['ignore', log, log] })
  const exited = new Promise<void>((resolve) => child.once('exit', () => {
      resolve()
    }))
  return {
    waitUntil: async (ready, timeoutMs) => {
      const deadline = Date.now() + timeoutMs
      while (!(await ready())) {
        if (child.exitCode !== null) throw new Error(`${program} exited: ${readFileSync(logPath, 'utf8').slice(-2000)}`)
        if (Date.now() > deadline) {
          child.kill('SIGKILL')
          throw new Error(`${program} did not answer within ${String(timeoutMs / 1000)} s`)
        }
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    },
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM')
        await exited
      }
    },
  }
}
