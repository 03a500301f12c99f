import { createHash, createHmac, randomBytes } from 'node:crypto'
import { matchesPattern } from './ssh-config'

/**
 * known_hosts as sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT" describes it: an optional
 * marker (@cert-authority, @revoked), comma-separated host patterns (plain, with
 * * ? and ! negation, `[host]:port` for ports other than 22, or hashed as
 * `|1|base64 salt|base64 HMAC-SHA1(salt, name)`), the key type, the base64 key.
 */

export interface KnownHostLine {
  file: string
  line: number
  marker: 'cert-authority' | 'revoked' | null
  hosts: string
  keyType: string
  key: Buffer
}

export type HostKeyVerdict =
  | { kind: 'known'; entry: KnownHostLine }
  /** The host is listed, with another key of the same type: someone may be in the middle. */
  | { kind: 'changed'; entries: KnownHostLine[] }
  /** This very key is marked @revoked. */
  | { kind: 'revoked'; entry: KnownHostLine }
  | { kind: 'unknown'; otherTypes: string[] }

export function parseKnownHosts(text: string, file: string): KnownHostLine[] {
  const entries: KnownHostLine[] = []
  text.split(/\r?\n/).forEach((raw, index) => {
    const words = raw.trim().split(/\s+/)
    const first = words[0] ?? ''
    if (first === '' || first.startsWith('#')) return
    let marker: KnownHostLine['marker'] = null
    if (first.startsWith('@')) {
      if (first === '@cert-authority') marker = 'cert-authority'
      else if (first === '@revoked') marker = 'revoked'
      else return
    }
    const fields = marker === null ? words : words.slice(1)
    const hosts = fields[0]
    const keyType = fields[1]
    const base64 = fields[2]
    if (hosts === undefined || keyType === undefined || base64 === undefined || !/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) return
    entries.push({ file, line: index + 1, marker, hosts, keyType, key: Buffer.from(base64, 'base64') })
  })
  return entries
}

/** How known_hosts names a host: bare for port 22, `[host]:port` otherwise. */
export function knownHostName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${String(port)}`
}

function hashedMatches(pattern: string, name: string): boolean {
  const parts = pattern.split('|')
  if (parts.length !== 4 || parts[1] !== '1' || parts[2] === undefined || parts[3] === undefined) return false
  const digest = createHmac('sha1', Buffer.from(parts[2], 'base64')).update(name).digest('base64')
  return digest === parts[3]
}

/** True when the line's host field names `name`: a hashed entry, or a pattern list with negations. */
export function hostsFieldMatches(hosts: string, name: string): boolean {
  if (hosts.startsWith('|')) return hashedMatches(hosts, name)
  let matched = false
  for (const pattern of hosts.split(',')) {
    if (pattern.startsWith('!')) {
      if (matchesPattern(name, pattern.slice(1))) return false
    } else if (matchesPattern(name, pattern)) {
      matched = true
    }
  }
  return matched
}

/** The key type written inside an ssh public key blob (its first string). */
export function keyTypeOf(blob: Buffer): string {
  if (blob.length < 4) return ''
  const length = blob.readUInt32BE(0)
  return blob.subarray(4, 4 + length).toString('latin1')
}

/** As `ssh-keygen -lf` prints it: SHA256 of the key blob, base64 without padding. */
export function fingerprintOf(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`
}

/**
 * Checks the key a server presented against every known_hosts line. ssh(1)'s
 * rules: a @revoked key is refused outright; a line with this host and this key
 * makes it known; a line with this host, the same key type and another key
 * means it changed. Lines for other key types do not vouch for this one.
 * @cert-authority lines vouch for host certificates, which Strata does not
 * negotiate, so they are not taken as knowing a plain key.
 */
export function verifyHostKey(entries: KnownHostLine[], host: string, port: number, blob: Buffer): HostKeyVerdict {
  const name = knownHostName(host, port)
  const revoked = entries.find((entry) => entry.marker === 'revoked' && entry.key.equals(blob))
  if (revoked !== undefined) return { kind: 'revoked', entry: revoked }
  const type = keyTypeOf(blob)
  const forHost = entries.filter((entry) => entry.marker === null && hostsFieldMatches(entry.hosts, name))
  const same = forHost.find((entry) => entry.key.equals(blob))
  if (same !== undefined) return { kind: 'known', entry: same }
  const changed = forHost.filter((entry) => entry.keyType === type)
  if (changed.length > 0) return { kind: 'changed', entries: changed }
  return { kind: 'unknown', otherTypes: [...new Set(forHost.map((entry) => entry.keyType))] }
}

/** The key types known_hosts holds for a host, to offer them first in the key exchange as ssh(1) does. */
export function knownKeyTypes(entries: KnownHostLine[], host: string, port: number): string[] {
  const name = knownHostName(host, port)
  return [...new Set(entries.filter((entry) => entry.marker === null && hostsFieldMatches(entry.hosts, name)).map((entry) => entry.keyType))]
}

/** True when the file's host entries are hashed, so a new line should be too. */
export function usesHashedNames(entries: KnownHostLine[]): boolean {
  return entries.some((entry) => entry.hosts.startsWith('|1|'))
}

/** A known_hosts line for a key, in ssh's format; hashed with a fresh 20-byte salt when asked. */
export function knownHostsLine(host: string, port: number, blob: Buffer, hashed: boolean, salt: Buffer = randomBytes(20)): string {
  const name = knownHostName(host, port)
  const field = hashed ? `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}` : name
  return `${field} ${keyTypeOf(blob)} ${blob.toString('base64')}`
}
