import { join } from 'node:path'
import { failure } from '../../../../shared/errors'
import { problem } from '../../../../shared/problems'
import type { Endpoint, EndpointEnvironment } from '../endpoint'
import { expandSshPath, parseSshConfig, settingsForHost, type SshTokens } from './ssh-config'

/** One way to prove who we are, in the order they are offered to the server. */
export type SshIdentity =
  | { kind: 'agent'; label: string; socket: string }
  | { kind: 'file'; label: string; path: string; key: string }

/** Where, as whom and with which keys an ssh:// endpoint connects, as ssh(1) would. */
export interface SshTarget {
  /** The host as written in the address; ~/.ssh/config's Host patterns match this. */
  alias: string
  /** The host name to connect to (HostName, or the alias). */
  host: string
  port: number
  user: string
  identities: SshIdentity[]
  /** Keys that exist but cannot be used, with why: said in the error when the server refuses the rest. */
  skipped: { label: string; reason: string }[]
  /** known_hosts files, read in order; a trusted key is added to the first. */
  knownHostsFiles: string[]
  /** HashKnownHosts from the config, for a known_hosts file that has no entry yet to copy the style of. */
  hashKnownHosts: boolean | null
}

/** Tried, in this order, when the config names no IdentityFile (ssh(1)'s list without DSA and hardware keys). */
export const DEFAULT_KEY_FILES = ['id_ed25519', 'id_ecdsa', 'id_rsa']

const ADDRESS = /^(?:([^@/]+)@)?(\[[^\]/]+\]|[^:@/[\]]+)(?::(\d{1,5}))?$/

export function splitSshAddress(endpoint: Endpoint): { user: string | null; alias: string; port: number | null } {
  const match = ADDRESS.exec(endpoint.address)
  const port = match?.[3] === undefined ? null : Number(match[3])
  if (match === null || match[2] === undefined || (port !== null && (port < 1 || port > 65535))) {
    throw failure('INVALID_INPUT', problem('engine.notSshAddress', { endpoint: endpoint.url }), { endpoint: endpoint.url })
  }
  return { user: match[1] ?? null, alias: match[2].replace(/^\[|\]$/g, ''), port }
}

/** Shows a path under the home folder as ~/..., as ssh's own messages do. */
export function displayPath(path: string, homeDir: string): string {
  return path.startsWith(`${homeDir}/`) ? `~/${path.slice(homeDir.length + 1)}` : path
}

const ENCRYPTED_HINT = 'it is encrypted and Strata has no passphrase for it (load it into ssh-agent with ssh-add)'

/**
 * Why a key file cannot be offered, or null when it looks usable. Read here
 * rather than by ssh2 (which would skip a bad key silently), and without loading
 * ssh2, which stays deferred until a connection needs it.
 */
export function keyFileProblem(text: string): string | null {
  const openssh = /-----BEGIN OPENSSH PRIVATE KEY-----([\s\S]*?)-----END OPENSSH PRIVATE KEY-----/.exec(text)
  if (openssh !== null) {
    // openssh-key-v1: the magic, then the cipher name as an ssh string; "none" means not encrypted.
    const body = Buffer.from((openssh[1] ?? '').replace(/\s+/g, ''), 'base64')
    const magic = 'openssh-key-v1\0'
    if (body.subarray(0, magic.length).toString('latin1') !== magic || body.length < magic.length + 4) return 'it is not a valid OpenSSH private key'
    const length = body.readUInt32BE(magic.length)
    const cipher = body.subarray(magic.length + 4, magic.length + 4 + length).toString('latin1')
    return cipher === 'none' ? null : ENCRYPTED_HINT
  }
  if (/-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type:\s*4,ENCRYPTED/.test(text)) return ENCRYPTED_HINT
  if (/-----BEGIN (RSA |EC |DSA )?PRIVATE KEY-----/.test(text)) return null
  if (text.startsWith('PuTTY-User-Key-File-')) return /^Encryption:\s*none\s*$/m.test(text) ? null : ENCRYPTED_HINT
  return 'it is not a private key file'
}

/**
 * Resolves an ssh:// endpoint the way ssh(1) does: the address's user and port
 * win over ~/.ssh/config, which wins over the defaults; keys come from the agent
 * (IdentityAgent, else SSH_AUTH_SOCK), then IdentityFile lines, else the default
 * key files.
 */
export function resolveSshTarget(endpoint: Endpoint, environment: EndpointEnvironment): SshTarget {
  const address = splitSshAddress(endpoint)
  const home = environment.homeDir
  const configText = environment.readFile(join(home, '.ssh', 'config'))
  const settings = settingsForHost(parseSshConfig(configText ?? ''), address.alias)
  const localUser = environment.env.USER ?? environment.env.LOGNAME ?? (environment.uid === 0 ? 'root' : 'user')
  const user = address.user ?? settings.user ?? localUser
  const port = address.port ?? settings.port ?? 22
  const host = settings.hostName === null ? address.alias : settings.hostName.replace(/%h/g, address.alias).replace(/%%/g, '%')
  const tokens: SshTokens = { host, alias: address.alias, remoteUser: user, localUser, port, homeDir: home }

  const identities: SshIdentity[] = []
  const skipped: SshTarget['skipped'] = []
  const agentSetting = settings.identityAgent === null ? null : expandSshPath(settings.identityAgent, tokens)
  const agent = agentSetting === 'SSH_AUTH_SOCK' || agentSetting === null ? environment.env.SSH_AUTH_SOCK : agentSetting === 'none' ? undefined : agentSetting
  if (agent !== undefined && agent !== '') {
    // ssh2 ends the whole connection when the agent cannot be reached, where ssh(1) goes on with the key files.
    if (environment.exists(agent)) identities.push({ kind: 'agent', label: 'the ssh agent', socket: agent })
    else skipped.push({ label: 'the ssh agent', reason: `its socket ${agent} does not exist` })
  }

  const configured = settings.identityFiles.length > 0
  const files = configured ? settings.identityFiles.map((file) => expandSshPath(file, tokens)) : DEFAULT_KEY_FILES.map((name) => join(home, '.ssh', name))
  for (const path of files) {
    const label = displayPath(path, home)
    const text = environment.readFile(path)
    if (text === null) {
      // ssh(1) passes over missing default keys in silence, and warns about configured ones.
      if (configured) skipped.push({ label, reason: 'the file does not exist or cannot be read' })
      continue
    }
    const problem = keyFileProblem(text)
    if (problem === null) identities.push({ kind: 'file', label, path, key: text })
    else skipped.push({ label, reason: problem })
  }

  const knownHostsFiles = settings.userKnownHostsFiles.length > 0
    ? settings.userKnownHostsFiles.filter((file) => file !== 'none').map((file) => expandSshPath(file, tokens))
    : [join(home, '.ssh', 'known_hosts'), join(home, '.ssh', 'known_hosts2')]
  return { alias: address.alias, host, port, user, identities, skipped, knownHostsFiles, hashKnownHosts: settings.hashKnownHosts }
}
