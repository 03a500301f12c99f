import type { EngineProbe, ProbeFailure, ProbeFailureCode, ProbeResult } from '../../../../shared/engine-discovery'
import { failure, StrataError } from '../../../../shared/errors'
import { parseProblem, problem } from '../../../../shared/problems'
import type { EngineTls } from '../../../../shared/types'
import { resolveEngineTarget, type Endpoint, type EndpointEnvironment } from '../endpoint'
import type { SshProbes } from '../ssh/ssh-probes'
import type { SshTransport } from '../ssh/ssh-transport'
import { checkTlsFiles } from '../tls-files'
import { identityOf } from './probe'
import { probeFailure } from './probe-failure'

const FAILURE_OF_ERROR: Partial<Record<StrataError['code'], ProbeFailureCode>> = {
  API_TOO_OLD: 'API_TOO_OLD',
  PERMISSION_DENIED: 'PERMISSION_DENIED',
  UNAUTHORIZED: 'PERMISSION_DENIED',
}

/** engines.probe: one address asked as discovery asks its candidates, or over ssh when the user named an ssh host. */
export async function probeAddress(host: string, tls: EngineTls | null, timeoutMs: number, environment: EndpointEnvironment, sshProbes: SshProbes): Promise<EngineProbe> {
  if (tls !== null) checkTlsFiles(tls)
  const endpoint = resolveEngineTarget(host, tls, environment)
  const summary = { url: endpoint.url, kind: endpoint.kind, tls: endpoint.tls !== null }
  if (endpoint.kind !== 'ssh') {
    const { probeCandidate } = await import('./probe')
    return { ...summary, probe: await probeCandidate({ endpoint, sources: [], dockerCliChoice: false, inUse: false, startHint: null }, timeoutMs) }
  }
  return { ...summary, probe: await probeOverSsh(endpoint, await sshProbes.transportFor(endpoint, environment), timeoutMs) }
}

async function probeOverSsh(endpoint: Endpoint, transport: SshTransport, timeoutMs: number): Promise<ProbeResult> {
  const started = performance.now()
  const elapsedMs = (): number => Math.round(performance.now() - started)
  const signal = AbortSignal.timeout(timeoutMs)
  try {
    const { connectEngine, isPodman } = await import('../connection')
    const connection = await connectEngine(endpoint, signal, transport)
    const info = (await withinSignal(connection.docker.info(), signal)) as Record<string, unknown>
    const identity = identityOf({ apiVersion: connection.apiVersion, server: null, libpod: isPodman(connection.daemon) }, connection.apiVersion, info)
    return { answers: true, identity, elapsedMs: elapsedMs() }
  } catch (error) {
    const failure = StrataError.from(error)
    // The page shows these as engines.use does: a fingerprint to trust, or the known_hosts line that disagrees.
    if (failure.code === 'HOST_KEY_UNKNOWN' || failure.code === 'HOST_KEY_CHANGED') throw failure
    // A login the server refused is the ssh form of a socket the user may not open.
    const refusedLogin = failure.detail.cause === 'ssh-auth'
    const code: ProbeFailureCode = signal.aborted ? 'TIMEOUT' : refusedLogin ? 'PERMISSION_DENIED' : (FAILURE_OF_ERROR[failure.code] ?? 'UNREACHABLE')
    return { answers: false, failure: sshProbeFailure(code, failure, signal.aborted ? { url: endpoint.url, timeoutMs } : null), identity: null, elapsedMs: elapsedMs() }
  }
}

/** What an ssh probe that did not answer says: the connection's own failure, worded as the core worded it, or the time limit. */
function sshProbeFailure(code: ProbeFailureCode, refusal: StrataError, timedOut: { url: string; timeoutMs: number } | null): ProbeFailure {
  const hint = typeof refusal.detail.hint === 'string' ? refusal.detail.hint : null
  const hintProblem = parseProblem(refusal.detail.hintProblem)
  const found = timedOut === null ? parseProblem(refusal.detail.problem) : problem('engine.probeNoAnswer', { url: timedOut.url, ms: String(timedOut.timeoutMs) })
  if (found === null) return { code, message: refusal.message, hint }
  const worded = probeFailure(code, found, hintProblem)
  // A hint the core gave only in English is kept as it is.
  return hintProblem === null ? { ...worded, hint } : worded
}

/** dockerode's info() takes no signal: the answer is awaited only as long as the probe's limit. */
function withinSignal<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const stop = (): void => {
      reject(failure('ENGINE_UNREACHABLE', problem('engine.timedOut')))
    }
    if (signal.aborted) stop()
    signal.addEventListener('abort', stop, { once: true })
    work.then(resolve, reject).finally(() => {
      signal.removeEventListener('abort', stop)
    })
  })
}
