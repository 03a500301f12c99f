import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { inject } from 'vitest'

const run = promisify(execFile)

/** The docker CLI against the private daemon: the oracle that Strata's numbers are checked against. */
export async function dockerCli(...args: string[]): Promise<string> {
  const { stdout } = await run('docker', ['--host', inject('dockerHost'), ...args], {
    env: { ...process.env, DOCKER_HOST: '', DOCKER_CONTEXT: '', DOCKER_CLI_HINTS: 'false' },
    maxBuffer: 64 * 1024 * 1024,
  })
  return stdout
}

/** Output of a `--format '{{json .}}'` command, one object per line. */
export async function dockerCliJsonLines<T>(...args: string[]): Promise<T[]> {
  const text = await dockerCli(...args)
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T)
}
