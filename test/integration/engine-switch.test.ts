import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createStrataCore, type StrataCore } from '../../electron/core/api/core'
import type { EventName, EventPayloads } from '../../shared/events'
import { callError, callOk, eventually, privateDocker } from '../support/engine'
import { FIXTURES } from '../support/fixtures'
import { buildPodmanFixture, startPrivatePodman, type PrivatePodman } from '../support/podman'

// engines.use on real engines: the private dockerd and the private Podman service. The
// core moves every later call and event to the new engine, drops what the old one still
// had in flight, and never lets the old engine's news reach the new views.

const PODMAN_TAG = 'localhost/strata/switch:1'
let podman: PrivatePodman
let core: StrataCore
let configDir = ''
let podmanImageId = ''
const received: { event: EventName; payload: unknown }[] = []

function eventsOf<E extends EventName>(event: E): EventPayloads[E][] {
  return received.filter((entry) => entry.event === event).map((entry) => entry.payload as EventPayloads[E])
}

async function listedIds(): Promise<string[]> {
  return (await callOk(core, 'images.list', {})).map((image) => image.id).sort()
}

async function dockerIds(): Promise<string[]> {
  return ((await privateDocker().listImages()) as { Id: string }[]).map((image) => image.Id).sort()
}

beforeAll(async () => {
  podman = await startPrivatePodman()
  podmanImageId = `sha256:${buildPodmanFixture(podman, PODMAN_TAG)}`
  configDir = mkdtempSync(join(tmpdir(), 'strata-switch-config-'))
  writeFileSync(join(configDir, 'settings.json'), `${JSON.stringify({ pinnedImages: [], theme: 'dark' })}\n`)
  core = createStrataCore({ host: inject('dockerHost'), configDir, cacheDir: join(configDir, 'cache') })
  core.events.onAny((event, payload) => {
    received.push({ event, payload })
  })
  core.follow()
  await eventually(() => (core.session.state.state === 'connected' ? true : undefined), 15_000)
}, 180_000)

afterAll(async () => {
  await core.close()
  await podman.stop()
  rmSync(configDir, { recursive: true, force: true })
})

describe('switching engines live', () => {
  it('moves the catalog, the state and the events to Podman, and names the engine left', async () => {
    expect(await listedIds()).toEqual(await dockerIds())
    received.length = 0
    const switched = await callOk(core, 'engines.use', { host: podman.host })
    expect(switched.endpoint.url).toBe(podman.host)
    expect(switched.previous.url).toBe(inject('dockerHost'))
    expect(switched.cancelledTasks).toEqual([])
    expect(eventsOf('images.reset')).toEqual([{ reason: 'engine-switched' }])
    await eventually(() => (core.session.state.state === 'connected' && core.session.state.endpoint.url === podman.host ? true : undefined), 15_000)
    expect(await listedIds()).toEqual([podmanImageId])
    expect((await callOk(core, 'engine.info', {})).podman).toBe(true)
  })

  it('publishes nothing more of the engine it left', async () => {
    received.length = 0
    await privateDocker().getImage(FIXTURES.base.tag).tag({ repo: 'strata-switch/left-behind', tag: '1' })
    // Podman's own news still arrives: a tag there is seen, which also shows the stream is live.
    podman.podman('tag', PODMAN_TAG, 'localhost/strata/switch:2')
    await eventually(() => eventsOf('images.changed').find((change) => change.id === podmanImageId), 10_000)
    const dockerBase = (await privateDocker().getImage(FIXTURES.base.tag).inspect()).Id
    expect(eventsOf('images.changed').filter((change) => change.id === dockerBase)).toEqual([])
    await privateDocker().getImage('strata-switch/left-behind:1').remove()
  })

  it('cancels a task running on the engine left, and drops the answers it still owed', async () => {
    const back = await callOk(core, 'engines.use', { host: inject('dockerHost') })
    expect(back.endpoint.url).toBe(inject('dockerHost'))
    await eventually(() => (core.session.state.state === 'connected' ? true : undefined), 15_000)
    const analysis = core.call('layers.analyze', { ref: FIXTURES.app.tag, files: true, taskId: 'switch-analysis' })
    // Gives the analysis time to reach the engine before the switch.
    await new Promise((resolve) => setTimeout(resolve, 30))
    const switched = await callOk(core, 'engines.use', { host: podman.host })
    expect(switched.cancelledTasks).toEqual(['switch-analysis'])
    const outcome = await analysis
    expect(outcome.ok).toBe(false)
    expect(outcome.ok ? null : outcome.error.code).toBe('CANCELLED')
    expect(await listedIds()).toEqual([podmanImageId])
  })

  it('refuses an address it cannot parse and stays on the engine in use', async () => {
    const error = await callError(core, 'engines.use', { host: 'ftp://example.com' })
    expect(error.code).toBe('INVALID_INPUT')
    expect(error.message).toContain('ftp://example.com')
    expect(core.session.endpoint.url).toBe(podman.host)
    expect((await callError(core, 'engines.use', { host: 'unix:///a\u0000b' })).code).toBe('INVALID_INPUT')
  })

  it('saves the choice for the next start when asked, keeping the other settings', async () => {
    const settingsFile = join(configDir, 'settings.json')
    await callOk(core, 'engines.use', { host: inject('dockerHost'), save: true })
    expect(JSON.parse(readFileSync(settingsFile, 'utf8'))).toEqual({ pinnedImages: [], theme: 'dark', engineHost: inject('dockerHost') })
    expect(await listedIds()).toEqual(await dockerIds())
    await callOk(core, 'engines.use', { host: podman.host })
    expect(JSON.parse(readFileSync(settingsFile, 'utf8'))).toMatchObject({ engineHost: inject('dockerHost') })
  })
})

/** Starts `strata serve` with `env`, returns its address and token, and a stop. */
async function startServe(env: Record<string, string>): Promise<{ origin: string; token: string; stop: () => void }> {
  const server = spawn('node', ['bin/strata.js', 'serve', '--port', '0'], { env: { ...process.env, DOCKER_CONTEXT: '', ...env } })
  let log = ''
  server.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()))
  const url = await new Promise<URL>((resolve, reject) => {
    let printed = ''
    server.stdout.on('data', (chunk: Buffer) => {
      printed += chunk.toString()
      const match = /serving at (\S+)/.exec(printed)
      if (match?.[1] !== undefined) resolve(new URL(match[1]))
    })
    server.once('exit', (code) => {
      reject(new Error(`strata serve exited (${String(code)}): ${log}`))
    })
  })
  return { origin: url.origin, token: url.searchParams.get('token') ?? '', stop: () => server.kill('SIGTERM') }
}

describe('strata serve and the saved engine', () => {
  it('opens the engine saved in settings.json, ahead of DOCKER_HOST', async () => {
    const home = mkdtempSync(join(tmpdir(), 'strata-switch-serve-'))
    mkdirSync(join(home, 'strata'))
    writeFileSync(join(home, 'strata', 'settings.json'), `${JSON.stringify({ engineHost: podman.host })}\n`)
    const served = await startServe({ XDG_CONFIG_HOME: home, XDG_CACHE_HOME: join(home, 'cache'), DOCKER_HOST: inject('dockerHost') })
    try {
      const response = await fetch(`${served.origin}/api/engine.info`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${served.token}` }, body: '{}' })
      const body = (await response.json()) as { ok: boolean; value: { podman: boolean; endpoint: { url: string } } }
      expect(body.ok).toBe(true)
      expect(body.value.endpoint.url).toBe(podman.host)
      expect(body.value.podman).toBe(true)
    } finally {
      served.stop()
      rmSync(home, { recursive: true, force: true })
    }
  })
})
