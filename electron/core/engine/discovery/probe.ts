import { stat } from 'node:fs/promises'
import type { EngineIdentity, ProbeFailure, ProbeResult } from '../../../../shared/engine-discovery'
import { StrataError } from '../../../../shared/errors'
import { parseProblem, problem } from '../../../../shared/problems'
import { pinApiVersion } from '../version'
import type { EngineCandidate } from './candidates'
import { badAnswer, failureOf, noSocket, notASocket, permissionDenied, probeFailure, timedOut } from './probe-failure'
import { probeGet, type ProbeAnswer } from './probe-request'

interface DaemonInfo {
  ServerVersion?: unknown
  Driver?: unknown
  OperatingSystem?: unknown
  OSType?: unknown
  Architecture?: unknown
  SecurityOptions?: unknown
}

/** What /_ping's headers say: every Docker-compatible engine sends its API version there. */
export interface PingHeaders {
  apiVersion: string | null
  /** "Docker/25.0.3 (linux)" or "Libpod/4.3.1 (linux)" */
  server: string | null
  /** Podman alone sends Libpod-Api-Version. */
  libpod: boolean
}

/** A probe's result before it is timed. */
type Answer = { answers: true; identity: EngineIdentity } | { answers: false; failure: ProbeFailure; identity: EngineIdentity | null }

class ProbeTimeout extends Error {
  constructor(readonly stage: string) {
    super(`timed out waiting for ${stage}`)
  }
}

function header(answer: ProbeAnswer, name: string): string | null {
  const value = answer.headers[name]
  const first = Array.isArray(value) ? value[0] : value
  return first === undefined || first === '' ? null : first
}

function text(value: unknown, fallback: string): string {
  return typeof value === 'string' && value !== '' ? value : fallback
}

/** Rootless Docker and rootless Podman both list "name=rootless" among the security options of /info. */
function isRootless(info: DaemonInfo): boolean {
  return Array.isArray(info.SecurityOptions) && info.SecurityOptions.some((option) => typeof option === 'string' && option.split(',').includes('name=rootless'))
}

export function identityOf(ping: PingHeaders, apiVersion: string, info: DaemonInfo): EngineIdentity {
  const podman = ping.libpod || /^libpod\//i.test(ping.server ?? '')
  const serverVersion = /^[^/]+\/(\S+)/.exec(ping.server ?? '')?.[1] ?? 'unknown'
  return {
    engine: podman ? 'Podman' : 'Docker',
    version: text(info.ServerVersion, serverVersion),
    apiVersion,
    storageDriver: text(info.Driver, 'unknown'),
    operatingSystem: text(info.OperatingSystem, 'unknown'),
    os: text(info.OSType, 'unknown'),
    architecture: text(info.Architecture, 'unknown'),
    rootless: isRootless(info),
  }
}

/** One GET within its own time limit; a limit reached becomes ProbeTimeout naming what was asked. */
async function get(candidate: EngineCandidate, path: string, timeoutMs: number): Promise<ProbeAnswer> {
  const signal = AbortSignal.timeout(timeoutMs)
  try {
    return await probeGet(candidate.endpoint, path, signal)
  } catch (error) {
    if (signal.aborted) throw new ProbeTimeout(path)
    throw error
  }
}

function parseObject(body: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(body)
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null
  } catch {
    return null
  }
}

function notAnEngine(candidate: EngineCandidate, path: string): Answer {
  return { answers: false, failure: probeFailure('NOT_AN_ENGINE', problem('engine.probeOddAnswer', { url: candidate.endpoint.url, path }), null), identity: null }
}

/** A unix socket path is checked before connecting: a missing file, a plain file and a closed folder each say something different. */
async function socketFileProblem(candidate: EngineCandidate): Promise<ProbeFailure | null> {
  if (candidate.endpoint.kind !== 'unix') return null
  try {
    const found = await stat(candidate.endpoint.address)
    // Windows' AF_UNIX sockets do not stat as sockets; there the connection decides.
    return found.isSocket() || process.platform === 'win32' ? null : notASocket(candidate)
  } catch (error) {
    const code = (error as { code?: unknown }).code
    if (code === 'EACCES' || code === 'EPERM') return permissionDenied(candidate)
    return code === 'ENOENT' || code === 'ENOTDIR' ? noSocket(candidate) : null
  }
}

/**
 * /_ping first: it is the cheapest question every engine answers (Podman 4 takes
 * seconds over /version, a tenth of one over /_ping) and its headers name the engine
 * and its API. An engine that answered it is alive, so /info gets a limit of its own.
 */
async function askEngine(candidate: EngineCandidate, timeoutMs: number): Promise<Answer> {
  const pinged = await get(candidate, '/_ping', timeoutMs)
  if (pinged.status !== 200) return { answers: false, failure: badAnswer(candidate, '/_ping', pinged.status, pinged.body), identity: null }
  const ping: PingHeaders = { apiVersion: header(pinged, 'api-version'), server: header(pinged, 'server'), libpod: header(pinged, 'libpod-api-version') !== null }
  const answered = await get(candidate, '/info', timeoutMs)
  if (answered.status !== 200) return { answers: false, failure: badAnswer(candidate, '/info', answered.status, answered.body), identity: null }
  const info = parseObject(answered.body)
  if (info === null) return notAnEngine(candidate, '/info')
  let apiVersion = ping.apiVersion
  if (apiVersion === null) {
    // Engines before API 1.25 did not send the header; /version still says it.
    const version = parseObject((await get(candidate, '/version', timeoutMs)).body)
    apiVersion = typeof version?.ApiVersion === 'string' ? version.ApiVersion : null
  }
  if (apiVersion === null) return notAnEngine(candidate, '/_ping')
  const identity = identityOf(ping, apiVersion, info)
  try {
    pinApiVersion(apiVersion, candidate.endpoint.url)
  } catch (error) {
    // pinApiVersion words its refusals as problems; the probe keeps them, with its own remedy.
    const refusal = StrataError.from(error)
    const found = parseProblem(refusal.detail.problem)
    if (refusal.code === 'API_TOO_OLD' && found !== null) return { answers: false, failure: probeFailure('API_TOO_OLD', found, problem('engine.probeUpgradeHint')), identity }
    return { answers: false, failure: found === null ? { code: 'NOT_AN_ENGINE', message: refusal.message, hint: null } : probeFailure('NOT_AN_ENGINE', found, null), identity }
  }
  return { answers: true, identity }
}

/**
 * Asks one candidate who it is, each request on a short-lived connection of its own
 * and within `timeoutMs`. Never throws; every way of not answering becomes a failure
 * with its code.
 */
export async function probeCandidate(candidate: EngineCandidate, timeoutMs: number): Promise<ProbeResult> {
  const started = performance.now()
  const elapsedMs = (): number => Math.round(performance.now() - started)
  if (candidate.endpoint.kind === 'ssh') {
    // Connecting would offer the user's ssh keys to a host whose key nothing checks yet: only on the user's choice.
    return { answers: false, failure: probeFailure('NOT_PROBED', problem('engine.probeSshNotProbed', { url: candidate.endpoint.url }), null), identity: null, elapsedMs: 0 }
  }
  try {
    const fileProblem = await socketFileProblem(candidate)
    if (fileProblem !== null) return { answers: false, failure: fileProblem, identity: null, elapsedMs: elapsedMs() }
    return { ...(await askEngine(candidate, timeoutMs)), elapsedMs: elapsedMs() }
  } catch (error) {
    const failure = error instanceof ProbeTimeout ? timedOut(candidate, error.stage, timeoutMs) : failureOf(error, candidate)
    return { answers: false, failure, identity: null, elapsedMs: elapsedMs() }
  }
}
