import { execFile, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { createServer as createHttpServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createStrataCore } from '../../electron/core/api/core'
import { discoverEngines } from '../../electron/core/engine/discovery/discover'
import { savedEngineTarget } from '../../electron/core/settings/engine-host'
import { processDiscoveryEnvironment, type DiscoveryEnvironment } from '../../electron/core/engine/discovery/environment'
import type { DiscoveredEngine, EngineDiscovery } from '../../shared/engine-discovery'
import { startPrivateDaemon, type PrivateDaemon } from '../support/daemon'
import { dockerCli } from '../support/docker-cli'
import { callOk, privateCore } from '../support/engine'
import { startPrivatePodman, type PrivatePodman } from '../support/podman'
import { runStrata } from '../support/strata-cli'
import { makeTlsCertificates, type TlsCertificates } from '../support/tls-certificates'
import { freePort } from '../support/registry'

// engines.discover against real engines: the run's private dockerd, a private Podman
// service, a second dockerd on 127.0.0.1 with --tlsverify, and sockets that cannot
// answer. Every candidate comes from a home, runtime folder and docker config made
// here; the machine's own sockets are never changed.

const exec = promisify(execFile)
const PROBE_USER = 'strata-probe'
const scratch = mkdtempSync(join(tmpdir(), 'strata-discovery-'))
const home = join(scratch, 'home')
const runtimeDir = join(scratch, 'run')
const configDir = join(home, '.docker')
let podman: PrivatePodman
let tlsDaemon: PrivateDaemon
let certs: TlsCertificates
let tlsAddress = ''
let lockedEngine: Server


/** A docker context as `docker context create` stores it, TLS files included when given. */
function writeContext(name: string, host: string, tlsFiles: Record<string, string> = {}): void {
  const digest = createHash('sha256').update(name).digest('hex')
  mkdirSync(join(configDir, 'contexts', 'meta', digest), { recursive: true })
  writeFileSync(join(configDir, 'contexts', 'meta', digest, 'meta.json'), JSON.stringify({ Name: name, Metadata: {}, Endpoints: { docker: { Host: host, SkipTLSVerify: false } } }))
  const tlsDir = join(configDir, 'contexts', 'tls', digest, 'docker')
  for (const [file, source] of Object.entries(tlsFiles)) {
    mkdirSync(tlsDir, { recursive: true })
    copyFileSync(source, join(tlsDir, file))
  }
}

/** This machine as discovery sees it, with the home, runtime folder and variables of the test. */
function environment(env: Record<string, string>): DiscoveryEnvironment {
  return { ...processDiscoveryEnvironment(), env: { XDG_RUNTIME_DIR: runtimeDir, ...env }, homeDir: home, platform: 'linux', uid: 1000 }
}

function engineAt(discovery: EngineDiscovery, url: string): DiscoveredEngine {
  const found = discovery.engines.find((engine) => engine.url === url)
  if (found === undefined) throw new Error(`${url} is not among ${discovery.engines.map((engine) => engine.url).join(', ')}`)
  return found
}

/** The candidate DOCKER_HOST named (a context may name the same address with other TLS settings). */
function dockerHostEngine(discovery: EngineDiscovery): DiscoveredEngine {
  const found = discovery.engines.find((engine) => engine.sources.some((source) => source.origin === 'DOCKER_HOST'))
  if (found === undefined) throw new Error('no candidate from DOCKER_HOST')
  return found
}

function tlsDocker(...args: string[]): string {
  const ran = spawnSync('docker', ['--host', `tcp://${tlsAddress}`, '--tlsverify', '--tlscacert', certs.ca, '--tlscert', join(certs.clientDir, 'cert.pem'), '--tlskey', join(certs.clientDir, 'key.pem'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, DOCKER_HOST: '', DOCKER_CONTEXT: '' },
  })
  if (ran.status !== 0) throw new Error(`docker ${args.join(' ')} failed: ${ran.stderr}`)
  return ran.stdout.trim()
}

beforeAll(async () => {
  // Others may traverse the scratch folder: the permission case must fail on the socket itself.
  chmodSync(scratch, 0o755)
  mkdirSync(home, { recursive: true })
  mkdirSync(join(runtimeDir, 'podman'), { recursive: true })
  certs = makeTlsCertificates(join(scratch, 'tls'))
  tlsAddress = `127.0.0.1:${String(await freePort())}`
  const [startedPodman, startedTls] = await Promise.all([
    startPrivatePodman(),
    startPrivateDaemon({ extraArgs: [`--host=tcp://${tlsAddress}`, '--tlsverify', `--tlscacert=${certs.ca}`, `--tlscert=${certs.serverCert}`, `--tlskey=${certs.serverKey}`] }),
  ])
  podman = startedPodman
  tlsDaemon = startedTls

  // Colima's profile socket and rootless Podman's socket, as links to the private engines.
  mkdirSync(join(home, '.colima', 'default'), { recursive: true })
  symlinkSync(inject('dockerSocket'), join(home, '.colima', 'default', 'docker.sock'))
  symlinkSync(podman.socketPath, join(runtimeDir, 'podman', 'podman.sock'))
  writeFileSync(join(scratch, 'plain-file'), 'not a socket\n')
  writeContext('plain', `unix://${join(scratch, 'plain-file')}`)
  writeContext('gone', `unix://${join(scratch, 'absent.sock')}`)
  writeContext('secure', `tcp://${tlsAddress}`, { 'ca.pem': certs.ca, 'cert.pem': join(certs.clientDir, 'cert.pem'), 'key.pem': join(certs.clientDir, 'key.pem') })

  // An engine stand-in on a socket only root may open.
  mkdirSync(join(scratch, 'locked'))
  chmodSync(join(scratch, 'locked'), 0o755)
  lockedEngine = createHttpServer((request, response) => {
    response.writeHead(200, { 'Content-Type': 'application/json' })
    response.end(JSON.stringify(request.url === '/version' ? { Version: '25.0.0', ApiVersion: '1.44', Os: 'linux', Arch: 'amd64' } : { Driver: 'overlay2' }))
  })
  await new Promise<void>((done) => lockedEngine.listen(join(scratch, 'locked', 'engine.sock'), done))
  chmodSync(join(scratch, 'locked', 'engine.sock'), 0o600)
}, 180_000)

afterAll(async () => {
  await new Promise((done) => lockedEngine.close(done))
  await Promise.all([podman.stop(), tlsDaemon.stop()])
  rmSync(scratch, { recursive: true, force: true })
})

describe('engines.discover on real engines', () => {
  it('finds the private dockerd through a Colima profile, Podman through its rootless socket, the TLS dockerd through a context, and says why the others do not answer', async () => {
    const started = Date.now()
    const discovery = await discoverEngines(environment({}), { timeoutMs: 1500 })
    // Probed in parallel: the whole takes about one probe, not one per candidate.
    expect(Date.now() - started).toBeLessThan(3000)

    const docker = engineAt(discovery, `unix://${join(home, '.colima', 'default', 'docker.sock')}`)
    expect(docker.sources).toMatchObject([{ origin: 'colima', label: 'Colima profile "default"', wording: { id: 'engine.sourceColima', params: { profile: 'default' } } }])
    expect(docker.probe, JSON.stringify(docker.probe)).toMatchObject({
      answers: true,
      identity: {
        engine: 'Docker',
        version: (await dockerCli('version', '--format', '{{.Server.Version}}')).trim(),
        apiVersion: (await dockerCli('version', '--format', '{{.Server.APIVersion}}')).trim(),
        storageDriver: (await dockerCli('info', '--format', '{{.Driver}}')).trim(),
        architecture: (await dockerCli('info', '--format', '{{.Architecture}}')).trim(),
        rootless: false,
      },
    })

    const rootlessPodman = engineAt(discovery, `unix://${join(runtimeDir, 'podman', 'podman.sock')}`)
    expect(rootlessPodman.sources).toMatchObject([{ origin: 'podman-rootless', label: 'Podman (rootless)', wording: { id: 'engine.sourcePodmanRootless' } }])
    // The service runs as root here, and the probe says so rather than trusting the socket's place.
    expect(rootlessPodman.probe, JSON.stringify(rootlessPodman.probe)).toMatchObject({ answers: true, identity: { engine: 'Podman', version: podman.podman('version', '--format', '{{.Server.Version}}'), storageDriver: 'vfs', rootless: false } })

    const secure = engineAt(discovery, `tcp://${tlsAddress}`)
    expect(secure).toMatchObject({ tls: true, sources: [{ origin: 'context', label: 'Docker context "secure"' }] })
    expect(secure.probe, JSON.stringify(secure.probe)).toMatchObject({ answers: true, identity: { engine: 'Docker', version: tlsDocker('version', '--format', '{{.Server.Version}}') } })

    expect(engineAt(discovery, `unix://${join(scratch, 'plain-file')}`).probe).toMatchObject({ answers: false, failure: { code: 'NOT_A_SOCKET' } })
    const gone = engineAt(discovery, `unix://${join(scratch, 'absent.sock')}`).probe
    expect(gone).toMatchObject({ answers: false, failure: { code: 'NO_SOCKET' } })
    if (!gone.answers) expect(gone.failure.message).toContain(join(scratch, 'absent.sock'))
    expect(discovery.problems).toEqual([])
  })

  it('reaches the dockerd behind --tlsverify with the right CA and client certificate, and reports a TLS error without them', async () => {
    const host = `tcp://${tlsAddress}`
    const withCa = await discoverEngines(environment({ DOCKER_HOST: host, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs.clientDir }), { timeoutMs: 1500 })
    expect(dockerHostEngine(withCa), JSON.stringify(dockerHostEngine(withCa).probe)).toMatchObject({ dockerCliChoice: true, tls: true, probe: { answers: true, identity: { engine: 'Docker' } } })

    const cases: [string, Record<string, string>, RegExp][] = [
      ['no CA: the server certificate cannot be verified', { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs.clientDirWithoutCa }, /certificate/i],
      ['no client certificate: the daemon refuses the handshake', { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: join(scratch, 'tls', 'ca-only') }, /TLS|certificate|alert|handshake/i],
      ['plain HTTP to the TLS port', {}, /expects TLS/],
    ]
    mkdirSync(join(scratch, 'tls', 'ca-only'), { recursive: true })
    copyFileSync(certs.ca, join(scratch, 'tls', 'ca-only', 'ca.pem'))
    for (const [name, env, message] of cases) {
      const discovery = await discoverEngines(environment({ DOCKER_HOST: host, ...env }), { timeoutMs: 1500 })
      const probe = dockerHostEngine(discovery).probe
      expect(probe.answers, name).toBe(false)
      if (probe.answers) continue
      expect(probe.failure.code, `${name}: ${probe.failure.message}`).toBe('TLS_ERROR')
      expect(probe.failure.message, name).toMatch(message)
    }
  })

  it('reports permission denied, with the docker group remedy, to a user who may not open the socket', async () => {
    if (spawnSync('id', ['-u', PROBE_USER]).status !== 0) {
      const made = spawnSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', PROBE_USER], { encoding: 'utf8' })
      if (made.status !== 0) throw new Error(`useradd failed: ${made.stderr}`)
    }
    const locked = `unix://${join(scratch, 'locked', 'engine.sock')}`
    // Root may open it: the socket works, only the user lacks the right.
    const asRoot = await discoverEngines(environment({ DOCKER_HOST: locked }), { timeoutMs: 1500 })
    expect(engineAt(asRoot, locked).probe.answers).toBe(true)

    const userHome = join(scratch, 'probe-home')
    mkdirSync(userHome, { mode: 0o755 })
    const command = ['-u', PROBE_USER, '--', 'env', `HOME=${userHome}`, `DOCKER_HOST=${locked}`, 'DOCKER_CONTEXT=', `XDG_RUNTIME_DIR=${join(userHome, 'run')}`, process.execPath, resolve('bin/strata.js'), 'engines', '--json', '--host', inject('dockerHost')]
    const ran = await exec('runuser', command).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: unknown) => error as { code: number; stdout: string },
    )
    const discovery = JSON.parse(ran.stdout) as EngineDiscovery
    const denied = engineAt(discovery, locked)
    expect(denied.probe).toMatchObject({ answers: false, failure: { code: 'PERMISSION_DENIED' } })
    if (!denied.probe.answers) {
      expect(denied.probe.failure.message).toContain(join(scratch, 'locked', 'engine.sock'))
      expect(denied.probe.failure.hint).toContain('sudo usermod -aG docker $USER')
      expect(denied.probe.failure.hint).toMatch(/log out and in again/)
    }
    // The run's own dockerd sits in a folder only root may enter: denied too, and marked as the engine chosen with --host.
    expect(engineAt(discovery, inject('dockerHost'))).toMatchObject({ inUse: true, probe: { answers: false, failure: { code: 'PERMISSION_DENIED' } } })
    // Nothing answers that user here: the command says so with its exit code.
    expect(ran.code).toBe(1)
  })
})

describe('engines.discover through the contract and the command line', () => {
  it("answers through a core without opening the core's session, and refuses malformed input", async () => {
    const core = privateCore()
    try {
      const discovery = await callOk(core, 'engines.discover', { timeoutMs: 1500 })
      expect(engineAt(discovery, inject('dockerHost'))).toMatchObject({ inUse: true, probe: { answers: true, identity: { engine: 'Docker' } } })
      expect(discovery.timeoutMs).toBe(1500)
      expect(core.session.state.state).toBe('connecting')
      for (const input of [{ timeoutMs: 'soon' }, { timeoutMs: 5 }, { timeoutMs: 1e9 }, { extra: true }, [], 'engines']) {
        const outcome = await core.call('engines.discover', input)
        expect(outcome.ok, JSON.stringify(input)).toBe(false)
        if (!outcome.ok) expect(outcome.error.code).toBe('INVALID_INPUT')
      }
    } finally {
      await core.close()
    }
  })

  it('strata engines prints each candidate, whether it answers and why not; --json gives the contract data', async () => {
    const env = { HOME: home, DOCKER_CONFIG: configDir, XDG_RUNTIME_DIR: runtimeDir, DOCKER_HOST: inject('dockerHost') }
    const version = (await dockerCli('version', '--format', '{{.Server.Version}}')).trim()
    const text = await runStrata(['engines'], env)
    expect(text.code).toBe(0)
    expect(text.stdout).toContain(`${inject('dockerHost')} [the docker CLI's choice]\n  from: DOCKER_HOST\n  answers: Docker ${version}, API `)
    expect(text.stdout).toContain(`from: Docker context "gone"\n  no socket: No socket at ${join(scratch, 'absent.sock')}`)
    expect(text.stdout).toMatch(/\n\d+ of \d+ answer\.\n$/)

    const json = await runStrata(['engines', '--json'], env)
    expect(json.code).toBe(0)
    const discovery = JSON.parse(json.stdout) as EngineDiscovery
    // As root, rootless sockets are not looked for: the Colima link leads to the private dockerd.
    expect(engineAt(discovery, `unix://${join(home, '.colima', 'default', 'docker.sock')}`).probe).toMatchObject({ answers: true, identity: { engine: 'Docker', version } })
    expect(discovery.engines.some((engine) => engine.url.includes(runtimeDir))).toBe(false)

    const misuse = await runStrata(['engines', 'extra'], env)
    expect(misuse.code).toBe(2)
    expect(misuse.stderr).toContain('engines takes no argument')
    expect((await runStrata(['engines', '--force'], env)).code).toBe(2)
  })
})

describe('a tcp engine with TLS files of its own (Add remote engine, saved engines)', () => {
  const client = (file: string): string => join(certs.clientDir, file)
  const full = (): Record<string, unknown> => ({ ca: certs.ca, cert: client('cert.pem'), key: client('key.pem'), verify: true })

  it('engines.probe asks the TLS dockerd with the given files and switches nothing; without a CA or a client certificate it says TLS', async () => {
    const core = privateCore()
    try {
      const host = `tcp://${tlsAddress}`
      const answered = await callOk(core, 'engines.probe', { host, tls: full() })
      expect(answered).toMatchObject({ url: host, kind: 'tcp', tls: true, probe: { answers: true, identity: { engine: 'Docker', version: tlsDocker('version', '--format', '{{.Server.Version}}') } } })
      // Not verifying the server still sends the client certificate, which this daemon demands.
      const unverified = await callOk(core, 'engines.probe', { host, tls: { ca: null, cert: client('cert.pem'), key: client('key.pem'), verify: false } })
      expect(unverified.probe.answers, JSON.stringify(unverified.probe)).toBe(true)
      for (const [name, tls] of [
        ['no CA while verifying', { ca: null, cert: client('cert.pem'), key: client('key.pem'), verify: true }],
        ['no client certificate', { ca: certs.ca, cert: null, key: null, verify: true }],
      ] as const) {
        const refused = await callOk(core, 'engines.probe', { host, tls })
        expect(refused.probe, name).toMatchObject({ answers: false, failure: { code: 'TLS_ERROR' } })
      }
      expect(core.session.endpoint.url).toBe(inject('dockerHost'))
      const missing = await core.call('engines.probe', { host, tls: { ...full(), ca: join(scratch, 'tls', 'absent.pem') } })
      expect(missing).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: `The CA certificate ${join(scratch, 'tls', 'absent.pem')} cannot be read: there is no such file.` } })
      const notTcp = await core.call('engines.probe', { host: inject('dockerHost'), tls: full() })
      expect(notTcp).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('TLS files apply to tcp:// engines only') as unknown } })
      const halfPair = await core.call('engines.probe', { host, tls: { ...full(), key: null } })
      expect(halfPair).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('a client certificate and its key go together') as unknown } })
    } finally {
      await core.close()
    }
  })

  it('engines.use opens the TLS dockerd with its files, saves them with the default, and serve-like start and --engine open it again', async () => {
    const settingsDir = join(scratch, 'settings-tls')
    const core = createStrataCore({ host: inject('dockerHost'), configDir: settingsDir })
    const tls = { ...full(), verify: false, ca: null }
    try {
      const switched = await callOk(core, 'engines.use', { host: `tcp://${tlsAddress}`, save: true, tls })
      expect(switched.endpoint).toMatchObject({ url: `tcp://${tlsAddress}`, tls: true })
      const listed = (await callOk(core, 'images.list', {})).map((image) => image.id).sort()
      expect(listed).toEqual(tlsDocker('images', '--all', '--no-trunc', '--format', '{{.ID}}').split('\n').filter((line) => line !== '').sort())
      expect(await callOk(core, 'settings.get', {})).toMatchObject({ defaultEngineHost: `tcp://${tlsAddress}`, defaultEngineTls: tls })
      await callOk(core, 'settings.saveEngine', { name: 'secure lab', host: `tcp://${tlsAddress}`, tls: full() })
    } finally {
      await core.close()
    }
    // What the app and strata serve do at start: the saved default with its files.
    const saved = savedEngineTarget(settingsDir)
    expect(saved).toEqual({ host: `tcp://${tlsAddress}`, tls })
    const reopened = createStrataCore({ host: saved?.host ?? null, tls: saved?.tls ?? null })
    try {
      expect((await callOk(reopened, 'engine.info', {})).endpoint.url).toBe(`tcp://${tlsAddress}`)
    } finally {
      await reopened.close()
    }
    // The command line's --engine NAME carries the saved engine's TLS files.
    const ran = await runStrata(['engine', '--json', '--engine', 'secure lab'], { XDG_CONFIG_HOME: join(scratch, 'xdg'), HOME: home })
    expect(ran.stderr).toContain('no engine named "secure lab" is saved')
    mkdirSync(join(scratch, 'xdg'), { recursive: true })
    symlinkSync(settingsDir, join(scratch, 'xdg', 'strata'))
    const viaName = await runStrata(['engine', '--json', '--engine', 'secure lab'], { XDG_CONFIG_HOME: join(scratch, 'xdg'), HOME: home })
    expect(viaName.code, viaName.stderr).toBe(0)
    expect(JSON.parse(viaName.stdout)).toMatchObject({ endpoint: { url: `tcp://${tlsAddress}`, tls: true } })
  })
})
