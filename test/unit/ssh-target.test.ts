import { generateKeyPairSync } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { parseHost, type EndpointEnvironment } from '../../electron/core/engine/endpoint'
import { keyFileProblem, resolveSshTarget, splitSshAddress } from '../../electron/core/engine/ssh/ssh-target'
import { preferKnownHostKeyTypes, SshTransport } from '../../electron/core/engine/ssh/ssh-transport'

/** An OpenSSH-format private key file whose header names `cipher` (the rest is not read). */
function opensshKey(cipher: string): string {
  const name = Buffer.from(cipher)
  const length = Buffer.alloc(4)
  length.writeUInt32BE(name.length)
  const body = Buffer.concat([Buffer.from('openssh-key-v1\0', 'latin1'), length, name, Buffer.alloc(32)])
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${body.toString('base64')}\n-----END OPENSSH PRIVATE KEY-----\n`
}

const PLAIN_KEY = opensshKey('none')
const ENCRYPTED_KEY = opensshKey('aes256-ctr')

function environment(files: Record<string, string>, env: Record<string, string> = {}): EndpointEnvironment {
  return {
    env: { USER: 'me', ...env },
    platform: 'linux',
    homeDir: '/home/me',
    uid: 1000,
    readFile: (path) => files[path] ?? null,
    exists: (path) => path in files,
  }
}

const ssh = (url: string): ReturnType<typeof parseHost> => parseHost(url, 'explicit', null, null)

describe('keyFileProblem', () => {
  it('accepts unencrypted OpenSSH and PEM keys', () => {
    expect(keyFileProblem(PLAIN_KEY)).toBeNull()
    const pem = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'sec1', format: 'pem' }).toString()
    expect(keyFileProblem(pem)).toBeNull()
  })

  it('says an encrypted key needs its passphrase (OpenSSH, PKCS#8 and legacy PEM forms)', () => {
    expect(keyFileProblem(ENCRYPTED_KEY)).toMatch(/encrypted.*ssh-add/)
    const pkcs8 = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'x' }).toString()
    expect(keyFileProblem(pkcs8)).toMatch(/encrypted/)
    expect(keyFileProblem('-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAAA\n-----END RSA PRIVATE KEY-----\n')).toMatch(/encrypted/)
  })

  it('refuses what is not a private key', () => {
    expect(keyFileProblem('ssh-ed25519 AAAA comment')).toBe('it is not a private key file')
    expect(keyFileProblem('-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----')).toBe('it is not a valid OpenSSH private key')
  })
})

describe('splitSshAddress', () => {
  it.each([
    ['ssh://box', { user: null, alias: 'box', port: null }],
    ['ssh://ops@box:2200', { user: 'ops', alias: 'box', port: 2200 }],
    ['ssh://ops@[::1]:2200', { user: 'ops', alias: '::1', port: 2200 }],
  ])('%s', (url, expected) => {
    expect(splitSshAddress(ssh(url))).toEqual(expected)
  })

  it.each(['ssh://ops@box:99999', 'ssh://a@b@c', 'ssh://box:port', 'ssh://box/path'])('refuses %s', (url) => {
    expect(() => splitSshAddress(ssh(url))).toThrow(/not an ssh address/)
  })
})

describe('resolveSshTarget', () => {
  const config = [
    'Host build',
    '  HostName 10.1.2.3',
    '  User builder',
    '  Port 2200',
    '  IdentityFile ~/.ssh/build_%r',
    '  IdentityFile ~/.ssh/missing',
    '  IdentityFile ~/.ssh/locked',
    'Host *',
    '  UserKnownHostsFile ~/.ssh/hosts_%h',
  ].join('\n')
  const files = {
    '/home/me/.ssh/config': config,
    '/home/me/.ssh/build_builder': PLAIN_KEY,
    '/home/me/.ssh/locked': ENCRYPTED_KEY,
    '/home/me/.ssh/id_ed25519': PLAIN_KEY,
    '/home/me/.ssh/id_rsa': ENCRYPTED_KEY,
  }

  it('takes host name, user, port and keys from the config, after the agent, and says which keys it skipped', () => {
    const target = resolveSshTarget(ssh('ssh://build'), environment({ ...files, '/run/agent.sock': '' }, { SSH_AUTH_SOCK: '/run/agent.sock' }))
    expect(target).toMatchObject({ alias: 'build', host: '10.1.2.3', port: 2200, user: 'builder', knownHostsFiles: ['/home/me/.ssh/hosts_10.1.2.3'], hashKnownHosts: null })
    expect(target.identities.map((identity) => identity.label)).toEqual(['the ssh agent', '~/.ssh/build_builder'])
    expect(target.skipped).toEqual([
      { label: '~/.ssh/missing', reason: 'the file does not exist or cannot be read' },
      { label: '~/.ssh/locked', reason: expect.stringMatching(/encrypted/) as unknown },
    ])
  })

  it('lets the address override the config user and port, as ssh -p and user@ do', () => {
    expect(resolveSshTarget(ssh('ssh://root@build:22'), environment(files))).toMatchObject({ host: '10.1.2.3', user: 'root', port: 22 })
  })

  it('falls back to the local user, port 22, the default key files and ~/.ssh/known_hosts', () => {
    const target = resolveSshTarget(ssh('ssh://other'), environment({ ...files, '/home/me/.ssh/config': '' }))
    expect(target).toMatchObject({ host: 'other', user: 'me', port: 22, knownHostsFiles: ['/home/me/.ssh/known_hosts', '/home/me/.ssh/known_hosts2'] })
    // No agent (SSH_AUTH_SOCK unset); id_ecdsa is missing and passed over in silence, as ssh does for default files.
    expect(target.identities.map((identity) => identity.label)).toEqual(['~/.ssh/id_ed25519'])
    expect(target.skipped.map((entry) => entry.label)).toEqual(['~/.ssh/id_rsa'])
  })

  it('follows IdentityAgent: none turns the agent off, a path replaces SSH_AUTH_SOCK', () => {
    const off = resolveSshTarget(ssh('ssh://x'), environment({ '/home/me/.ssh/config': 'IdentityAgent none' }, { SSH_AUTH_SOCK: '/run/a' }))
    expect(off.identities).toEqual([])
    const path = resolveSshTarget(ssh('ssh://x'), environment({ '/home/me/.ssh/config': 'IdentityAgent ~/agent.sock', '/home/me/agent.sock': '' }, { SSH_AUTH_SOCK: '/run/a' }))
    expect(path.identities).toEqual([{ kind: 'agent', label: 'the ssh agent', socket: '/home/me/agent.sock' }])
  })

  it('passes over an agent whose socket is gone (ssh2 would end the connection there) and says so', () => {
    const target = resolveSshTarget(ssh('ssh://x'), environment({ '/home/me/.ssh/id_ed25519': PLAIN_KEY }, { SSH_AUTH_SOCK: '/tmp/ssh-gone/agent.1' }))
    expect(target.identities.map((identity) => identity.label)).toEqual(['~/.ssh/id_ed25519'])
    expect(target.skipped).toEqual([{ label: 'the ssh agent', reason: 'its socket /tmp/ssh-gone/agent.1 does not exist' }])
  })
})

describe('SshTransport', () => {
  const files = { '/home/me/.ssh/id_ed25519': PLAIN_KEY, '/home/me/.ssh/id_ecdsa': PLAIN_KEY, '/run/agent': '' }
  type Next = (auth: unknown) => void
  type AuthHandler = (methods: string[] | null, partial: boolean | null, next: Next) => void

  function authHandlerOf(transport: SshTransport): AuthHandler {
    const options = transport.dockerOptions() as { sshOptions?: { authHandler?: unknown } }
    return options.sshOptions?.authHandler as AuthHandler
  }

  it('offers each key once per connection, each connection from the start, and explains the refusal after the last', () => {
    const transport = new SshTransport(ssh('ssh://ops@box:2200'), environment(files, { SSH_AUTH_SOCK: '/run/agent' }))
    const handler = authHandlerOf(transport)
    const offered: unknown[] = []
    // ssh2 makes a new `next` for every connection; docker-modem opens one per request.
    const connection = (): Next => (auth) => offered.push(auth)
    const first = connection()
    const second = connection()
    handler(null, null, first)
    handler(['publickey'], false, second)
    handler(['publickey'], false, first)
    handler(['publickey'], false, first)
    handler(['publickey'], false, first)
    expect(offered).toEqual([
      { type: 'agent', username: 'ops', agent: '/run/agent' },
      { type: 'agent', username: 'ops', agent: '/run/agent' },
      { type: 'publickey', username: 'ops', key: PLAIN_KEY },
      { type: 'publickey', username: 'ops', key: PLAIN_KEY },
      false,
    ])
    const error = transport.explain(Object.assign(new Error('All configured authentication methods failed'), { level: 'client-authentication' }))
    expect(error?.message).toBe('Cannot log in to ssh://ops@box:2200 as ops: the server refused every key: tried the ssh agent, ~/.ssh/id_ed25519, ~/.ssh/id_ecdsa.')
    expect(error?.detail.cause).toBe('ssh-auth')
    // Other failures keep their own mapping.
    expect(transport.explain(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBeNull()
  })

  it('with nothing to offer, says so', () => {
    const transport = new SshTransport(ssh('ssh://box'), environment({}))
    const results: unknown[] = []
    authHandlerOf(transport)(null, null, (auth) => results.push(auth))
    expect(results).toEqual([false])
    expect(transport.explain({ level: 'client-authentication' })?.message).toMatch(/had no key to offer/)
  })

  it('checks host keys against known_hosts on every connection and keeps the unknown one for trust', () => {
    const key = 'AAAAC3NzaC1lZDI1NTE5AAAAIIl7q3ke2yNl1IAvH/M1WcS9oMKSe/u1lDZa9rzGUNCE'
    const other = 'AAAAC3NzaC1lZDI1NTE5AAAAIGD6kzNbFWvAJZ5XyxP7cH1vtSVx9O6+qQFtso+hxDD+'
    const knownHosts: Record<string, string> = { '/home/me/.ssh/known_hosts': `[box]:2200 ssh-ed25519 ${key}\n` }
    const transport = new SshTransport(ssh('ssh://box:2200'), environment(knownHosts))
    const verify = (transport.dockerOptions() as { sshOptions: { hostVerifier: (blob: Buffer) => boolean } }).sshOptions.hostVerifier
    const handshake = { level: 'handshake', message: 'Host denied (verification failed)' }
    expect(verify(Buffer.from(key, 'base64'))).toBe(true)
    expect(verify(Buffer.from(other, 'base64'))).toBe(false)
    expect(transport.explain(handshake)?.code).toBe('HOST_KEY_CHANGED')
    expect(transport.explain(handshake)?.message).toContain('~/.ssh/known_hosts:1')
    expect(transport.presentedFingerprint).toBeNull()
    // The file is read on each check: an emptied file makes the same key unknown at once.
    knownHosts['/home/me/.ssh/known_hosts'] = ''
    expect(verify(Buffer.from(key, 'base64'))).toBe(false)
    expect(transport.explain(handshake)?.code).toBe('HOST_KEY_UNKNOWN')
    expect(transport.presentedFingerprint).toBe('SHA256:86QaqaqxZwgRW8IHeuMrMD7gY+vETQsh+Qs7EZhQcBw')
  })

  it('refuses to trust a fingerprint no attempt presented', () => {
    const transport = new SshTransport(ssh('ssh://box'), environment({}))
    expect(transport.presentedFingerprint).toBeNull()
    expect(() => transport.trust(`SHA256:${'A'.repeat(43)}`)).toThrow(/not the host key ssh:\/\/box presented on the last attempt/)
  })
})

describe('preferKnownHostKeyTypes', () => {
  it('moves the known types to the front (an RSA key by all three of its algorithms), removing them first', () => {
    const operations = preferKnownHostKeyTypes(['ecdsa-sha2-nistp256', 'ssh-rsa']) as unknown as { remove: string[]; prepend: RegExp[] }
    expect(Object.keys(operations)).toEqual(['remove', 'prepend', 'append'])
    expect(operations.remove).toEqual(['ecdsa-sha2-nistp256', 'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'])
    expect(operations.prepend.map((pattern) => pattern.test('ecdsa-sha2-nistp256'))).toEqual([true, false, false, false])
    expect(operations.prepend[0]?.test('ecdsa-sha2-nistp2567')).toBe(false)
  })
})
