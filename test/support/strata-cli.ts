import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

const exec = promisify(execFile)

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

/**
 * Runs the built `strata` command as a user would, with DOCKER_HOST and DOCKER_CONTEXT
 * cleared so only what the test passes (a --host, `env`) decides the engine.
 */
export async function runStrata(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  try {
    const { stdout, stderr } = await exec('node', ['bin/strata.js', ...args], { env: { ...process.env, DOCKER_HOST: '', DOCKER_CONTEXT: '', ...env } })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}
