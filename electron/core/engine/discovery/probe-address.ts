import type { EngineProbe, ProbeFailureCode, ProbeResult } from '../../../../shared/engine-discovery'
import { StrataError } from '../../../../shared/errors'
import type { EngineTls } from '../../../../shared/types'
import { resolveEngineTarget, type Endpoint, type EndpointEnvironment } from '../endpoint'
import type { SshProbes } from '../ssh/ssh-probes'
import type { SshTransport } from '../ssh/ssh-transport'
import { checkTlsFiles } from '../tls-files'
import { identityOf } from './probe'

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
    const hint = typeof failure.detail.hint === 'string' ? failure.detail.hint : null
    return { answers: false, failure: { code, message: signal.aborted ? `${endpoint.url} did not answer within ${String(timeoutMs)} ms.` : failure.message, hint }, identity: null, elapsedMs: elapsedMs() }
  }
}

/** dockerode's info() takes no signal: the answer is awaited only as long as the probe's limit. */
function withinSignal<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const stop = (): void => {
      reject(new StrataError('ENGINE_UNREACHABLE', 'timed out'))
    }
    if (signal.aborted) stop()
    signal.addEventListener('abort', stop, { once: true })
    work.then(resolve, reject).finally(() => {
      signal.removeEventListener('abort', stop)
    })
  })
}
