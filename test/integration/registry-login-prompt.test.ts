import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { startRegistry, type TestRegistry } from '../support/registry'

// `strata login` as a person types it: util-linux `script` gives the real CLI a pseudo-terminal,
// so the prompts, raw mode and echo are the terminal's own, not a stand-in's.

const work = mkdtempSync(join(tmpdir(), 'strata-login-prompt-'))
// Multi-byte characters check that the password survives raw-mode reading byte by byte.
const user = { name: 'strata', password: 'tty-sëcret-✓-42' }
const WAIT_MS = 30_000
const running = new Set<ChildProcessWithoutNullStreams>()
let registry: TestRegistry
beforeAll(async () => {
  registry = await startRegistry({ user })
})
afterAll(async () => {
  for (const child of running) child.kill('SIGKILL')
  await registry.stop()
  rmSync(work, { recursive: true, force: true })
})

function quote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`
}

/** The CLI under a pseudo-terminal, with everything the terminal showed collected in `output`. */
function terminalLogin(configDir: string): { child: ChildProcessWithoutNullStreams; output: () => string; waitFor(text: string): Promise<void>; exited: Promise<number | null> } {
  mkdirSync(configDir, { recursive: true })
  const command = ['node', 'bin/strata.js', 'login', registry.host, '--host', inject('dockerHost')].map(quote).join(' ')
  const child = spawn('script', ['-qfec', command, '/dev/null'], { stdio: 'pipe', env: { ...process.env, DOCKER_HOST: '', DOCKER_CONTEXT: '', DOCKER_CONFIG: configDir } })
  running.add(child)
  let shown = ''
  const collect = (chunk: Buffer): void => {
    shown += chunk.toString('utf8')
  }
  child.stdout.on('data', collect)
  child.stderr.on('data', collect)
  const exited = new Promise<number | null>((resolve) => {
    child.on('close', (code) => {
      running.delete(child)
      resolve(code)
    })
  })
  const waitFor = async (text: string): Promise<void> => {
    const deadline = Date.now() + WAIT_MS
    while (!shown.includes(text)) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`"${text}" never appeared; the terminal showed: ${JSON.stringify(shown)}`)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }
  return { child, output: () => shown, waitFor, exited }
}

async function exitCode(exited: Promise<number | null>): Promise<number | null> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      reject(new Error('strata login did not exit'))
    }, WAIT_MS)
  })
  try {
    return await Promise.race([exited, late])
  } finally {
    clearTimeout(timer)
  }
}

describe('strata login on a terminal', () => {
  it('asks for the username, then the password without echo, and stores base64 user:password', async () => {
    const configDir = join(work, 'ok')
    const login = terminalLogin(configDir)
    await login.waitFor('Username: ')
    login.child.stdin.write(`${user.name}\r`)
    await login.waitFor('Password: ')
    login.child.stdin.write(`${user.password}\r`)
    expect(await exitCode(login.exited)).toBe(0)
    expect(login.output()).toContain('Login Succeeded')
    expect(login.output()).toContain(`Username: ${user.name}`)
    expect(login.output()).not.toContain(user.password)
    expect(login.output()).not.toContain('sëcret')
    const config = JSON.parse(readFileSync(join(configDir, 'config.json'), 'utf8')) as { auths: Record<string, { auth: string }> }
    expect(Buffer.from(config.auths[registry.host]?.auth ?? '', 'base64').toString('utf8')).toBe(`${user.name}:${user.password}`)
  })

  it('a wrong password exits 1 and stores nothing', async () => {
    const configDir = join(work, 'wrong')
    const login = terminalLogin(configDir)
    await login.waitFor('Username: ')
    login.child.stdin.write(`${user.name}\r`)
    await login.waitFor('Password: ')
    login.child.stdin.write('not-the-password\r')
    expect(await exitCode(login.exited)).toBe(1)
    expect(login.output()).toMatch(/refused the credentials/)
    expect(login.output()).not.toContain('not-the-password')
    expect(existsSync(join(configDir, 'config.json'))).toBe(false)
  })

  it('Ctrl+C at the password prompt exits 130 and stores nothing', async () => {
    const configDir = join(work, 'interrupted')
    const login = terminalLogin(configDir)
    await login.waitFor('Username: ')
    login.child.stdin.write(`${user.name}\r`)
    await login.waitFor('Password: ')
    // Apart, so a terminal left echoing would have shown the text before Ctrl+C flushed it.
    login.child.stdin.write('half-typed')
    await new Promise((resolve) => setTimeout(resolve, 300))
    login.child.stdin.write('\x03')
    expect(await exitCode(login.exited)).toBe(130)
    expect(login.output()).not.toContain('half-typed')
    expect(login.output()).not.toContain('Login Succeeded')
    expect(existsSync(join(configDir, 'config.json'))).toBe(false)
  })
})
