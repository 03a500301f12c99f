import type { ProbeFailure, ProbeFailureCode } from '../../../../shared/engine-discovery'
import { isTlsFailure } from '../tls-failure'
import type { EngineCandidate } from './candidates'
import { TlsFileError } from './probe-request'

const DOCKER_GROUP_HINT = 'Add your user to the docker group: sudo usermod -aG docker $USER, then log out and in again (or run newgrp docker).'
const PODMAN_ROOTFUL_HINT = 'The rootful Podman socket is for root: use rootless Podman (systemctl --user enable --now podman.socket), or run Strata as root.'
// Docker's pipes on Windows admit administrators and the docker-users group.
const DOCKER_USERS_HINT = 'Add your user to the docker-users group (as administrator: net localgroup docker-users %USERNAME% /add), then sign out and in again.'
const TLS_HINT = "Check the CA, certificate and key (DOCKER_CERT_PATH, or the context's TLS files) and that the server certificate names this host."

function failure(code: ProbeFailureCode, message: string, hint: string | null): ProbeFailure {
  return { code, message, hint }
}

function codeOf(error: unknown): string | null {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined
  return typeof code === 'string' ? code : null
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function permissionHint(candidate: EngineCandidate): string {
  if (candidate.endpoint.kind === 'npipe') return DOCKER_USERS_HINT
  const podman = candidate.sources.some((source) => source.origin === 'podman')
  return podman ? PODMAN_ROOTFUL_HINT : DOCKER_GROUP_HINT
}

/** `stage` is what went unanswered: /_ping (nothing answers) or /info (an engine answered, then stalled). */
export function timedOut(candidate: EngineCandidate, stage: string, timeoutMs: number): ProbeFailure {
  const what = stage === '/_ping' ? 'did not answer' : `answered /_ping but not ${stage}`
  return failure('TIMEOUT', `${candidate.endpoint.url} ${what} within ${String(timeoutMs)} ms.`, candidate.endpoint.kind === 'tcp' ? 'Check that the host is up and that no firewall drops the connection.' : 'The engine may be starting or stuck; try again in a moment.')
}

/** No socket file, or no such pipe: the engine is not running (or not installed). */
export function noSocket(candidate: EngineCandidate): ProbeFailure {
  const what = candidate.endpoint.kind === 'npipe' ? 'No pipe' : 'No socket'
  return failure('NO_SOCKET', `${what} at ${candidate.endpoint.address}: no engine is running there.`, candidate.startHint)
}

export function notASocket(candidate: EngineCandidate): ProbeFailure {
  return failure('NOT_A_SOCKET', `${candidate.endpoint.address} is not a socket (it is a plain file or a folder), so no engine can listen there.`, 'Point Strata at the engine\'s socket, or remove the file if it was left in its place.')
}

export function permissionDenied(candidate: EngineCandidate): ProbeFailure {
  return failure('PERMISSION_DENIED', `Permission denied on ${candidate.endpoint.address}: your user may not open it.`, permissionHint(candidate))
}

/** Turns what the connection or the request threw into the reason the candidate does not answer. */
export function failureOf(error: unknown, candidate: EngineCandidate): ProbeFailure {
  const code = codeOf(error)
  const message = messageOf(error)
  const { endpoint } = candidate
  if (error instanceof TlsFileError) return failure('TLS_ERROR', `${message} (for ${endpoint.url}).`, TLS_HINT)
  if (code === 'ENOENT') return noSocket(candidate)
  if (code === 'EACCES' || code === 'EPERM') return permissionDenied(candidate)
  if (code === 'ECONNREFUSED') {
    return endpoint.kind === 'tcp'
      ? failure('CONNECTION_REFUSED', `Nothing listens on ${endpoint.address} (connection refused).`, `Check that the engine listens on ${endpoint.address}.`)
      : failure('CONNECTION_REFUSED', `The socket ${endpoint.address} is there but nothing listens on it: the engine stopped and left it behind.`, candidate.startHint)
  }
  if (code === 'ENOTSOCK') return notASocket(candidate)
  if (code === 'ETIMEDOUT') return failure('TIMEOUT', `Connecting to ${endpoint.url} timed out.`, 'Check that the host is up and that no firewall drops the connection.')
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return failure('UNREACHABLE', `The host of ${endpoint.url} is not known (${code}).`, 'Check the host name.')
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return failure('UNREACHABLE', `No route to ${endpoint.address} (${code}).`, 'Check the network and the address.')
  if (isTlsFailure(code, message)) return failure('TLS_ERROR', `TLS with ${endpoint.url} failed: ${message}${code !== null && !message.includes(code) ? ` (${code})` : ''}`, TLS_HINT)
  if (code === 'ECONNRESET' || code === 'EPIPE') return failure('NOT_AN_ENGINE', `${endpoint.url} closed the connection without answering.`, null)
  return failure('NOT_AN_ENGINE', `${endpoint.url} did not answer as an engine: ${message}`, null)
}

/** An HTTP answer that is not an engine's /version: a TLS port spoken to in plain HTTP, an authorization plugin, another service. */
export function badAnswer(candidate: EngineCandidate, path: string, status: number, body: string): ProbeFailure {
  const { endpoint } = candidate
  if (status === 400 && /HTTPS server|TLS/i.test(body)) {
    return failure('TLS_ERROR', `${endpoint.url} expects TLS, and the address was given without TLS.`, 'Set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH, or use a context with TLS files.')
  }
  if (status === 401 || status === 403) {
    return failure('PERMISSION_DENIED', `${endpoint.url} refused ${path} (HTTP ${String(status)}).`, 'An authorization plugin or proxy in front of the engine refuses this user.')
  }
  return failure('NOT_AN_ENGINE', `${endpoint.url} answered ${path} with HTTP ${String(status)}, not as a Docker-compatible engine would.`, null)
}
