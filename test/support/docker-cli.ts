import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { inject } from 'vitest'
import { isDiskUsageBusy } from './engine-df'

const run = promisify(execFile)

/** The docker CLI against the private daemon: the oracle that Strata's numbers are checked against. */
export async function dockerCli(...args: string[]): Promise<string> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      const { stdout } = await run('docker', ['--host', inject('dockerHost'), ...args], {
        env: { ...process.env, DOCKER_HOST: '', DOCKER_CONTEXT: '', DOCKER_CLI_HINTS: 'false' },
        maxBuffer: 64 * 1024 * 1024,
      })
      return stdout
    } catch (error) {
      // `docker system df` shares the engine's one disk-usage slot with the Strata under test.
      if (!isDiskUsageBusy(error) || attempt >= 40) throw error
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
  }
}

/** Output of a `--format '{{json .}}'` command, one object per line. */
export async function dockerCliJsonLines<T>(...args: string[]): Promise<T[]> {
  const text = await dockerCli(...args)
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T)
}
