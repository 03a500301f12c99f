import { spawn, type ChildProcess } from 'node:child_process'
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { ERROR_CODES } from '../../shared/errors'
import { METHOD_NAMES, type MethodName } from '../../shared/methods'
import { privateDocker } from '../support/engine'
import { FIXTURES } from '../support/fixtures'
import { hostileValue, mutate, seededRandom, stringsIn, templates, type Random } from '../support/hostile-inputs'
import { runStrata } from '../support/strata-cli'

/**
 * Nothing a caller sends can take Strata down: a seeded stream of malformed calls to
 * every contract method, through a real `strata serve` process on the private
 * daemon. Every call must be answered with a well-formed outcome, never a 5xx for an
 * input error; the server must still be up at the end; and the engine's images and
 * containers must be exactly as before.
 */

const SEED = 20_261_204
const CALLS_PER_METHOD = 70
/** Registry methods reach out to registries: a refusal from one is a 5xx that is not Strata's. */
const REGISTRY_STATUSES = new Set([502, 504])

/** Methods that could change the engine if a generated value happened to name something real. */
const CHANGES_ENGINE = new Set<MethodName>([
  'images.untag',
  'images.remove',
  'images.removeSet',
  'images.removePlatform',
  'images.tag',
  'images.load',
  'containers.start',
  'containers.stop',
  'containers.restart',
  'containers.remove',
  'containers.commit',
  'containers.run',
  'cleanup.execute',
  'registry.pull',
  'registry.push',
])

const docker = privateDocker()
const scratch = mkdtempSync(join(tmpdir(), 'strata-fuzz-'))
let server: ChildProcess
let origin = ''
let token = ''
let serverLog = ''

interface EngineState {
  images: string[]
  containers: string[]
}

async function engineState(): Promise<EngineState> {
  const images = await docker.listImages({ all: true })
  const containers = await docker.listContainers({ all: true })
  return {
    images: images.map((image) => `${image.Id} ${[...(image.RepoTags ?? [])].sort().join(',')}`).sort(),
    containers: containers.map((container) => `${container.Id} ${container.State} ${container.Names.join(',')}`).sort(),
  }
}

/** True when text could resolve to an existing image or container: such a call could act on it, so it is not sent. */
function namesSomethingThatExists(text: string, state: EngineState): boolean {
  const id = text.startsWith('sha256:') ? text.slice('sha256:'.length) : text
  if (/^[a-f0-9]+$/.test(id) && state.images.concat(state.containers).some((line) => line.replace(/^sha256:/, '').startsWith(id))) return true
  const candidates = [text, `${text}:latest`, `/${text}`]
  return state.images.concat(state.containers).some((line) => {
    const names = (line.split(' ').at(-1) ?? '').split(',')
    return candidates.some((candidate) => names.includes(candidate))
  })
}

async function startServe(): Promise<void> {
  // Its own home: a login or a pin that gets through must not touch the real docker config or settings.
  // DOCKER_HOST names the same engine as --host, so an engines.use of null stays on it.
  const home = join(scratch, 'home')
  const env = { ...process.env, DOCKER_HOST: inject('dockerHost'), DOCKER_CONTEXT: '', HOME: home, DOCKER_CONFIG: join(home, '.docker'), XDG_CONFIG_HOME: join(home, '.config'), XDG_CACHE_HOME: join(home, '.cache') }
  server = spawn('node', ['bin/strata.js', 'serve', '--port', '0', `--host=${inject('dockerHost')}`], { env })
  server.stderr?.on('data', (chunk: Buffer) => (serverLog += chunk.toString()))
  const url = await new Promise<URL>((resolve, reject) => {
    let printed = ''
    server.stdout?.on('data', (chunk: Buffer) => {
      printed += chunk.toString()
      const match = /serving at (\S+)/.exec(printed)
      if (match?.[1] !== undefined) resolve(new URL(match[1]))
    })
    server.once('exit', (code) => {
      reject(new Error(`strata serve exited (${String(code)}): ${serverLog}`))
    })
  })
  origin = url.origin
  token = url.searchParams.get('token') ?? ''
}

interface Answer {
  status: number
  body: unknown
}

async function call(method: string, input: unknown): Promise<Answer> {
  const response = await fetch(`${origin}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(input),
  })
  const text = await response.text()
  let body: unknown = text
  try {
    body = JSON.parse(text)
  } catch {
    // Kept as text: the assertion below names it.
  }
  return { status: response.status, body }
}

/** As call, but the path goes out exactly as written: fetch would resolve its '..' before sending. */
function rawCall(method: string, input: unknown): Promise<Answer> {
  const url = new URL(origin)
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: url.hostname, port: url.port, path: `/api/${method}`, method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } },
      (response) => {
        let text = ''
        response.on('data', (chunk: Buffer) => (text += chunk.toString()))
        response.on('end', () => {
          let body: unknown = text
          try {
            body = JSON.parse(text)
          } catch {
            // Kept as text: the assertion names it.
          }
          resolve({ status: response.statusCode ?? 0, body })
        })
      },
    )
    request.on('error', reject)
    request.end(JSON.stringify(input))
  })
}

function isWellFormed(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false
  const outcome = body as { ok?: unknown; error?: { code?: unknown; message?: unknown; detail?: unknown } }
  if (outcome.ok === true) return true
  const error = outcome.error
  return outcome.ok === false && (ERROR_CODES as readonly unknown[]).includes(error?.code) && typeof error?.message === 'string' && typeof error.detail === 'object' && error.detail !== null
}

beforeAll(async () => {
  await startServe()
})
afterAll(() => {
  server.kill('SIGTERM')
  rmSync(scratch, { recursive: true, force: true })
})

describe('hostile input through strata serve', () => {
  it(`answers ${String(METHOD_NAMES.length * CALLS_PER_METHOD)} malformed calls with well-formed 4xx outcomes, stays up, and changes nothing`, async () => {
    const before = await engineState()
    const random: Random = seededRandom(SEED)
    const inputs = templates(FIXTURES.base.tag, scratch, inject('dockerHost'))
    const problems: string[] = []
    const statuses = new Map<number, number>()
    let sent = 0
    for (const method of METHOD_NAMES) {
      for (let index = 0; index < CALLS_PER_METHOD; index += 1) {
        const { input } = mutate(inputs[method], random)
        if (CHANGES_ENGINE.has(method) && stringsIn(input).some((text) => namesSomethingThatExists(text, before))) continue
        const started = Date.now()
        if (process.env.STRATA_FUZZ_TRACE !== undefined) appendFileSync(process.env.STRATA_FUZZ_TRACE, `${method} ${JSON.stringify(input).slice(0, 200)}\n`)
        const answer = await call(method, input)
        if (process.env.STRATA_FUZZ_TRACE !== undefined) appendFileSync(process.env.STRATA_FUZZ_TRACE, `  ${String(Date.now() - started)} ms ${String(answer.status)}\n`)
        sent += 1
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1)
        const allowed5xx = method.startsWith('registry.') && REGISTRY_STATUSES.has(answer.status)
        if (!isWellFormed(answer.body) || (answer.status >= 500 && !allowed5xx)) {
          problems.push(`${method} ${JSON.stringify(input).slice(0, 200)} -> ${String(answer.status)} ${JSON.stringify(answer.body).slice(0, 300)}`)
        }
      }
    }
    expect(problems).toEqual([])
    // Most calls must be refused at the boundary: the generator is hostile, not random noise that happens to pass.
    expect(statuses.get(400) ?? 0).toBeGreaterThan(sent / 2)
    expect(sent).toBeGreaterThan(METHOD_NAMES.length * CALLS_PER_METHOD * 0.95)
    expect(server.exitCode).toBeNull()
    expect(await call('engine.state', {})).toMatchObject({ status: 200, body: { ok: true } })
    expect(serverLog).not.toMatch(/\n\s+at /)
    expect(await engineState()).toEqual(before)
  }, 300_000)

  it('refuses unknown methods and methods named like paths', async () => {
    for (const method of ['nope', 'images.get/../engine.info', 'images.get/', '__proto__', 'constructor', 'toString', 'images.get%00', 'IMAGES.GET', '%ff']) {
      const answer = await rawCall(method, {})
      expect(answer.status, method).toBeGreaterThanOrEqual(400)
      expect(answer.status, method).toBeLessThan(500)
      expect(isWellFormed(answer.body), method).toBe(true)
    }
  })
})

describe('hostile input through the command line', () => {
  /** Commands that take a reference or a path first, with a sample of the same generator's values. */
  const COMMANDS: [string, (value: string) => string[]][] = [
    ['image', (value) => ['image', value]],
    ['blockers', (value) => ['blockers', value]],
    ['analyze', (value) => ['analyze', value, '--json']],
    ['cat', (value) => ['cat', FIXTURES.base.tag, value]],
    ['changes', (value) => ['changes', value]],
    ['platforms', (value) => ['platforms', value, '--json']],
    ['rm', (value) => ['rm', value, '--yes', '--json']],
  ]

  it('answers every sampled value with exit 1 or 2 and one line, never a stack trace', async () => {
    const before = await engineState()
    const random = seededRandom(SEED + 1)
    const problems: string[] = []
    const host = `--host=${inject('dockerHost')}`
    for (let index = 0; index < 28; index += 1) {
      const value = hostileValue(random)
      if (typeof value !== 'string' || value.includes('\u0000') || value.length > 4096 || namesSomethingThatExists(value, before)) continue
      const command = COMMANDS[index % COMMANDS.length]
      if (command === undefined) continue
      const [name, argv] = command
      const run = await runStrata([...argv(value), host])
      const output = run.stdout + run.stderr
      if (![1, 2].includes(run.code) || /\n\s+at /.test(output) || run.stderr.trim() === '') problems.push(`${name} ${JSON.stringify(value)} -> ${String(run.code)}: ${output.slice(0, 300)}`)
    }
    expect(problems).toEqual([])
    expect(await engineState()).toEqual(before)
  }, 300_000)

  it("explains a reference with a '..' part in one line, as the issue's `strata image 'a/../b'` did not", async () => {
    const run = await runStrata(['image', 'a/../b', `--host=${inject('dockerHost')}`])
    expect(run.code).toBe(1)
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(run.stderr).toContain("'a/../b' is not an ID, name or image reference: it has a '..' part")
  })
})

