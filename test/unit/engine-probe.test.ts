import { createHash } from 'node:crypto'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { createServer as createNetServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { EngineCandidate } from '../../electron/core/engine/discovery/candidates'
import { discoverEngines } from '../../electron/core/engine/discovery/discover'
import { failureOf } from '../../electron/core/engine/discovery/probe-failure'
import { probeCandidate } from '../../electron/core/engine/discovery/probe'
import { parseHost } from '../../electron/core/engine/endpoint'
import type { CandidateSource, ProbeResult } from '../../shared/engine-discovery'
import { problem } from '../../shared/problems'
import { enginesText } from '../../electron/host/cli-engines-output'

// Real sockets with stand-in engines: what each kind of answer (or silence) becomes.

const scratch = mkdtempSync(join(tmpdir(), 'strata-probe-'))
const servers: Server[] = []
afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))))
  rmSync(scratch, { recursive: true, force: true })
})

const DOCKER_PING = { 'Api-Version': '1.44', Server: 'Docker/25.0.3 (linux)', Ostype: 'linux' }
const DOCKER_INFO = { ServerVersion: '25.0.3', Driver: 'overlay2', OperatingSystem: 'Debian GNU/Linux 12 (bookworm)', OSType: 'linux', Architecture: 'x86_64', SecurityOptions: ['name=seccomp,profile=builtin', 'name=rootless'] }

function candidate(host: string, sources: CandidateSource[] = [{ origin: 'docker-engine', label: 'Docker Engine' }], startCommand: string | null = null): EngineCandidate {
  const startHint = startCommand === null ? null : problem('engine.startCommand', { command: startCommand })
  return { endpoint: parseHost(host, 'default', null, null), sources, dockerCliChoice: false, inUse: false, startHint }
}

/** An HTTP server on a unix socket of its own that answers with `answer`. */
async function engineAt(name: string, answer: (request: IncomingMessage, response: ServerResponse) => void): Promise<{ path: string; server: Server }> {
  const path = join(scratch, name)
  const server = createHttpServer(answer)
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(path, resolve))
  return { path, server }
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json' })
  response.end(JSON.stringify(body))
}

/** An engine stand-in: /_ping with its headers, /info, and /version only for engines too old to send Api-Version. */
function engine(pingHeaders: Record<string, string>, info: object, version: object | null = null) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    if (request.url === '/_ping') {
      response.writeHead(200, { 'Content-Type': 'text/plain', ...pingHeaders })
      response.end('OK')
    } else if (request.url === '/info') json(response, 200, info)
    else if (request.url === '/version' && version !== null) json(response, 200, version)
    else json(response, 404, { message: 'page not found' })
  }
}

function openConnections(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.getConnections((error, count) => {
      if (error === null) resolve(count)
      else reject(error)
    })
  })
}

function failureCode(result: ProbeResult): string | null {
  return result.answers ? null : result.failure.code
}

describe('probeCandidate', () => {
  it('names a Docker engine from /version and /info, rootless included, and leaves no connection open', async () => {
    const { path, server } = await engineAt('docker.sock', engine(DOCKER_PING, DOCKER_INFO))
    const result = await probeCandidate(candidate(`unix://${path}`), 1500)
    expect(result).toMatchObject({
      answers: true,
      identity: { engine: 'Docker', version: '25.0.3', apiVersion: '1.44', storageDriver: 'overlay2', operatingSystem: 'Debian GNU/Linux 12 (bookworm)', os: 'linux', architecture: 'x86_64', rootless: true },
    })
    expect(await openConnections(server)).toBe(0)
  })

  it('names Podman by its Libpod headers, its version from the Server header when /info lacks it', async () => {
    const { path } = await engineAt('podman.sock', engine({ 'Api-Version': '1.41', 'Libpod-Api-Version': '4.3.1', Server: 'Libpod/4.3.1 (linux)' }, { Driver: 'vfs', SecurityOptions: [] }))
    const result = await probeCandidate(candidate(`unix://${path}`), 1500)
    expect(result).toMatchObject({ answers: true, identity: { engine: 'Podman', version: '4.3.1', storageDriver: 'vfs', rootless: false } })
  })

  it('refuses an engine whose API is older than Strata supports, saying what it is', async () => {
    const { path } = await engineAt('old.sock', engine({ 'Api-Version': '1.40', Server: 'Docker/19.03.15 (linux)' }, { ...DOCKER_INFO, ServerVersion: '19.03.15' }))
    const result = await probeCandidate(candidate(`unix://${path}`), 1500)
    expect(result.answers).toBe(false)
    if (result.answers) return
    expect(result.failure.code).toBe('API_TOO_OLD')
    expect(result.failure.message).toMatch(/1\.40.*1\.41/)
    expect(result.identity?.version).toBe('19.03.15')
  })

  it('asks /version for the API version of an engine whose /_ping does not send it', async () => {
    const { path } = await engineAt('ancient.sock', engine({}, { ServerVersion: '1.13.1', Driver: 'devicemapper' }, { Version: '1.13.1', ApiVersion: '1.26' }))
    const result = await probeCandidate(candidate(`unix://${path}`), 1500)
    expect(result).toMatchObject({ answers: false, failure: { code: 'API_TOO_OLD' }, identity: { version: '1.13.1', apiVersion: '1.26' } })
  })

  it('says an engine that answers /_ping and then stalls on /info timed out there', async () => {
    const { path } = await engineAt('stalls.sock', (request, response) => {
      if (request.url === '/_ping') {
        response.writeHead(200, DOCKER_PING)
        response.end('OK')
      }
    })
    const result = await probeCandidate(candidate(`unix://${path}`), 300)
    expect(result).toMatchObject({ answers: false, failure: { code: 'TIMEOUT', message: expect.stringContaining('answered /_ping but not /info within 300 ms') as unknown } })
  })

  it('times out on a socket that accepts and never answers, within the limit, and closes the connection', async () => {
    const path = join(scratch, 'silent.sock')
    // It reads what it is sent (so it sees the client hang up) and never answers.
    const silent = createNetServer((socket) => socket.resume())
    servers.push(silent)
    await new Promise<void>((resolve) => silent.listen(path, resolve))
    const started = Date.now()
    const result = await probeCandidate(candidate(`unix://${path}`), 300)
    expect(failureCode(result)).toBe('TIMEOUT')
    expect(Date.now() - started).toBeLessThan(1500)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(await openConnections(silent)).toBe(0)
  })

  it('tells a missing socket, a plain file and a socket nothing listens on apart', async () => {
    const missing = await probeCandidate(candidate(`unix://${join(scratch, 'absent.sock')}`, undefined, 'sudo systemctl start docker'), 500)
    expect(missing).toMatchObject({ answers: false, failure: { code: 'NO_SOCKET', hint: 'sudo systemctl start docker' } })
    const file = join(scratch, 'plain-file')
    writeFileSync(file, 'not a socket')
    expect(failureCode(await probeCandidate(candidate(`unix://${file}`), 500))).toBe('NOT_A_SOCKET')
    // A socket file whose engine was killed: the file stays, nothing accepts.
    const stale = join(scratch, 'stale.sock')
    spawnSync(process.execPath, ['-e', `require('net').createServer().listen(${JSON.stringify(stale)}, () => process.kill(process.pid, 'SIGKILL'))`])
    expect(statSync(stale).isSocket()).toBe(true)
    const result = await probeCandidate(candidate(`unix://${stale}`, undefined, 'sudo systemctl start docker'), 500)
    expect(result).toMatchObject({ answers: false, failure: { code: 'CONNECTION_REFUSED', hint: 'sudo systemctl start docker' } })
  })

  it('reads HTTP answers that are not an engine: 404, a TLS port spoken to in plain HTTP, an authorization refusal', async () => {
    const cases: [number, string, string][] = [
      [404, '{"message":"page not found"}', 'NOT_AN_ENGINE'],
      [400, 'Client sent an HTTP request to an HTTPS server.\n', 'TLS_ERROR'],
      [403, '{"message":"authorization denied by plugin"}', 'PERMISSION_DENIED'],
    ]
    for (const [status, body, code] of cases) {
      const { path } = await engineAt(`status-${String(status)}.sock`, (_request, response) => {
        response.writeHead(status)
        response.end(body)
      })
      expect(failureCode(await probeCandidate(candidate(`unix://${path}`), 1000)), String(status)).toBe(code)
    }
    const { path } = await engineAt('garbage.sock', (_request, response) => {
      response.end('hello')
    })
    expect(failureCode(await probeCandidate(candidate(`unix://${path}`), 1000))).toBe('NOT_AN_ENGINE')
  })

  it('reports a closed tcp port as refused, a missing TLS file as a TLS error, and does not connect to ssh engines', async () => {
    const closed = createNetServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as { port: number }).port
    await new Promise((resolve) => closed.close(resolve))
    expect(failureCode(await probeCandidate(candidate(`tcp://127.0.0.1:${String(port)}`), 1000))).toBe('CONNECTION_REFUSED')

    const withTls: EngineCandidate = { ...candidate('tcp://127.0.0.1:1'), endpoint: parseHost('tcp://127.0.0.1:1', 'default', null, { ca: join(scratch, 'no-ca.pem'), cert: null, key: null, verify: true }) }
    const tls = await probeCandidate(withTls, 1000)
    expect(tls).toMatchObject({ answers: false, failure: { code: 'TLS_ERROR' } })
    if (!tls.answers) expect(tls.failure.message).toContain('no-ca.pem')

    expect(await probeCandidate(candidate('ssh://ops@build-box'), 1000)).toMatchObject({ answers: false, failure: { code: 'NOT_PROBED' }, elapsedMs: 0 })
  })
})

describe('failureOf', () => {
  it('gives the docker group remedy for a Docker socket and the rootless remedy for rootful Podman', () => {
    const denied = Object.assign(new Error('connect EACCES /var/run/docker.sock'), { code: 'EACCES' })
    expect(failureOf(denied, candidate('unix:///var/run/docker.sock'))).toMatchObject({ code: 'PERMISSION_DENIED', hint: expect.stringContaining('sudo usermod -aG docker $USER') as unknown })
    const podman = failureOf(denied, candidate('unix:///run/podman/podman.sock', [{ origin: 'podman', label: 'Podman (rootful)' }]))
    expect(podman.hint).toMatch(/systemctl --user enable --now podman\.socket/)
    expect(failureOf(denied, candidate('npipe:////./pipe/docker_engine')).hint).toMatch(/docker-users/)
  })

  it.each([
    ['SELF_SIGNED_CERT_IN_CHAIN', 'self-signed certificate in certificate chain', 'TLS_ERROR'],
    ['ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED', 'tlsv13 alert certificate required', 'TLS_ERROR'],
    ['ENOTFOUND', 'getaddrinfo ENOTFOUND nowhere', 'UNREACHABLE'],
    ['ECONNRESET', 'socket hang up', 'NOT_AN_ENGINE'],
    ['ETIMEDOUT', 'connect ETIMEDOUT', 'TIMEOUT'],
  ])('%s is %s', (code, message, expected) => {
    expect(failureOf(Object.assign(new Error(message), { code }), candidate('tcp://example:2376')).code).toBe(expected)
  })
})

describe('discoverEngines', () => {
  it('probes every candidate at once: two silent engines take about one timeout, not two', async () => {
    const silentPaths = ['silent-a.sock', 'silent-b.sock'].map((name) => join(scratch, name))
    for (const path of silentPaths) {
      const server = createNetServer((socket) => socket.resume())
      servers.push(server)
      await new Promise<void>((resolve) => server.listen(path, resolve))
    }
    const { path: answering } = await engineAt('answering.sock', engine(DOCKER_PING, DOCKER_INFO))
    // The second silent engine is named by a docker context.
    const digest = createHash('sha256').update('silent').digest('hex')
    const metaDir = join(scratch, 'home', '.docker', 'contexts', 'meta')
    const contexts: Record<string, string> = { [join(metaDir, digest, 'meta.json')]: JSON.stringify({ Name: 'silent', Endpoints: { docker: { Host: `unix://${silentPaths[1] ?? ''}` } } }) }
    const environment = {
      env: { DOCKER_HOST: `unix://${answering}` },
      platform: 'linux' as const,
      homeDir: join(scratch, 'home'),
      uid: 0,
      readFile: (path: string) => contexts[path] ?? null,
      exists: () => false,
      listDir: (path: string) => (path === metaDir ? [digest] : []),
    }
    const started = Date.now()
    const discovery = await discoverEngines(environment, { timeoutMs: 400, inUse: parseHost(`unix://${silentPaths[0] ?? ''}`, 'explicit', null, null) })
    const elapsed = Date.now() - started
    expect(elapsed).toBeLessThan(750)
    expect(discovery.timeoutMs).toBe(400)
    const byUrl = new Map(discovery.engines.map((found) => [found.url, found]))
    expect(byUrl.get(`unix://${answering}`)).toMatchObject({ dockerCliChoice: true, inUse: false, probe: { answers: true } })
    expect(byUrl.get(`unix://${silentPaths[0] ?? ''}`)).toMatchObject({ inUse: true, probe: { answers: false, failure: { code: 'TIMEOUT' } } })
    expect(byUrl.get(`unix://${silentPaths[1] ?? ''}`)).toMatchObject({ sources: [{ origin: 'context', label: 'Docker context "silent"' }], probe: { answers: false, failure: { code: 'TIMEOUT' } } })
    const text = enginesText(discovery)
    expect(text).toContain(`unix://${answering} [the docker CLI's choice]`)
    expect(text).toContain('answers: Docker 25.0.3, API 1.44, overlay2, Debian GNU/Linux 12 (bookworm) linux/x86_64, rootless')
    expect(text).toContain('timed out: ')
    // The machine's own /var/run/docker.sock and /run/podman/podman.sock are listed too; whether they answer is not this test's business.
    expect(text).toMatch(/\n[1-3] of 5 answer\.\n$/)
  })
})
