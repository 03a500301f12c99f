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
  if (endpoint.kind === 'ssh' || typeof raw.level === 'string') {
    return new StrataError('ENGINE_UNREACHABLE', `SSH connection to ${endpoint.url} failed: ${message}`, {
      ...where,
      cause: typeof raw.level === 'string' ? raw.level : (code ?? 'SSH'),
      hint: 'Check that `ssh <host> docker version` works: the key must be loaded in ssh-agent (SSH_AUTH_SOCK) and docker installed on the remote.',
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
