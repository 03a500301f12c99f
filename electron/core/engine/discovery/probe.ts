import { stat } from 'node:fs/promises'
import type { EngineIdentity, ProbeFailure, ProbeResult } from '../../../../shared/engine-discovery'
import { StrataError } from '../../../../shared/errors'
import { isPodman, type DaemonVersion } from '../daemon-version'
import { pinApiVersion } from '../version'
import type { EngineCandidate } from './candidates'
import { badAnswer, failureOf, noSocket, notASocket, permissionDenied, timedOut } from './probe-failure'
import { probeGet } from './probe-request'

interface DaemonInfo {
  Driver?: unknown
  OperatingSystem?: unknown
  OSType?: unknown
  Architecture?: unknown
  SecurityOptions?: unknown
}

type Checked<T> = { ok: true; value: T } | { ok: false; failure: ProbeFailure }

/** A probe's result before it is timed. */
type Answer = { answers: true; identity: EngineIdentity } | { answers: false; failure: ProbeFailure; identity: EngineIdentity | null }

function text(value: unknown, fallback: string): string {
  return typeof value === 'string' && value !== '' ? value : fallback
}

/** Rootless Docker and rootless Podman both list "name=rootless" among the security options of /info. */
function isRootless(info: DaemonInfo): boolean {
  return Array.isArray(info.SecurityOptions) && info.SecurityOptions.some((option) => typeof option === 'string' && option.split(',').includes('name=rootless'))
}

export function identityOf(version: DaemonVersion, info: DaemonInfo): EngineIdentity {
  return {
    engine: isPodman(version) ? 'Podman' : 'Docker',
    version: version.Version,
    apiVersion: version.ApiVersion,
    minApiVersion: version.MinAPIVersion ?? null,
    storageDriver: text(info.Driver, 'unknown'),
    operatingSystem: text(info.OperatingSystem, version.Os),
    os: text(info.OSType, version.Os),
    architecture: text(info.Architecture, version.Arch),
    rootless: isRootless(info),
  }
}

async function getJson<T>(candidate: EngineCandidate, path: string, signal: AbortSignal, valid: (value: unknown) => value is T): Promise<Checked<T>> {
  const answer = await probeGet(candidate.endpoint, path, signal)
  if (answer.status !== 200) return { ok: false, failure: badAnswer(candidate, path, answer.status, answer.body) }
  let parsed: unknown
  try {
    parsed = JSON.parse(answer.body)
  } catch {
    parsed = undefined
  }
  if (!valid(parsed)) return { ok: false, failure: { code: 'NOT_AN_ENGINE', message: `${candidate.endpoint.url} answered ${path}, but not with what a Docker-compatible engine says.`, hint: null } }
  return { ok: true, value: parsed }
}

function isDaemonVersion(value: unknown): value is DaemonVersion {
  const version = value as Partial<DaemonVersion> | null
  return typeof version === 'object' && version !== null && typeof version.Version === 'string' && typeof version.ApiVersion === 'string'
}

function isObject(value: unknown): value is DaemonInfo {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
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

async function askEngine(candidate: EngineCandidate, signal: AbortSignal): Promise<Answer> {
  const version = await getJson(candidate, '/version', signal, isDaemonVersion)
  if (!version.ok) return { answers: false, failure: version.failure, identity: null }
  const info = await getJson(candidate, '/info', signal, isObject)
  if (!info.ok) return { answers: false, failure: info.failure, identity: null }
  const identity = identityOf(version.value, info.value)
  try {
    pinApiVersion(version.value.ApiVersion, candidate.endpoint.url)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    if (error instanceof StrataError && error.code === 'API_TOO_OLD') {
      return { answers: false, failure: { code: 'API_TOO_OLD', message, hint: 'Upgrade the engine (Docker Engine 20.10 or newer, Podman 4 or newer).' }, identity }
    }
    return { answers: false, failure: { code: 'NOT_AN_ENGINE', message, hint: null }, identity }
  }
  return { answers: true, identity }
}

/**
 * Asks one candidate who it is: GET /version then GET /info, each on a short-lived
 * connection of its own, within `timeoutMs` for the whole. Never throws; every way
 * of not answering becomes a failure with its code. /_ping is not asked: /version
 * answers the same question and says which engine and API it is.
 */
export async function probeCandidate(candidate: EngineCandidate, timeoutMs: number): Promise<ProbeResult> {
  const started = performance.now()
  const elapsedMs = (): number => Math.round(performance.now() - started)
  if (candidate.endpoint.kind === 'ssh') {
    // Connecting would offer the user's ssh keys to a host whose key nothing checks yet: only on the user's choice.
    const failure: ProbeFailure = { code: 'NOT_PROBED', message: `${candidate.endpoint.url} is an ssh engine: it is connected to only when chosen.`, hint: null }
    return { answers: false, failure, identity: null, elapsedMs: 0 }
  }
  const signal = AbortSignal.timeout(timeoutMs)
  try {
    const fileProblem = await socketFileProblem(candidate)
    if (fileProblem !== null) return { answers: false, failure: fileProblem, identity: null, elapsedMs: elapsedMs() }
    return { ...(await askEngine(candidate, signal)), elapsedMs: elapsedMs() }
  } catch (error) {
    const failure = signal.aborted ? timedOut(candidate, timeoutMs) : failureOf(error, candidate)
    return { answers: false, failure, identity: null, elapsedMs: elapsedMs() }
  }
}
