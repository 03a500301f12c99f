import { spawn } from 'node:child_process'
import { failure } from '../../../shared/errors'
import { problem } from '../../../shared/problems'

/** What `docker-credential-<helper> get` answers. */
export interface HelperCredentials {
  ServerURL?: string
  Username: string
  Secret: string
}

const HELPER_TIMEOUT_MS = 30_000

/** Runs `docker-credential-<helper> <action>` with `input` on stdin, as the docker CLI does; resolves with its stdout. */
export function runCredentialHelper(helper: string, action: 'get' | 'store' | 'erase', input: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const program = `docker-credential-${helper}`
  return new Promise((resolve, reject) => {
    const child = spawn(program, [action], { stdio: ['pipe', 'pipe', 'pipe'], timeout: HELPER_TIMEOUT_MS })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', (error: NodeJS.ErrnoException) => {
      const missing = error.code === 'ENOENT'
      reject(
        failure('INVALID_INPUT', missing ? problem('registry.helperMissing', { helper, program }) : problem('registry.helperFailed', { program, cause: error.message }), { helper }, problem('registry.helperHint')),
      )
    })
    child.on('close', (code) => {
      resolve({ code: code ?? 1, stdout, stderr })
    })
    child.stdin.end(input)
  })
}

/** The helper's credentials for a server, or null when it has none. */
export async function helperGet(helper: string, serverAddress: string): Promise<HelperCredentials | null> {
  const answer = await runCredentialHelper(helper, 'get', serverAddress)
  if (answer.code !== 0) {
    // The helpers answer this (exit 1) when they hold nothing for the server.
    if (/credentials not found/i.test(answer.stdout + answer.stderr)) return null
    throw failure('INVALID_INPUT', problem('registry.helperGetFailed', { helper, output: (answer.stdout + answer.stderr).trim() }), { helper })
  }
  const parsed = JSON.parse(answer.stdout) as Partial<HelperCredentials>
  if (typeof parsed.Secret !== 'string' || parsed.Secret === '') return null
  return { ServerURL: parsed.ServerURL ?? serverAddress, Username: parsed.Username ?? '', Secret: parsed.Secret }
}

export async function helperStore(helper: string, credentials: Required<HelperCredentials>): Promise<void> {
  const answer = await runCredentialHelper(helper, 'store', JSON.stringify(credentials))
  if (answer.code !== 0) throw failure('INTERNAL', problem('registry.helperStoreFailed', { helper, output: (answer.stdout + answer.stderr).trim() }), { helper })
}

/** True when the helper held credentials for the server and removed them. */
export async function helperErase(helper: string, serverAddress: string): Promise<boolean> {
  const answer = await runCredentialHelper(helper, 'erase', serverAddress)
  if (answer.code === 0) return true
  if (/credentials not found/i.test(answer.stdout + answer.stderr)) return false
  throw failure('INTERNAL', problem('registry.helperEraseFailed', { helper, output: (answer.stdout + answer.stderr).trim() }), { helper })
}
