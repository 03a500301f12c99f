import { describe, expect, it } from 'vitest'
import { fingerprintOf, hostsFieldMatches, keyTypeOf, knownHostName, knownHostsLine, knownKeyTypes, parseKnownHosts, usesHashedNames, verifyHostKey } from '../../electron/core/engine/ssh/known-hosts'

// Keys and hashed lines made by ssh-keygen (-t ed25519 / ecdsa, then -H on a plain file): OpenSSH's own output.
const KEY_A = 'AAAAC3NzaC1lZDI1NTE5AAAAIIl7q3ke2yNl1IAvH/M1WcS9oMKSe/u1lDZa9rzGUNCE'
const KEY_B = 'AAAAC3NzaC1lZDI1NTE5AAAAIGD6kzNbFWvAJZ5XyxP7cH1vtSVx9O6+qQFtso+hxDD+'
const KEY_ECDSA = 'AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBOcqpfobIhxALkI2lAMCYp9UxAu/LzvAqjAioKWlY+t20UP3XRFobScMVTckrYHeBV/eQYtwCTOFoJd1clJ9vBk='
/** `ssh-keygen -lf` of KEY_A. */
const FINGERPRINT_A = 'SHA256:86QaqaqxZwgRW8IHeuMrMD7gY+vETQsh+Qs7EZhQcBw'
const HASHED_EXAMPLE_ORG = `|1|yFVXq5A/ZsL5YOSc6aVS9T078xk=|bAJK///dphEd4InSCLDRRQ7iRj4= ssh-ed25519 ${KEY_A}`
const HASHED_LOCAL_2222 = `|1|MgmQw4Ol/6kzwLWjpTEk4q19WNo=|myTgulHUPo8ORFada4lqN8LjoUs= ssh-ed25519 ${KEY_A}`

const blob = (base64: string): Buffer => Buffer.from(base64, 'base64')
const verdict = (text: string, host: string, port: number, key: string): ReturnType<typeof verifyHostKey> => verifyHostKey(parseKnownHosts(text, '~/.ssh/known_hosts'), host, port, blob(key))

describe('parseKnownHosts', () => {
  it('reads markers, patterns, types and keys, and passes over comments, blanks and broken lines', () => {
    const text = [
      '# comment',
      '',
      `host1,10.0.0.1 ssh-ed25519 ${KEY_A} a comment`,
      `@revoked * ssh-ed25519 ${KEY_B}`,
      `@cert-authority *.example.org ssh-ed25519 ${KEY_B}`,
      `@unknown-marker host ssh-ed25519 ${KEY_B}`,
      'host-without-key ssh-ed25519',
      'host ssh-ed25519 not*base64',
      `  \tindented ssh-ed25519 ${KEY_A}`,
    ].join('\n')
    const entries = parseKnownHosts(text, 'kh')
    expect(entries.map((entry) => [entry.line, entry.marker, entry.hosts, entry.keyType])).toEqual([
      [3, null, 'host1,10.0.0.1', 'ssh-ed25519'],
      [4, 'revoked', '*', 'ssh-ed25519'],
      [5, 'cert-authority', '*.example.org', 'ssh-ed25519'],
      [9, null, 'indented', 'ssh-ed25519'],
    ])
    expect(entries[0]?.key.equals(blob(KEY_A))).toBe(true)
  })
})

describe('host names and fields', () => {
  it('names port 22 bare and other ports as [host]:port', () => {
    expect(knownHostName('box', 22)).toBe('box')
    expect(knownHostName('127.0.0.1', 2222)).toBe('[127.0.0.1]:2222')
  })

  it('matches hashed entries made by ssh-keygen -H, for the exact name only', () => {
    const example = HASHED_EXAMPLE_ORG.split(' ')[0] ?? ''
    const local = HASHED_LOCAL_2222.split(' ')[0] ?? ''
    expect(hostsFieldMatches(example, 'example.org')).toBe(true)
    expect(hostsFieldMatches(example, 'example.com')).toBe(false)
    expect(hostsFieldMatches(local, '[127.0.0.1]:2222')).toBe(true)
    expect(hostsFieldMatches(local, '127.0.0.1')).toBe(false)
    expect(hostsFieldMatches('|1|broken', 'example.org')).toBe(false)
    expect(hostsFieldMatches('|2|a|b', 'example.org')).toBe(false)
  })

  it('matches plain lists with wildcards and negations', () => {
    expect(hostsFieldMatches('a,b,c', 'b')).toBe(true)
    expect(hostsFieldMatches('*.example.org,!evil.example.org', 'www.example.org')).toBe(true)
    expect(hostsFieldMatches('*.example.org,!evil.example.org', 'evil.example.org')).toBe(false)
    expect(hostsFieldMatches('[127.0.0.1]:2222', '[127.0.0.1]:2222')).toBe(true)
    // [ is not a pattern character in known_hosts: the bracketed form is literal.
    expect(hostsFieldMatches('[127.0.0.1]:2222', '127.0.0.1')).toBe(false)
  })
})

describe('keys', () => {
  it('reads the type inside a key blob and prints the fingerprint as ssh-keygen -lf does', () => {
    expect(keyTypeOf(blob(KEY_A))).toBe('ssh-ed25519')
    expect(keyTypeOf(blob(KEY_ECDSA))).toBe('ecdsa-sha2-nistp256')
    expect(keyTypeOf(Buffer.alloc(2))).toBe('')
    expect(fingerprintOf(blob(KEY_A))).toBe(FINGERPRINT_A)
  })
})

describe('verifyHostKey', () => {
  it('knows a host by a plain or a hashed line, with the port form for ports other than 22', () => {
    expect(verdict(`example.org ssh-ed25519 ${KEY_A}`, 'example.org', 22, KEY_A).kind).toBe('known')
    expect(verdict(HASHED_EXAMPLE_ORG, 'example.org', 22, KEY_A).kind).toBe('known')
    expect(verdict(HASHED_LOCAL_2222, '127.0.0.1', 2222, KEY_A).kind).toBe('known')
    // The line for port 22 does not vouch for another port, nor the port line for 22.
    expect(verdict(`127.0.0.1 ssh-ed25519 ${KEY_A}`, '127.0.0.1', 2222, KEY_A)).toEqual({ kind: 'unknown', otherTypes: [] })
    expect(verdict(HASHED_LOCAL_2222, '127.0.0.1', 22, KEY_A).kind).toBe('unknown')
  })

  it('calls another key of the same type for the host a change, naming every such line', () => {
    const result = verdict(`# first\nexample.org ssh-ed25519 ${KEY_B}\n*.org ssh-ed25519 ${KEY_B}\n`, 'example.org', 22, KEY_A)
    expect(result.kind).toBe('changed')
    if (result.kind === 'changed') expect(result.entries.map((entry) => `${entry.file}:${String(entry.line)}`)).toEqual(['~/.ssh/known_hosts:2', '~/.ssh/known_hosts:3'])
  })

  it('any line with the very key makes it known, even beside a stale line', () => {
    expect(verdict(`example.org ssh-ed25519 ${KEY_B}\nexample.org ssh-ed25519 ${KEY_A}\n`, 'example.org', 22, KEY_A).kind).toBe('known')
  })

  it('a key of another type does not vouch for this one: unknown, naming the known types', () => {
    expect(verdict(`example.org ecdsa-sha2-nistp256 ${KEY_ECDSA}`, 'example.org', 22, KEY_A)).toEqual({ kind: 'unknown', otherTypes: ['ecdsa-sha2-nistp256'] })
  })

  it('refuses a @revoked key for any host, even one listed as known', () => {
    const result = verdict(`example.org ssh-ed25519 ${KEY_A}\n@revoked * ssh-ed25519 ${KEY_A}\n`, 'example.org', 22, KEY_A)
    expect(result.kind).toBe('revoked')
  })

  it('does not take a @cert-authority line as knowing a plain host key', () => {
    expect(verdict(`@cert-authority example.org ssh-ed25519 ${KEY_A}`, 'example.org', 22, KEY_A).kind).toBe('unknown')
    expect(verdict(`@cert-authority example.org ssh-ed25519 ${KEY_B}`, 'example.org', 22, KEY_A).kind).toBe('unknown')
  })

  it('a negated pattern keeps a wildcard line from vouching for that host', () => {
    expect(verdict(`*.org,!example.org ssh-ed25519 ${KEY_A}`, 'example.org', 22, KEY_A).kind).toBe('unknown')
  })

  it('lists the key types known for a host', () => {
    const entries = parseKnownHosts(`example.org ecdsa-sha2-nistp256 ${KEY_ECDSA}\n${HASHED_EXAMPLE_ORG}\nother ssh-rsa AAAA\n`, 'kh')
    expect(knownKeyTypes(entries, 'example.org', 22)).toEqual(['ecdsa-sha2-nistp256', 'ssh-ed25519'])
  })
})

describe('knownHostsLine', () => {
  it('writes the plain form, or a hashed one that the matcher (and ssh-keygen -F) finds', () => {
    expect(knownHostsLine('example.org', 22, blob(KEY_A), false)).toBe(`example.org ssh-ed25519 ${KEY_A}`)
    expect(knownHostsLine('127.0.0.1', 2222, blob(KEY_A), false)).toBe(`[127.0.0.1]:2222 ssh-ed25519 ${KEY_A}`)
    // The salt of the line ssh-keygen -H made: the same salt must give the same hash.
    const salt = Buffer.from('MgmQw4Ol/6kzwLWjpTEk4q19WNo=', 'base64')
    expect(knownHostsLine('127.0.0.1', 2222, blob(KEY_A), true, salt)).toBe(HASHED_LOCAL_2222)
    const fresh = knownHostsLine('example.org', 22, blob(KEY_A), true)
    expect(verifyHostKey(parseKnownHosts(fresh, 'kh'), 'example.org', 22, blob(KEY_A)).kind).toBe('known')
  })

  it('tells a hashed file from a plain one', () => {
    expect(usesHashedNames(parseKnownHosts(HASHED_EXAMPLE_ORG, 'kh'))).toBe(true)
    expect(usesHashedNames(parseKnownHosts(`example.org ssh-ed25519 ${KEY_A}`, 'kh'))).toBe(false)
    expect(usesHashedNames([])).toBe(false)
  })
})
