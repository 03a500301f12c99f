import { createServer, type IncomingMessage, type Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { StrataError } from '../../shared/errors'
import { RegistryClient } from '../../electron/core/registry/client'
import type { Credentials } from '../../electron/core/registry/docker-config'

/**
 * Not a registry: a local HTTP server that speaks only the token-auth handshake
 * (401 with a Bearer challenge, a token endpoint taking Basic credentials), to check
 * the client's side of it. The real registry in the engine tests uses htpasswd (Basic).
 */
const tokenRequests: { query: URLSearchParams; authorization: string | undefined }[] = []
let server: Server
let origin = ''
const manifest = JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { digest: 'sha256:c', size: 1 }, layers: [] })

interface Reply {
  status: number
  headers: Record<string, string>
  body: string
}

function reply(status: number, headers: Record<string, string>, body: string): Reply {
  return { status, headers, body }
}

function handle(request: IncomingMessage): Reply {
  const url = new URL(request.url ?? '/', origin)
  if (url.pathname === '/token') {
    tokenRequests.push({ query: url.searchParams, authorization: request.headers.authorization })
    const anonymous = request.headers.authorization === undefined
    const good = request.headers.authorization === `Basic ${Buffer.from('alice:secret').toString('base64')}`
    if (!anonymous && !good) return reply(401, {}, '{"errors":[{"code":"UNAUTHORIZED"}]}')
    // One style per kind of caller, so both answers are read.
    return reply(200, { 'Content-Type': 'application/json' }, JSON.stringify(anonymous ? { access_token: 'anon-token' } : { token: 'alice-token' }))
  }
  const challenge = `Bearer realm="${origin}/token",service="fake.registry",scope="repository:team/app:pull"`
  const authorization = request.headers.authorization ?? ''
  if (url.pathname === '/v2/') return reply(401, { 'WWW-Authenticate': challenge }, '')
  if (url.pathname === '/v2/team/app/manifests/1' && (authorization === 'Bearer alice-token' || authorization === 'Bearer anon-token')) {
    return reply(200, { 'Content-Type': 'application/vnd.oci.image.manifest.v1+json', 'Docker-Content-Digest': 'sha256:fixed' }, manifest)
  }
  return reply(401, { 'WWW-Authenticate': challenge }, '{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}')
}

beforeAll(async () => {
  server = createServer((request, response) => {
    const { status, headers, body } = handle(request)
    response.writeHead(status, headers).end(body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  origin = `http://127.0.0.1:${String(typeof address === 'object' && address !== null ? address.port : 0)}`
})
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
})

function client(credentials: Credentials | null, insecure = true): RegistryClient {
  return new RegistryClient(new URL(origin).host, { insecure, credentials: () => Promise.resolve(credentials) })
}

describe('the registry client\'s token handshake', () => {
  it('answers a Bearer challenge with a token fetched with Basic credentials, service and scope', async () => {
    tokenRequests.length = 0
    const answer = await client({ username: 'alice', password: 'secret', identityToken: null, serverAddress: 'x' }).manifest('team/app', '1')
    expect(answer.digest).toBe('sha256:fixed')
    expect(JSON.parse(answer.body)).toMatchObject({ schemaVersion: 2 })
    expect(tokenRequests).toHaveLength(1)
    expect(tokenRequests[0]?.query.get('service')).toBe('fake.registry')
    expect(tokenRequests[0]?.query.get('scope')).toBe('repository:team/app:pull')
    expect(tokenRequests[0]?.authorization).toBe(`Basic ${Buffer.from('alice:secret').toString('base64')}`)
  })

  it('without credentials asks anonymously and reads access_token', async () => {
    expect((await client(null).manifest('team/app', '1')).digest).toBe('sha256:fixed')
  })

  it('wrong credentials are UNAUTHORIZED with a hint to log in', async () => {
    const failure = await client({ username: 'alice', password: 'wrong', identityToken: null, serverAddress: 'x' }).manifest('team/app', '1').catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(StrataError)
    expect((failure as StrataError).code).toBe('UNAUTHORIZED')
    expect((failure as StrataError).detail.hint).toMatch(/strata login/)
  })

  it('a registry that is not insecure is never reached over plain HTTP', async () => {
    const failure = (await client(null, false).manifest('team/app', '1').catch((error: unknown) => error)) as StrataError
    expect(failure.code).toBe('REGISTRY_UNREACHABLE')
    expect(failure.message).toMatch(/^TLS with the registry https:/)
  })
})
