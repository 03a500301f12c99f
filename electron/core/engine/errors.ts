import { failure, StrataError } from '../../../shared/errors'
import { problem, type Problem } from '../../../shared/problems'
import type { Endpoint } from './endpoint'
import { isTlsFailure } from './tls-failure'

/**
 * docker-modem's message when the engine answered with a redirect (see modem-redirects.ts).
 * Kept here, not beside the modem: the listing path maps errors without loading docker-modem.
 */
export const ENGINE_REDIRECT_MESSAGE = /^Max redirects exceeded/

interface NodeLikeError {
  code?: unknown
  statusCode?: unknown
  message?: unknown
  json?: unknown
  reason?: unknown
  level?: unknown
}

/** Turns whatever dockerode, Node or ssh2 threw into a StrataError that says what to do. */
export function engineError(error: unknown, endpoint: Endpoint): StrataError {
  if (error instanceof StrataError) return error
  const raw = (typeof error === 'object' && error !== null ? error : {}) as NodeLikeError
  const message = typeof raw.message === 'string' ? raw.message : String(error)
  const code = typeof raw.code === 'string' ? raw.code : null
  const where = { endpoint: endpoint.url, source: endpoint.source }

  if (code === 'ABORT_ERR' || (error instanceof Error && error.name === 'AbortError')) {
    return failure('CANCELLED', problem('engine.cancelled'), where)
  }
  if (typeof raw.statusCode === 'number') return httpError(raw.statusCode, daemonMessage(raw) ?? message, where)
  if (ENGINE_REDIRECT_MESSAGE.test(message)) {
    return failure('ENGINE_ERROR', problem('engine.redirect'), { ...where, cause: 'redirect' })
  }

  if (code === 'EACCES' || code === 'EPERM') {
    return failure('PERMISSION_DENIED', problem('engine.socketPermission', { endpoint: endpoint.url }), where, problem('engine.dockerGroupHint'))
  }
  if (code === 'ENOENT' || code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH' || code === 'ETIMEDOUT' || code === 'ECONNRESET' || code === 'EPIPE') {
    const found =
      endpoint.candidates.length > 1
        ? problem('engine.noEngineLookedAt', { endpoint: endpoint.url, candidates: endpoint.candidates.join(', ') })
        : problem('engine.noEngine', { endpoint: endpoint.url })
    return failure('ENGINE_UNREACHABLE', found, { ...where, cause: code }, startHint(endpoint))
  }
  if (isTlsFailure(code, message)) {
    return failure('ENGINE_UNREACHABLE', problem('engine.tlsHandshake', { endpoint: endpoint.url, reason: message }), { ...where, cause: code ?? 'TLS' }, problem('engine.tlsHandshakeHint'))
  }
  if (raw.level === 'client-authentication') {
    return failure('ENGINE_UNREACHABLE', problem('engine.sshKeysRefused', { endpoint: endpoint.url }), { ...where, cause: 'ssh-auth' }, problem('engine.sshKeysHint'))
  }
  if (raw.level === 'handshake' && /host denied/i.test(message)) {
    // Only SshTransport knows whether the key was unknown or changed; this is what is left when it was not asked.
    return failure('ENGINE_UNREACHABLE', problem('engine.hostKeyDenied', { endpoint: endpoint.url }), { ...where, cause: 'ssh-host-key' }, problem('engine.hostKeyDeniedHint'))
  }
  if (endpoint.kind === 'ssh' || typeof raw.level === 'string') {
    const cause = typeof raw.level === 'string' ? raw.level : (code ?? 'SSH')
    return failure('ENGINE_UNREACHABLE', problem('engine.sshFailed', { endpoint: endpoint.url, reason: message }), { ...where, cause }, problem('engine.sshFailedHint'))
  }
  // Something none of the above knows: the thrower's own words are all there is, and the code's title words it.
  return new StrataError('INTERNAL', message, { ...where, cause: code ?? 'unknown' })
}

function daemonMessage(raw: NodeLikeError): string | null {
  if (typeof raw.json === 'object' && raw.json !== null) {
    const inner = (raw.json as { message?: unknown }).message
    if (typeof inner === 'string') return inner
  }
  return typeof raw.reason === 'string' ? raw.reason : null
}

const PODMAN_CONFLICT = /by ID with more than one tag .*please force removal/i

function httpError(status: number, message: string, where: Record<string, string>): StrataError {
  const detail = { ...where, status }
  // The engine's own sentence, as it said it: no problem id, so the renderer words the code's title and shows it after.
  if (status === 404) return new StrataError('NOT_FOUND', message, detail)
  if (status === 409) return new StrataError('CONFLICT', message, detail)
  // Podman answers a delete by ID of an image with several tags with a 500 (Docker: 409); an image in use is a 409 there too.
  if (status === 500 && PODMAN_CONFLICT.test(message)) return new StrataError('CONFLICT', message, detail)
  if (status === 400) return new StrataError('INVALID_INPUT', message, detail)
  if (status === 401 || status === 403) return new StrataError('PERMISSION_DENIED', message, detail)
  return failure('ENGINE_ERROR', problem('engine.engineStatus', { status, message }), detail)
}

function startHint(endpoint: Endpoint): Problem {
  if (endpoint.kind === 'unix') return problem('engine.startSocketHint')
  if (endpoint.kind === 'npipe') return problem('engine.startPipeHint')
  return problem('engine.listenHint', { address: endpoint.address })
}

/** What the ssh host key check found, for the errors below: where the host is and which key it showed. */
export interface HostKeySeen {
  /** The name known_hosts files the host under: host, or [host]:port. */
  knownHostName: string
  keyType: string
  /** As `ssh-keygen -lf` prints it: SHA256:base64. */
  fingerprint: string
}

/** The host is in no known_hosts file: refused until the user accepts the fingerprint (engines.trustHostKey). */
export function hostKeyUnknownError(endpoint: Endpoint, seen: HostKeySeen, knownHostsFile: string): StrataError {
  const found = problem('engine.hostKeyUnknown', { host: seen.knownHostName, file: knownHostsFile, keyType: seen.keyType, fingerprint: seen.fingerprint })
  return failure(
    'HOST_KEY_UNKNOWN',
    found,
    { endpoint: endpoint.url, source: endpoint.source, host: seen.knownHostName, keyType: seen.keyType, fingerprint: seen.fingerprint, knownHostsFile },
    problem('engine.hostKeyUnknownHint', { file: knownHostsFile }),
  )
}

/** The host is known with another key of this type (or this key is @revoked): refused, and Strata offers no way past it. */
export function hostKeyChangedError(endpoint: Endpoint, seen: HostKeySeen, lines: { file: string; line: number }[], revoked: boolean): StrataError {
  const where = lines.map((entry) => `${entry.file}:${String(entry.line)}`).join(', ')
  const found = revoked
    ? problem('engine.hostKeyRevoked', { host: seen.knownHostName, fingerprint: seen.fingerprint, lines: where })
    : problem('engine.hostKeyChanged', { host: seen.knownHostName, keyType: seen.keyType, fingerprint: seen.fingerprint, lines: where })
  const hint = revoked ? problem('engine.hostKeyRevokedHint') : problem('engine.hostKeyChangedHint', { host: seen.knownHostName })
  return failure(
    'HOST_KEY_CHANGED',
    found,
    {
      endpoint: endpoint.url,
      source: endpoint.source,
      host: seen.knownHostName,
      keyType: seen.keyType,
      fingerprint: seen.fingerprint,
      knownHostsLines: where,
      cause: revoked ? 'revoked' : 'changed',
    },
    hint,
  )
}

/** Every key offered was refused by the server (or there was none to offer). */
export function sshKeysRefusedError(endpoint: Endpoint, user: string, tried: string[], skipped: { label: string; reason: string }[]): StrataError {
  const skippedText = skipped.map((entry) => `${entry.label}: ${entry.reason}`).join('; ')
  const values = { endpoint: endpoint.url, user, tried: tried.join(', '), skipped: skippedText }
  const withSkipped = skippedText !== ''
  const found =
    tried.length > 0
      ? problem(withSkipped ? 'engine.loginRefusedSkipped' : 'engine.loginRefused', values)
      : problem(withSkipped ? 'engine.loginNoKeySkipped' : 'engine.loginNoKey', values)
  return failure('ENGINE_UNREACHABLE', found, { endpoint: endpoint.url, source: endpoint.source, cause: 'ssh-auth', user, tried: tried.join(', '), skipped: skippedText }, problem('engine.sshKeysHint'))
}
