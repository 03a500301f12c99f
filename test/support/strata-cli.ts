import { execFile } from 'node:child_process'
import { resolve } from 'node:path'
import { promisify } from 'node:util'

const exec = promisify(execFile)
const STRATA = resolve('bin/strata.js')

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

/**
 * Runs the built `strata` command as a user would, with DOCKER_HOST and DOCKER_CONTEXT
 * cleared so only what the test passes (a --host, `env`) decides the engine; `cwd` is
 * the folder the user runs it in (relative file arguments are read from there). CI is
 * cleared too unless `env` sets it.
 */
export async function runStrata(args: string[], env: Record<string, string> = {}, cwd?: string): Promise<CliRun> {
  // CI=true (set by CI services, and by our own CI) turns `analyze` into a dive CI run: only a test that passes it gets it.
  const inherited = { ...process.env }
  delete inherited.CI
  try {
    const { stdout, stderr } = await exec('node', [STRATA, ...args], { env: { ...inherited, DOCKER_HOST: '', DOCKER_CONTEXT: '', ...env }, ...(cwd === undefined ? {} : { cwd }) })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}
