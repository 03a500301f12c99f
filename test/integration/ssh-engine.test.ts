import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createStrataCore, type StrataCore } from '../../electron/core/api/core'
import type { EndpointEnvironment } from '../../electron/core/engine/endpoint'
import type { ImageSummary } from '../../shared/types'
import { callError, callOk, privateDocker } from '../support/engine'
import { runStrata } from '../support/strata-cli'
import { generateKey, startSshAgent, startTestSshd, type TestSshServer } from '../support/sshd'

/**
 * ssh:// for real: an OpenSSH server on 127.0.0.1 whose test user's
 * `docker system dial-stdio` reaches the private daemon. Each case gets a fresh
 * home folder (.ssh/config, keys, known_hosts), never root's own ~/.ssh, and no
 * ssh agent: the keys Strata offers are exactly the files the case wrote.
 */

let sshd: TestSshServer
const homes: string[] = []
const cores: StrataCore[] = []
let userKey: { privateKey: string; publicKey: string }
let keyFolder = ''

beforeAll(async () => {
  sshd = await startTestSshd(inject('dockerSocket'))
  keyFolder = mkdtempSync(join(tmpdir(), 'strata-ssh-keys-'))
  userKey = generateKey(join(keyFolder, 'user_ed25519'))
  sshd.authorize([userKey.publicKey])
})

afterAll(async () => {
  await Promise.all(cores.map((core) => core.close()))
  await sshd.stop()
  for (const home of homes) rmSync(home, { recursive: true, force: true })
  rmSync(keyFolder, { recursive: true, force: true })
})

/** A home folder holding `files` (paths relative to it); private keys get mode 600 as ssh expects. */
function homeWith(files: Record<string, string>): string {
  const home = mkdtempSync(join(tmpdir(), 'strata-ssh-home-'))
  homes.push(home)
  mkdirSync(join(home, '.ssh'), { mode: 0o700 })
  for (const [path, text] of Object.entries(files)) writeFileSync(join(home, path), text, { mode: 0o600 })
  return home
}

function environmentFor(home: string, agentSocket?: string): EndpointEnvironment {
  return {
    // No SSH_AUTH_SOCK unless the case starts its own agent: the machine's agent (if any) must not decide a case.
    env: { USER: 'root', PATH: process.env.PATH, ...(agentSocket === undefined ? {} : { SSH_AUTH_SOCK: agentSocket }) },
    platform: 'linux',
    homeDir: home,
    uid: 0,
    readFile: (path) => (existsSync(path) ? readFileSync(path, 'utf8') : null),
    exists: existsSync,
  }
}

function coreFor(host: string, home: string, agentSocket?: string): StrataCore {
  const core = createStrataCore({ host, environment: environmentFor(home, agentSocket), cacheDir: null, configDir: null })
  cores.push(core)
  return core
}

const knownLine = (): string => `[127.0.0.1]:${String(sshd.port)} ${sshd.hostPublicKey.split(' ').slice(0, 2).join(' ')}\n`
/** "type base64" of a key no server here has, for lines about other hosts. */
const otherHostKey = (): string => generateKey(join(keyFolder, 'other_host_ed25519')).publicKey.split(' ').slice(0, 2).join(' ')
const directHost = (): string => `ssh://${sshd.user}@127.0.0.1:${String(sshd.port)}`

async function privateImageIds(): Promise<string[]> {
  return (await privateDocker().listImages()).map((image) => image.Id).sort()
}

function idsOf(images: ImageSummary[]): string[] {
  return images.map((image) => image.id).sort()
}

describe('ssh:// engines', () => {
  it('lists the images through a known host, with user, port, host name and key from ~/.ssh/config', async () => {
    const home = homeWith({
      '.ssh/config': [
        '# the alias the ssh:// address uses',
        'Host strata-*-box !strata-other-box',
        '  HostName 127.0.0.1',
        `  Port ${String(sshd.port)}`,
        `  User ${sshd.user}`,
        '  IdentityFile ~/.ssh/keys/%r_key',
        'Host *',
        '  User nobody-else',
        '  Port 1',
        '',
      ].join('\n'),
      '.ssh/known_hosts': knownLine(),
    })
    mkdirSync(join(home, '.ssh', 'keys'), { mode: 0o700 })
    writeFileSync(join(home, '.ssh', 'keys', `${sshd.user}_key`), userKey.privateKey, { mode: 0o600 })
    const images = await callOk(coreFor('ssh://strata-test-box', home), 'images.list', {})
    expect(idsOf(images)).toEqual(await privateImageIds())
    expect(images.length).toBeGreaterThan(0)
  })

  it('uses the default key file when the config names none, past an agent socket that is gone', async () => {
    const home = homeWith({ '.ssh/id_ed25519': userKey.privateKey, '.ssh/known_hosts': knownLine() })
    const info = await callOk(coreFor(directHost(), home, join(home, 'agent-that-exited.sock')), 'engine.info', {})
    expect(info.endpoint.url).toBe(directHost())
    expect(idsOf(await callOk(coreFor(directHost(), home), 'images.list', {}))).toEqual(await privateImageIds())
  })

  it('logs in with a key only the ssh agent holds', async () => {
    const home = homeWith({ '.ssh/known_hosts': knownLine() })
    const agent = await startSshAgent(home, [join(keyFolder, 'user_ed25519')])
    try {
      expect(idsOf(await callOk(coreFor(directHost(), home, agent.socket), 'images.list', {}))).toEqual(await privateImageIds())
    } finally {
      agent.stop()
    }
  })

  it('asks the server for the key type known_hosts holds, as ssh does (its ECDSA key, not the ed25519 one)', async () => {
    const ecdsaLine = `[127.0.0.1]:${String(sshd.port)} ${sshd.hostEcdsaPublicKey.split(' ').slice(0, 2).join(' ')}\n`
    const home = homeWith({ '.ssh/id_ed25519': userKey.privateKey, '.ssh/known_hosts': ecdsaLine })
    expect(idsOf(await callOk(coreFor(directHost(), home), 'images.list', {}))).toEqual(await privateImageIds())
  })

  it('refuses an unknown host with its fingerprint, adds it only when that fingerprint is accepted, then connects', async () => {
    // An entry for another host, hashed by ssh-keygen -H: the file's style, which the added line must follow.
    const home = homeWith({ '.ssh/id_ed25519': userKey.privateKey, '.ssh/known_hosts': `example.org ${otherHostKey()}\n` })
    const hashed = spawnSync('ssh-keygen', ['-H', '-f', join(home, '.ssh', 'known_hosts')])
    expect(hashed.status).toBe(0)
    const otherHost = readFileSync(join(home, '.ssh', 'known_hosts'), 'utf8')
    expect(otherHost).toMatch(/^\|1\|/)
    const core = coreFor(directHost(), home)
    const refused = await callError(core, 'images.list', {})
    expect(refused.code).toBe('HOST_KEY_UNKNOWN')
    expect(refused.detail.fingerprint).toBe(sshd.hostFingerprint)
    expect(refused.message).toContain(sshd.hostFingerprint)
    expect(refused.detail.host).toBe(`[127.0.0.1]:${String(sshd.port)}`)

    // Neither another fingerprint nor another endpoint gets a line in.
    const wrongFingerprint = await callError(core, 'engines.trustHostKey', { endpoint: directHost(), fingerprint: `SHA256:${'B'.repeat(43)}` })
    expect(wrongFingerprint.code).toBe('CONFLICT')
    const otherEndpoint = await callError(core, 'engines.trustHostKey', { endpoint: 'ssh://root@127.0.0.1:22', fingerprint: sshd.hostFingerprint })
    expect(otherEndpoint.code).toBe('INVALID_INPUT')
    expect(readFileSync(join(home, '.ssh', 'known_hosts'), 'utf8')).toBe(otherHost)

    const trusted = await callOk(core, 'engines.trustHostKey', { endpoint: directHost(), fingerprint: sshd.hostFingerprint })
    expect(trusted).toMatchObject({ fingerprint: sshd.hostFingerprint, keyType: 'ssh-ed25519', knownHostsFile: '~/.ssh/known_hosts' })
    const lines = readFileSync(join(home, '.ssh', 'known_hosts'), 'utf8').trim().split('\n')
    expect(lines).toHaveLength(2)
    expect(lines[1]).toMatch(/^\|1\|/)
    // OpenSSH itself finds the host in the file Strata wrote, with the host's key.
    const found = spawnSync('ssh-keygen', ['-F', `[127.0.0.1]:${String(sshd.port)}`, '-f', join(home, '.ssh', 'known_hosts')], { encoding: 'utf8' })
    expect(found.status).toBe(0)
    expect(found.stdout).toContain(sshd.hostPublicKey.split(' ')[1])

    expect(idsOf(await callOk(core, 'images.list', {}))).toEqual(await privateImageIds())
    // Accepted once: the same fingerprint cannot be replayed to add a second line.
    expect((await callError(core, 'engines.trustHostKey', { endpoint: directHost(), fingerprint: sshd.hostFingerprint })).code).toBe('CONFLICT')
  })

  it('engines.probe tests an ssh engine without switching: an unknown host key is refused, may then be trusted, and the test answers', async () => {
    const home = homeWith({ '.ssh/id_ed25519': userKey.privateKey })
    const core = coreFor(inject('dockerHost'), home)
    const refused = await callError(core, 'engines.probe', { host: directHost() })
    expect(refused).toMatchObject({ code: 'HOST_KEY_UNKNOWN', detail: { endpoint: directHost(), fingerprint: sshd.hostFingerprint } })
    // A key only a test saw is trusted for the tested address alone, and only with the fingerprint it presented.
    expect((await callError(core, 'engines.trustHostKey', { endpoint: directHost(), fingerprint: `SHA256:${'C'.repeat(43)}` })).code).toBe('CONFLICT')
    await callOk(core, 'engines.trustHostKey', { endpoint: directHost(), fingerprint: sshd.hostFingerprint })
    const answered = await callOk(core, 'engines.probe', { host: directHost() })
    expect(answered).toMatchObject({ url: directHost(), kind: 'ssh', tls: false, probe: { answers: true, identity: { engine: 'Docker', version: (await privateDocker().version()).Version } } })
    expect(core.session.endpoint.url).toBe(inject('dockerHost'))
    // A wrong user is a failure of the test, with the reason, not an error of the call.
    const wrongUser = await callOk(core, 'engines.probe', { host: `ssh://nobody-here@127.0.0.1:${String(sshd.port)}` })
    expect(wrongUser.probe).toMatchObject({ answers: false, failure: { code: 'PERMISSION_DENIED' } })
  })

  it('adds a plain line to a known_hosts file with plain entries', async () => {
    const home = homeWith({ '.ssh/id_ed25519': userKey.privateKey, '.ssh/known_hosts': `example.org ${otherHostKey()}` })
    const core = coreFor(directHost(), home)
    expect((await callError(core, 'engine.info', {})).code).toBe('HOST_KEY_UNKNOWN')
    await callOk(core, 'engines.trustHostKey', { endpoint: directHost(), fingerprint: sshd.hostFingerprint })
    const lines = readFileSync(join(home, '.ssh', 'known_hosts'), 'utf8').split('\n')
    expect(lines[1]).toBe(knownLine().trim())
    expect(idsOf(await callOk(core, 'images.list', {}))).toEqual(await privateImageIds())
  })

  it('refuses a host whose key changed, names the known_hosts line, and offers no way to accept it', async () => {
    const impostor = generateKey(join(keyFolder, 'impostor_ed25519'))
    const stale = `# old key\n[127.0.0.1]:${String(sshd.port)} ${impostor.publicKey.split(' ').slice(0, 2).join(' ')}\n`
    const home = homeWith({ '.ssh/id_ed25519': userKey.privateKey, '.ssh/known_hosts': stale })
    const core = coreFor(directHost(), home)
    const refused = await callError(core, 'images.list', {})
    expect(refused.code).toBe('HOST_KEY_CHANGED')
    expect(refused.message).toContain('~/.ssh/known_hosts:2')
    expect(refused.detail.fingerprint).toBe(sshd.hostFingerprint)
    expect((await callError(core, 'engines.trustHostKey', { endpoint: directHost(), fingerprint: sshd.hostFingerprint })).code).toBe('CONFLICT')
    expect(readFileSync(join(home, '.ssh', 'known_hosts'), 'utf8')).toBe(stale)
  })

  it('works from the built strata command, which finds ~/.ssh through HOME, and explains an unknown host in one line', async () => {
    const home = homeWith({ '.ssh/id_ed25519': userKey.privateKey, '.ssh/known_hosts': knownLine() })
    const env = { HOME: home, SSH_AUTH_SOCK: '', XDG_CACHE_HOME: join(home, '.cache'), XDG_CONFIG_HOME: join(home, '.config') }
    const listed = await runStrata(['images', '--json', `--host=${directHost()}`], env)
    // docker-modem builds a nonsense URL for ssh hosts (url.format of an ssh: URL), which Node flags as DEP0170; the request itself is right.
    expect(listed.stderr.replace(/\(node:\d+\) \[DEP0170\].*\n(\(Use .*\n)?/g, '')).toBe('')
    expect(listed.code).toBe(0)
    const ids = (JSON.parse(listed.stdout) as { id: string }[]).map((image) => image.id).sort()
    expect(ids).toEqual(await privateImageIds())
    writeFileSync(join(home, '.ssh', 'known_hosts'), '')
    const refused = await runStrata(['images', `--host=${directHost()}`], env)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain(sshd.hostFingerprint)
  })

  it('says which keys the server refused and which were skipped', async () => {
    const home = homeWith({ '.ssh/known_hosts': knownLine() })
    const stranger = generateKey(join(home, '.ssh', 'id_ed25519'))
    generateKey(join(home, '.ssh', 'id_ecdsa'), 'ecdsa', 'a passphrase Strata does not know')
    expect(stranger.publicKey).not.toBe(userKey.publicKey)
    const refused = await callError(coreFor(directHost(), home), 'images.list', {})
    expect(refused.code).toBe('ENGINE_UNREACHABLE')
    expect(refused.detail.cause).toBe('ssh-auth')
    expect(refused.message).toContain(`Cannot log in to ${directHost()} as ${sshd.user}: the server refused every key: tried ~/.ssh/id_ed25519.`)
    expect(refused.message).toContain('Skipped ~/.ssh/id_ecdsa: it is encrypted')
  })
})
