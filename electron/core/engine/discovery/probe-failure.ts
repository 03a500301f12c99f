import type { ProbeFailure, ProbeFailureCode } from '../../../../shared/engine-discovery'
import { problem, problemEnglish, type Problem } from '../../../../shared/problems'
import { isTlsFailure } from '../tls-failure'
import type { EngineCandidate } from './candidates'
import { TlsFileError } from './probe-request'

/** A reason not to answer: English for the command line, the ids beside it for the renderer to word. */
export function probeFailure(code: ProbeFailureCode, found: Problem, hint: Problem | null): ProbeFailure {
  const worded: ProbeFailure = { code, message: problemEnglish(found), hint: hint === null ? null : problemEnglish(hint), problem: found }
  return hint === null ? worded : { ...worded, hintProblem: hint }
}

function codeOf(error: unknown): string | null {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined
  return typeof code === 'string' ? code : null
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function permissionHint(candidate: EngineCandidate): Problem {
  // Docker's pipes on Windows admit administrators and the docker-users group.
  if (candidate.endpoint.kind === 'npipe') return problem('engine.probeDockerUsersHint')
  const podman = candidate.sources.some((source) => source.origin === 'podman')
  return podman ? problem('engine.probePodmanRootfulHint') : problem('engine.probeDockerGroupHint')
}

function firewallOrStartingHint(candidate: EngineCandidate): Problem {
  return candidate.endpoint.kind === 'tcp' ? problem('engine.probeFirewallHint') : problem('engine.probeStartingHint')
}

/** `stage` is what went unanswered: /_ping (nothing answers) or /info (an engine answered, then stalled). */
export function timedOut(candidate: EngineCandidate, stage: string, timeoutMs: number): ProbeFailure {
  const { url } = candidate.endpoint
  const found = stage === '/_ping' ? problem('engine.probeNoAnswer', { url, ms: String(timeoutMs) }) : problem('engine.probeStalled', { url, stage, ms: String(timeoutMs) })
  return probeFailure('TIMEOUT', found, firewallOrStartingHint(candidate))
}

/** No socket file, or no such pipe: the engine is not running (or not installed). */
export function noSocket(candidate: EngineCandidate): ProbeFailure {
  const { address } = candidate.endpoint
  return probeFailure('NO_SOCKET', candidate.endpoint.kind === 'npipe' ? problem('engine.probeNoPipe', { address }) : problem('engine.probeNoSocket', { address }), candidate.startHint)
}

export function notASocket(candidate: EngineCandidate): ProbeFailure {
  return probeFailure('NOT_A_SOCKET', problem('engine.probeNotASocket', { address: candidate.endpoint.address }), problem('engine.probeNotASocketHint'))
}

export function permissionDenied(candidate: EngineCandidate): ProbeFailure {
  return probeFailure('PERMISSION_DENIED', problem('engine.probePermission', { address: candidate.endpoint.address }), permissionHint(candidate))
}

/** Turns what the connection or the request threw into the reason the candidate does not answer. */
export function failureOf(error: unknown, candidate: EngineCandidate): ProbeFailure {
  const code = codeOf(error)
  const message = messageOf(error)
  const { endpoint } = candidate
  const { url, address } = endpoint
  const tlsHint = problem('engine.probeTlsHint')
  if (error instanceof TlsFileError) return probeFailure('TLS_ERROR', problem('engine.probeTlsFile', { path: error.path, reason: error.reason, url }), tlsHint)
  if (code === 'ENOENT') return noSocket(candidate)
  if (code === 'EACCES' || code === 'EPERM') return permissionDenied(candidate)
  if (code === 'ECONNREFUSED') {
    return endpoint.kind === 'tcp'
      ? probeFailure('CONNECTION_REFUSED', problem('engine.probeRefused', { address }), problem('engine.probeListenHint', { address }))
      : probeFailure('CONNECTION_REFUSED', problem('engine.probeStaleSocket', { address }), candidate.startHint)
  }
  if (code === 'ENOTSOCK') return notASocket(candidate)
  if (code === 'ETIMEDOUT') return probeFailure('TIMEOUT', problem('engine.probeConnectTimeout', { url }), problem('engine.probeFirewallHint'))
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return probeFailure('UNREACHABLE', problem('engine.probeUnknownHost', { url, code }), problem('engine.probeHostNameHint'))
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return probeFailure('UNREACHABLE', problem('engine.probeNoRoute', { address, code }), problem('engine.probeNetworkHint'))
  if (isTlsFailure(code, message)) {
    const reason = `${message}${code !== null && !message.includes(code) ? ` (${code})` : ''}`
    return probeFailure('TLS_ERROR', problem('engine.probeTls', { url, reason }), tlsHint)
  }
  if (code === 'ECONNRESET' || code === 'EPIPE') return probeFailure('NOT_AN_ENGINE', problem('engine.probeClosed', { url }), null)
  return probeFailure('NOT_AN_ENGINE', problem('engine.probeNotEngine', { url, reason: message }), null)
}

/** An HTTP answer that is not an engine's /version: a TLS port spoken to in plain HTTP, an authorization plugin, another service. */
export function badAnswer(candidate: EngineCandidate, path: string, status: number, body: string): ProbeFailure {
  const { url } = candidate.endpoint
  if (status === 400 && /HTTPS server|TLS/i.test(body)) {
    return probeFailure('TLS_ERROR', problem('engine.probeExpectsTls', { url }), problem('engine.probeExpectsTlsHint'))
  }
  if (status === 401 || status === 403) {
    return probeFailure('PERMISSION_DENIED', problem('engine.probeHttpRefused', { url, path, status: String(status) }), problem('engine.probeAuthPluginHint'))
  }
  return probeFailure('NOT_AN_ENGINE', problem('engine.probeHttpNotEngine', { url, path, status: String(status) }), null)
}
