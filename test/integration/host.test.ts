import { readFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import WebSocket from 'ws'
import { startHost, type RunningHost } from '../../electron/host/server'
import type { ImageSummary } from '../../shared/types'
import { FIXTURES } from '../support/fixtures'
import { privateCore, privateDocker } from '../support/engine'

interface RawResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
  bytes: Buffer
}

/** A raw HTTP request, so tests can send the Host and Origin headers a browser would not let them forge. */
function send(host: RunningHost, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawResponse> {
  return new Promise((resolvePromise, reject) => {
    const request = httpRequest(
      { host: '127.0.0.1', port: host.port, path, method: options.method ?? 'GET', headers: { host: `127.0.0.1:${host.port}`, ...options.headers } },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () => {
          const bytes = Buffer.concat(chunks)
          resolvePromise({ status: response.statusCode ?? 0, headers: response.headers, body: bytes.toString('utf8'), bytes })
        })
      },
    )
    request.on('error', reject)
    request.end(options.body)
  })
}

const core = privateCore()
let host: RunningHost

beforeAll(async () => {
  core.follow()
  host = await startHost({ core, staticRoot: resolve('out/renderer'), port: 0 })
})
afterAll(async () => {
  await host.close()
  await core.close()
})

function api(method: string, body: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  return send(host, `/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${host.token}`, ...headers },
    body: JSON.stringify(body),
  })
}

describe('strata serve over HTTP', () => {
  it('binds 127.0.0.1 and prints a URL carrying the token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`)
    expect(host.token.length).toBeGreaterThanOrEqual(32)
  })

  it('answers a contract call with the same data the core gives', async () => {
    const response = await api('images.list', {})
    expect(response.status).toBe(200)
    const outcome = JSON.parse(response.body) as { ok: true; value: ImageSummary[] }
    expect(outcome.value.some((image) => image.repoTags.includes(FIXTURES.app.tag))).toBe(true)
  })

  it('refuses requests without the token, with a wrong one, or with a foreign Host or Origin', async () => {
    const noToken = await send(host, '/api/images.list', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
    expect(noToken.status).toBe(401)
    expect(JSON.parse(noToken.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } })
    expect((await api('images.list', {}, { authorization: 'Bearer wrong' })).status).toBe(401)
    expect((await api('images.list', {}, { host: `evil.example:${host.port}` })).status).toBe(403)
    expect((await api('images.list', {}, { origin: 'http://evil.example' })).status).toBe(403)
    expect((await send(host, '/', { headers: { host: `evil.example:${host.port}` } })).status).toBe(403)
  })

  it('serves the renderer\'s own files without the token: they hold no data, every call behind them needs it', async () => {
    const page = await send(host, '/')
    expect(page.status).toBe(200)
    expect(page.body).toContain('Content-Security-Policy')
    expect(page.headers['referrer-policy']).toBe('no-referrer')
    expect((await send(host, '/api/engine.state', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(401)
  })

  it('validates input: malformed calls get INVALID_INPUT', async () => {
    const bad = await api('images.get', { id: 7 })
    expect(bad.status).toBe(400)
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect((await api('no.such.method', {})).status).toBe(400)
    const notJson = await send(host, '/api/engine.info', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${host.token}` }, body: '{' })
    expect(notJson.status).toBe(400)
    const form = await send(host, '/api/engine.info', { method: 'POST', headers: { 'content-type': 'text/plain', authorization: `Bearer ${host.token}` }, body: '{}' })
    expect(form.status).toBe(415)
  })

  it('maps engine errors to their code and status', async () => {
    const missing = await api('images.get', { id: 'nothing-here:1' })
    expect(missing.status).toBe(404)
    expect(JSON.parse(missing.body)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  it('trades the token in the address for an HttpOnly SameSite cookie named after the port, which then calls the API', async () => {
    const first = await send(host, `/?token=${host.token}`)
    expect(first.status).toBe(303)
    expect(first.headers.location).toBe('/')
    expect(first.headers['referrer-policy']).toBe('no-referrer')
    const [session] = first.headers['set-cookie'] ?? []
    expect(session).toBe(`strata_token_${host.port}=${host.token}; HttpOnly; SameSite=Strict; Path=/api/`)
    const cookie = session?.split(';')[0] ?? ''
    const state = await send(host, '/api/engine.state', { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: '{}' })
    expect(state.status).toBe(200)
    expect(JSON.parse(state.body)).toMatchObject({ ok: true })
    // The name is the scope: the same value under another port's name is not this server's session.
    const otherPort = await send(host, '/api/engine.state', { method: 'POST', headers: { 'content-type': 'application/json', cookie: `strata_token_${host.port + 1}=${host.token}` }, body: '{}' })
    expect(otherPort.status).toBe(401)
  })

  it('never serves files outside the renderer folder', async () => {
    const escape = await send(host, '/..%2f..%2fpackage.json', { headers: { authorization: `Bearer ${host.token}` } })
    expect(escape.status).toBe(400)
    expect(escape.body).not.toContain('"name": "strata"')
    expect(JSON.parse(escape.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })
})

describe('events over the WebSocket', () => {
  function open(headers: Record<string, string>): WebSocket {
    return new WebSocket(`ws://127.0.0.1:${host.port}/api/events`, { headers: { host: `127.0.0.1:${host.port}`, ...headers } })
  }

  it('refuses a socket without the token', async () => {
    const socket = open({})
    const failure = await new Promise<string>((resolvePromise) => {
      socket.on('unexpected-response', (_request, response) => {
        resolvePromise(String(response.statusCode))
      })
      socket.on('error', (error) => {
        resolvePromise(error.message)
      })
    })
    expect(failure).toMatch(/401/)
  })

  it('sends the engine state first, then live image changes', async () => {
    const socket = open({ authorization: `Bearer ${host.token}` })
    const messages: { event: string; payload: { image?: ImageSummary | null; state?: string } }[] = []
    socket.on('message', (data: Buffer) => {
      messages.push(JSON.parse(data.toString('utf8')) as (typeof messages)[number])
    })
    await new Promise((resolvePromise) => socket.once('open', resolvePromise))
    const deadline = Date.now() + 5000
    while (messages.length === 0 && Date.now() < deadline) await new Promise((resolvePromise) => setTimeout(resolvePromise, 20))
    expect(messages[0]).toMatchObject({ event: 'engine.state', payload: { state: 'connected' } })

    await privateDocker().getImage(FIXTURES.app.tag).tag({ repo: 'ws/live', tag: '1' })
    while (!messages.some((message) => message.event === 'images.changed' && message.payload.image?.repoTags.includes('ws/live:1') === true) && Date.now() < deadline + 5000) {
      await new Promise((resolvePromise) => setTimeout(resolvePromise, 20))
    }
    // Other images may change meanwhile (a container an earlier file left settling); the tag's change names the app image.
    const change = messages.find((message) => message.event === 'images.changed' && message.payload.image?.repoTags.includes('ws/live:1') === true)
    expect(change?.payload.image?.id).toBe(inject('fixtureIds').app)
    expect(messages.findIndex((message) => message.event === 'images.changed')).toBeGreaterThan(0)
    socket.close()
    await privateDocker().getImage('ws/live:1').remove()
  })
})

describe('downloads (save as, in the browser)', () => {
  const download = (query: string, headers: Record<string, string> = { authorization: `Bearer ${host.token}` }): Promise<RawResponse> =>
    send(host, `/api/download?${query}`, { headers })

  it('streams a file of an image as an attachment, byte for byte', async () => {
    const busybox = await download(`ref=${encodeURIComponent(FIXTURES.app.tag)}&path=bin%2Fbusybox`)
    expect(busybox.status).toBe(200)
    expect(busybox.headers['content-disposition']).toBe(`attachment; filename="busybox"; filename*=UTF-8''busybox`)
    expect(busybox.headers['content-type']).toBe('application/octet-stream')
    expect(Number(busybox.headers['content-length'])).toBe(readFileSync('/bin/busybox').length)
    expect(busybox.bytes.equals(readFileSync('/bin/busybox'))).toBe(true)
    // Typed as people write it, with the leading slash: the same file.
    const rooted = await download(`ref=${encodeURIComponent(FIXTURES.app.tag)}&path=%2Fbin%2Fbusybox`)
    expect(rooted.status).toBe(200)
    expect(rooted.bytes.equals(busybox.bytes)).toBe(true)
    const hello = await download(`ref=${encodeURIComponent(FIXTURES.app.tag)}&path=app%2Fhello.txt&layer=2`)
    expect(hello.body).toBe('hello from strata\n')
    // One layer lower the file does not exist yet.
    expect((await download(`ref=${encodeURIComponent(FIXTURES.app.tag)}&path=app%2Fhello.txt&layer=1`)).status).toBe(404)
  })

  it('answers errors as errors, never as a file: no token, bad input, missing file, a folder', async () => {
    const ref = encodeURIComponent(FIXTURES.app.tag)
    expect((await download(`ref=${ref}&path=app%2Fhello.txt`, {})).status).toBe(401)
    const climbing = await download(`ref=${ref}&path=..%2Fetc%2Fshadow`)
    expect(climbing.status).toBe(400)
    expect(JSON.parse(climbing.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect((await download(`ref=${ref}&path=app%2Fhello.txt&layer=x`)).status).toBe(400)
    const missing = await download(`ref=${ref}&path=app%2Fnope.txt`)
    expect(missing.status).toBe(404)
    expect(JSON.parse(missing.body)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    const folder = await download(`ref=${ref}&path=app`)
    expect(folder.status).toBe(400)
    expect(missing.headers['content-disposition']).toBeUndefined()
  })
})
