import { appendFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type Docker from 'dockerode'
import type { AlgorithmList, AuthenticationType, NextAuthHandler, ServerHostKeyAlgorithm } from 'ssh2'
import { failure, type StrataError } from '../../../../shared/errors'
import { problem } from '../../../../shared/problems'
import type { TrustedHostKey } from '../../../../shared/types'
import type { Endpoint, EndpointEnvironment } from '../endpoint'
import { hostKeyChangedError, hostKeyUnknownError, sshKeysRefusedError, type HostKeySeen } from '../errors'
import { fingerprintOf, keyTypeOf, knownHostName, knownHostsLine, knownKeyTypes, parseKnownHosts, usesHashedNames, verifyHostKey, type KnownHostLine } from './known-hosts'
import { displayPath, resolveSshTarget, type SshTarget } from './ssh-target'
import { makeFolderSync } from '../../fs/make-folder'

/** The key an unknown host showed on the last attempt: the only one engines.trustHostKey may add. */
interface PresentedKey {
  seen: HostKeySeen
  host: string
  port: number
  blob: Buffer
}

/** Host key algorithms that yield a key of each known_hosts key type (an RSA key signs with any of three). */
function algorithmsOfKeyType(type: string): string[] {
  return type === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [type]
}

/**
 * ssh2's host key algorithm list with the types known_hosts holds for the host
 * moved to the front, as ssh(1) orders them: a server with an ed25519 and an
 * ECDSA key, known by its ECDSA key, then shows that one instead of looking
 * unknown. Prepending by pattern adds only what this ssh2 supports.
 */
export function preferKnownHostKeyTypes(types: string[]): AlgorithmList<ServerHostKeyAlgorithm> {
  const algorithms = types.flatMap(algorithmsOfKeyType)
  // ssh2 applies the operations in key order (remove, then prepend) and takes patterns, which its type declarations leave out.
  const operations = { remove: algorithms, prepend: algorithms.map((name) => new RegExp(`^${name.replace(/[.+^${}()|[\]\\*?]/g, '\\$&')}$`)), append: [] }
  return operations as unknown as AlgorithmList<ServerHostKeyAlgorithm>
}

/** The state ssh2 keeps per connection is out of reach; its `next` callback is made per connection, so it keys ours. */
type AuthState = { queue: SshTarget['identities']; tried: string[] }

/**
 * ssh:// for one endpoint, with what ssh(1) would check: docker-modem opens one
 * ssh2 connection per request, and each one gets the keys ssh would offer and a
 * host key check against known_hosts. ssh2 reports a refused host key or
 * exhausted keys with generic errors, so the precise reason is kept here and
 * `explain` swaps it in.
 */
export class SshTransport {
  private refusal: StrataError | null = null
  private presented: PresentedKey | null = null

  constructor(
    readonly endpoint: Endpoint,
    private readonly environment: EndpointEnvironment,
  ) {}

  /** dockerode options for one connection attempt; ~/.ssh/config and the key files are read again each time. */
  dockerOptions(): Docker.DockerOptions {
    const target = resolveSshTarget(this.endpoint, this.environment)
    // A reason kept from an earlier attempt must not explain this one's failure.
    this.refusal = null
    const states = new WeakMap<NextAuthHandler, AuthState>()
    const authHandler = (_methodsLeft: AuthenticationType[] | null, _partialSuccess: boolean | null, next: NextAuthHandler): void => {
      let state = states.get(next)
      if (state === undefined) {
        state = { queue: [...target.identities], tried: [] }
        states.set(next, state)
      }
      const identity = state.queue.shift()
      if (identity === undefined) {
        this.refusal = sshKeysRefusedError(this.endpoint, target.user, state.tried, target.skipped)
        next(false as unknown as AuthenticationType)
        return
      }
      state.tried.push(identity.label)
      next(identity.kind === 'agent' ? { type: 'agent', username: target.user, agent: identity.socket } : { type: 'publickey', username: target.user, key: identity.key })
    }
    return {
      protocol: 'ssh',
      host: target.host,
      port: String(target.port),
      username: target.user,
      sshOptions: {
        authHandler,
        algorithms: { serverHostKey: preferKnownHostKeyTypes(knownKeyTypes(this.knownHosts(target), target.host, target.port)) },
        // Without hostHash ssh2 hands over the raw key blob, which is what known_hosts stores.
        hostVerifier: (blob: Buffer) => this.checkHostKey(target, blob),
      },
    }
  }

  /** The precise reason behind ssh2's generic "Host denied" or "All configured authentication methods failed", if known. */
  explain(error: unknown): StrataError | null {
    const level = typeof error === 'object' && error !== null ? (error as { level?: unknown }).level : undefined
    if (level !== 'handshake' && level !== 'client-authentication') return null
    return this.refusal
  }

  /** The fingerprint the last refused attempt presented, if it was refused for being unknown. */
  get presentedFingerprint(): string | null {
    return this.presented?.seen.fingerprint ?? null
  }

  /**
   * Adds the key the host presented on the last attempt to known_hosts, in the
   * file's style (hashed names or not). Only that key: a caller cannot name another,
   * and a host whose known key changed meanwhile stays refused.
   */
  trust(fingerprint: string): TrustedHostKey {
    const presented = this.presented
    if (presented?.seen.fingerprint !== fingerprint) {
      throw failure('CONFLICT', problem('engine.notPresentedKey', { fingerprint, endpoint: this.endpoint.url }), { endpoint: this.endpoint.url }, problem('engine.notPresentedKeyHint'))
    }
    const target = resolveSshTarget(this.endpoint, this.environment)
    const file = target.knownHostsFiles[0]
    if (file === undefined) {
      throw failure('INVALID_INPUT', problem('engine.knownHostsNone', { alias: target.alias }), { endpoint: this.endpoint.url })
    }
    const entries = this.knownHosts(target)
    const display = displayPath(file, this.environment.homeDir)
    const verdict = verifyHostKey(entries, presented.host, presented.port, presented.blob)
    if (verdict.kind === 'changed' || verdict.kind === 'revoked') {
      throw hostKeyChangedError(this.endpoint, presented.seen, verdict.kind === 'changed' ? verdict.entries : [verdict.entry], verdict.kind === 'revoked')
    }
    if (verdict.kind === 'unknown') {
      const inFile = entries.filter((entry) => entry.file === display)
      const hashed = inFile.length > 0 ? usesHashedNames(inFile) : target.hashKnownHosts === true
      const text = this.environment.readFile(file)
      const separator = text === null || text === '' || text.endsWith('\n') ? '' : '\n'
      makeFolderSync(dirname(file), 0o700)
      appendFileSync(file, `${separator}${knownHostsLine(presented.host, presented.port, presented.blob, hashed)}\n`, { mode: 0o600 })
    }
    this.presented = null
    this.refusal = null
    return { endpoint: this.endpoint.url, host: presented.seen.knownHostName, fingerprint, keyType: presented.seen.keyType, knownHostsFile: display }
  }

  private knownHosts(target: SshTarget): KnownHostLine[] {
    return target.knownHostsFiles.flatMap((file) => parseKnownHosts(this.environment.readFile(file) ?? '', displayPath(file, this.environment.homeDir)))
  }

  private checkHostKey(target: SshTarget, blob: Buffer): boolean {
    // Read on every connection: a key accepted a moment ago counts at once.
    const verdict = verifyHostKey(this.knownHosts(target), target.host, target.port, blob)
    const seen: HostKeySeen = { knownHostName: knownHostName(target.host, target.port), keyType: keyTypeOf(blob), fingerprint: fingerprintOf(blob) }
    switch (verdict.kind) {
      case 'known':
        this.refusal = null
        return true
      case 'unknown':
        this.presented = { seen, host: target.host, port: target.port, blob }
        this.refusal = hostKeyUnknownError(this.endpoint, seen, displayPath(target.knownHostsFiles[0] ?? '~/.ssh/known_hosts', this.environment.homeDir))
        return false
      case 'changed':
        this.refusal = hostKeyChangedError(this.endpoint, seen, verdict.entries, false)
        return false
      case 'revoked':
        this.refusal = hostKeyChangedError(this.endpoint, seen, [verdict.entry], true)
        return false
    }
  }
}
