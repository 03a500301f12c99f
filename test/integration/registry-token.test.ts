import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { RegistryClient } from '../../electron/core/registry/client'
import { registryTls } from '../../electron/core/registry/tls-trust'
import { StrataError } from '../../shared/errors'
import { callError, callOk, privateCore, privateDocker } from '../support/engine'
import { FIXTURES } from '../support/fixtures'
import { forgetRegistryImages, startRegistry, type TestRegistry } from '../support/registry'
import { makeCertificate, startTokenServer, type TestCertificate, type TokenServer, type TokenUser } from '../support/token-server'

const work = mkdtempSync(join(tmpdir(), 'strata-registry-token-'))
const dockerConfig = join(work, 'docker-config')
process.env.DOCKER_CONFIG = dockerConfig
const alice: TokenUser = { name: 'alice', password: 'pull and push', actions: ['pull', 'push'] }
const bob: TokenUser = { name: 'bob', password: 'pull only', actions: ['pull'] }
const core = privateCore()
const docker = privateDocker()
let signer: TestCertificate
let tokens: TokenServer
let registry: TestRegistry
let tlsCertificate: TestCertificate
let tlsRegistry: TestRegistry

beforeAll(async () => {
  signer = makeCertificate(work, 'token-signer')
  tlsCertificate = makeCertificate(work, 'registry-tls')
  tokens = await startTokenServer(signer, [alice, bob])
  registry = await startRegistry({ token: { server: tokens, signer } })
  tlsRegistry = await startRegistry({ token: { server: tokens, signer }, tls: tlsCertificate })
})
afterAll(async () => {
  await forgetRegistryImages(docker, registry.host)
  await forgetRegistryImages(docker, tlsRegistry.host)
  await core.close()
  await registry.stop()
  await tlsRegistry.stop()
  await tokens.close()
  rmSync(work, { recursive: true, force: true })
})

function storedEntry(host: string): { auth?: string; identitytoken?: string } | undefined {
  const config = JSON.parse(readFileSync(join(dockerConfig, 'config.json'), 'utf8')) as { auths: Record<string, { auth?: string; identitytoken?: string }> }
  return config.auths[host]
}

describe('a registry with token authentication (docker-registry + a token service)', () => {
  it('a wrong password is refused by the token service; nothing is stored', async () => {
    const refused = await callError(core, 'registry.login', { registry: registry.host, username: alice.name, password: 'wrong' })
    expect(refused.code).toBe('UNAUTHORIZED')
    expect(tokens.requests.some((request) => request.user === alice.name && request.status === 401)).toBe(true)
    expect(() => readFileSync(join(dockerConfig, 'config.json'))).toThrow()
  })

  it('anonymous, the token carries no access: inspect is UNAUTHORIZED with a hint to log in', async () => {
    const before = tokens.requests.length
    const refused = await callError(core, 'registry.inspect', { ref: `${registry.host}/strata/base:1` })
    expect(refused.code).toBe('UNAUTHORIZED')
    expect(refused.detail.hint).toMatch(/strata login/)
    expect(tokens.requests.slice(before).some((request) => request.grant === 'anonymous' && request.scopes.includes('repository:strata/base:pull'))).toBe(true)
  })

  it('login keeps the identity (refresh) token the engine got, never the password', async () => {
    const login = await callOk(core, 'registry.login', { registry: registry.host, username: alice.name, password: alice.password })
    expect(login.storedIn).toBe('config.json')
    const entry = storedEntry(registry.host)
    expect(entry?.identitytoken).toMatch(/^[0-9a-f]{32}$/)
    expect(Buffer.from(entry?.auth ?? '', 'base64').toString()).toBe(`${alice.name}:`)
    expect(readFileSync(join(dockerConfig, 'config.json'), 'utf8')).not.toContain(alice.password)
  })

  it('push, inspect and pull trade the refresh token for scoped bearer tokens', async () => {
    const target = `${registry.host}/strata/base:1`
    await callOk(core, 'images.tag', { source: FIXTURES.base.tag, target })
    const before = tokens.requests.length
    const pushed = await callOk(core, 'registry.push', { ref: target })
    const remote = await callOk(core, 'registry.inspect', { ref: target })
    expect(remote.digest).toBe(pushed.digest)
    expect(remote.engine?.digest).toBe(pushed.digest)
    expect(remote.platforms).toHaveLength(1)
    expect(remote.platforms[0]?.presentLocally).toBe(true)
    const used = tokens.requests.slice(before)
    // The engine (push) and Strata's own client (inspect) both used the OAuth2 refresh grant, as alice.
    expect(used.filter((request) => request.grant === 'refresh_token' && request.status === 200).every((request) => request.user === alice.name)).toBe(true)
    expect(used.some((request) => request.grant === 'refresh_token' && request.scopes.some((scope) => scope.endsWith(':pull,push') || scope.endsWith(':push,pull')))).toBe(true)
    expect(used.some((request) => request.grant === 'refresh_token' && request.scopes.includes('repository:strata/base:pull'))).toBe(true)

    await docker.getImage(target).remove()
    const pulled = await callOk(core, 'registry.pull', { ref: target })
    expect(pulled.images[0]?.id).toBe(inject('fixtureIds').base)
  })

  it('a user allowed to pull only: inspect works, push is refused with the reason', async () => {
    await callOk(core, 'registry.login', { registry: registry.host, username: bob.name, password: bob.password })
    expect((await callOk(core, 'registry.inspect', { ref: `${registry.host}/strata/base:1` })).platforms).toHaveLength(1)
    await callOk(core, 'images.tag', { source: FIXTURES.app.tag, target: `${registry.host}/strata/app:1` })
    const refused = await callError(core, 'registry.push', { ref: `${registry.host}/strata/app:1` })
    expect(refused.code).toBe('UNAUTHORIZED')
    expect(refused.message).toMatch(/denied access/)
    expect(refused.detail.hint).toMatch(/write access/)
    await callOk(core, 'registry.logout', { registry: registry.host })
    expect(storedEntry(registry.host)).toBeUndefined()
  })
})

describe('HTTPS registries and certs.d', () => {
  const ref = (): string => `${tlsRegistry.host}/strata/base:1`
  let pushedDigest = ''

  beforeAll(async () => {
    // The engine reaches 127.0.0.1 as an insecure registry (TLS unverified), so it can fill this one.
    await callOk(core, 'registry.login', { registry: tlsRegistry.host, username: alice.name, password: alice.password })
    await callOk(core, 'images.tag', { source: FIXTURES.base.tag, target: ref() })
    pushedDigest = (await callOk(core, 'registry.push', { ref: ref() })).digest
  })

  const client = async (certsD: string): Promise<RegistryClient> =>
    new RegistryClient(tlsRegistry.host, {
      insecure: false,
      tls: await registryTls(tlsRegistry.host, [certsD]),
      credentials: () => Promise.resolve({ username: alice.name, password: alice.password, identityToken: null, serverAddress: tlsRegistry.host }),
    })

  it('without the CA, verification fails and the error names the certs.d folder to put it in', async () => {
    const empty = join(work, 'certs-empty')
    const error = await (await client(empty)).manifest('strata/base', '1').then(
      () => null,
      (caught: unknown) => caught,
    )
    expect(error).toBeInstanceOf(StrataError)
    expect((error as StrataError).code).toBe('REGISTRY_UNREACHABLE')
    expect((error as StrataError).detail.hint).toContain(join(empty, tlsRegistry.host))
  })

  it('with ca.crt in certs.d/<host:port>/, the manifest is read over verified TLS with a bearer token', async () => {
    const certsD = join(work, 'certs.d')
    mkdirSync(join(certsD, tlsRegistry.host), { recursive: true })
    writeFileSync(join(certsD, tlsRegistry.host, 'ca.crt'), tlsCertificate.certPem)
    const before = tokens.requests.length
    const manifest = await (await client(certsD)).manifest('strata/base', '1')
    expect(manifest.digest).toBe(pushedDigest)
    expect(tokens.requests.slice(before)).toEqual([{ method: 'GET', grant: 'basic', user: alice.name, scopes: ['repository:strata/base:pull'], status: 200 }])
  })
})
