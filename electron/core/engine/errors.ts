import { StrataError } from '../../../shared/errors'
import type { Endpoint } from './endpoint'
import { ENGINE_REDIRECT_MESSAGE } from './modem-redirects'
import { isTlsFailure } from './tls-failure'

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
    return new StrataError('CANCELLED', 'The operation was cancelled.', where)
  }
  if (typeof raw.statusCode === 'number') return httpError(raw.statusCode, daemonMessage(raw) ?? message, where)
  if (ENGINE_REDIRECT_MESSAGE.test(message)) {
    return new StrataError('ENGINE_ERROR', 'The engine answered with a redirect, which the Docker API never sends for a valid request; nothing was done.', { ...where, cause: 'redirect' })
  }

  if (code === 'EACCES' || code === 'EPERM') {
    return new StrataError(
      'PERMISSION_DENIED',
      `Permission denied on ${endpoint.url}: your user may not use the Docker socket.`,
      {
        ...where,
        hint: 'Add yourself to the docker group (sudo usermod -aG docker $USER), then log out and back in; or point Strata at a rootless engine.',
      },
    )
  }
  if (code === 'ENOENT' || code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH' || code === 'ETIMEDOUT' || code === 'ECONNRESET' || code === 'EPIPE') {
    const tried = endpoint.candidates.length > 1 ? ` (looked at ${endpoint.candidates.join(', ')})` : ''
    return new StrataError('ENGINE_UNREACHABLE', `No Docker engine answers at ${endpoint.url}${tried}.`, {
      ...where,
      cause: code,
      hint: startHint(endpoint),
    })
  }
  if (isTlsFailure(code, message)) {
    return new StrataError('ENGINE_UNREACHABLE', `TLS handshake with ${endpoint.url} failed: ${message}`, {
      ...where,
      cause: code ?? 'TLS',
      hint: 'Check DOCKER_CERT_PATH (ca.pem, cert.pem, key.pem) or the context\'s TLS files, and that the server certificate names this host.',
    })
  }
  if (raw.level === 'client-authentication') {
    return new StrataError('ENGINE_UNREACHABLE', `The ssh server at ${endpoint.url} refused every key Strata offered.`, { ...where, cause: 'ssh-auth', hint: SSH_KEYS_HINT })
  }
  if (raw.level === 'handshake' && /host denied/i.test(message)) {
    // Only SshTransport knows whether the key was unknown or changed; this is what is left when it was not asked.
    return new StrataError('ENGINE_UNREACHABLE', `The host key of ${endpoint.url} did not pass the known_hosts check; the connection was refused.`, { ...where, cause: 'ssh-host-key', hint: 'Connect again to see the key\'s fingerprint and why it was refused.' })
  }
  if (endpoint.kind === 'ssh' || typeof raw.level === 'string') {
    return new StrataError('ENGINE_UNREACHABLE', `SSH connection to ${endpoint.url} failed: ${message}`, {
      ...where,
      cause: typeof raw.level === 'string' ? raw.level : (code ?? 'SSH'),
      hint: 'Check that `ssh <host> docker version` works: a key the server accepts (ssh-agent, ~/.ssh/config IdentityFile or ~/.ssh/id_*) and docker installed on the remote.',
    })
  }
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
  if (status === 404) return new StrataError('NOT_FOUND', message, detail)
  if (status === 409) return new StrataError('CONFLICT', message, detail)
  // Podman answers a delete by ID of an image with several tags with a 500 (Docker: 409); an image in use is a 409 there too.
  if (status === 500 && PODMAN_CONFLICT.test(message)) return new StrataError('CONFLICT', message, detail)
  if (status === 400) return new StrataError('INVALID_INPUT', message, detail)
  if (status === 401 || status === 403) return new StrataError('PERMISSION_DENIED', message, detail)
  return new StrataError('ENGINE_ERROR', `The engine answered ${status}: ${message}`, detail)
}

function startHint(endpoint: Endpoint): string {
  if (endpoint.kind === 'unix') {
    return 'Start the engine (sudo systemctl start docker, open Docker Desktop, or systemctl --user start podman.socket), or choose another endpoint with --host / DOCKER_HOST / docker context use.'
  }
  if (endpoint.kind === 'npipe') return 'Start Docker Desktop, or choose another endpoint with DOCKER_HOST.'
  return `Check that the engine listens at ${endpoint.address} and that no firewall blocks it.`
}

const SSH_KEYS_HINT = 'Check that `ssh <host> docker version` works from a terminal: load the key into ssh-agent (ssh-add), or name it with IdentityFile in ~/.ssh/config, and add its public half to the remote user\'s ~/.ssh/authorized_keys.'

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
  return new StrataError('HOST_KEY_UNKNOWN', `The authenticity of ${seen.knownHostName} cannot be established: it is not in ${knownHostsFile}. Its ${seen.keyType} key fingerprint is ${seen.fingerprint}.`, {
    endpoint: endpoint.url,
    source: endpoint.source,
    host: seen.knownHostName,
    keyType: seen.keyType,
    fingerprint: seen.fingerprint,
    knownHostsFile,
    hint: `Compare the fingerprint with the server's own (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub on the server) before accepting it. Accepting it in Strata, or connecting once with ssh from a terminal and answering yes, adds it to ${knownHostsFile}.`,
  })
}

/** The host is known with another key of this type (or this key is @revoked): refused, and Strata offers no way past it. */
export function hostKeyChangedError(endpoint: Endpoint, seen: HostKeySeen, lines: { file: string; line: number }[], revoked: boolean): StrataError {
  const where = lines.map((entry) => `${entry.file}:${String(entry.line)}`).join(', ')
  const message = revoked
    ? `The host key of ${seen.knownHostName} (${seen.fingerprint}) is marked @revoked in ${where}; the connection was refused.`
    : `The host key of ${seen.knownHostName} has changed: it now shows ${seen.keyType} ${seen.fingerprint}, which does not match ${where}. Someone could be intercepting the connection; it was refused.`
  return new StrataError('HOST_KEY_CHANGED', message, {
    endpoint: endpoint.url,
    source: endpoint.source,
    host: seen.knownHostName,
    keyType: seen.keyType,
    fingerprint: seen.fingerprint,
    knownHostsLines: where,
    cause: revoked ? 'revoked' : 'changed',
    hint: revoked
      ? 'The key was revoked on purpose; ask the server\'s administrator which key it should have.'
      : `If the server's key was changed on purpose, confirm the new fingerprint with its administrator, then remove the old entry (ssh-keygen -R "${seen.knownHostName}") and connect again.`,
  })
}

/** Every key offered was refused by the server (or there was none to offer). */
export function sshKeysRefusedError(endpoint: Endpoint, user: string, tried: string[], skipped: { label: string; reason: string }[]): StrataError {
  const skippedText = skipped.map((entry) => `${entry.label}: ${entry.reason}`).join('; ')
  const triedText = tried.length > 0 ? `the server refused every key: tried ${tried.join(', ')}` : 'Strata had no key to offer (no ssh agent, no IdentityFile, none of ~/.ssh/id_ed25519, id_ecdsa, id_rsa)'
  return new StrataError('ENGINE_UNREACHABLE', `Cannot log in to ${endpoint.url} as ${user}: ${triedText}.${skippedText === '' ? '' : ` Skipped ${skippedText}.`}`, {
    endpoint: endpoint.url,
    source: endpoint.source,
    cause: 'ssh-auth',
    user,
    tried: tried.join(', '),
    skipped: skippedText,
    hint: SSH_KEYS_HINT,
  })
}
