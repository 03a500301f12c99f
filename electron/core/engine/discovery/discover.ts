import { DEFAULT_PROBE_TIMEOUT_MS, type DiscoveredEngine, type EngineDiscovery } from '../../../../shared/engine-discovery'
import { summarizeEndpoint, type Endpoint } from '../endpoint'
import { listCandidates } from './candidates'
import type { DiscoveryEnvironment } from './environment'
import { probeCandidate } from './probe'

export interface DiscoveryOptions {
  /** Each probe's limit; all run at once, so the whole takes about this long at most. */
  timeoutMs?: number | undefined
  /** The endpoint this Strata uses: marked, and listed even when nothing else names it. */
  inUse?: Endpoint | null
}

/** Lists every candidate engine of this machine and asks each, in parallel, whether it answers. */
export async function discoverEngines(environment: DiscoveryEnvironment, options: DiscoveryOptions = {}): Promise<EngineDiscovery> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS
  const { candidates, problems } = listCandidates(environment, options.inUse ?? null)
  const engines = await Promise.all(
    candidates.map(async (candidate): Promise<DiscoveredEngine> => {
      const { url, kind, tls } = summarizeEndpoint(candidate.endpoint)
      return { url, kind, tls, tlsFiles: candidate.endpoint.tls, sources: candidate.sources, dockerCliChoice: candidate.dockerCliChoice, inUse: candidate.inUse, probe: await probeCandidate(candidate, timeoutMs) }
    }),
  )
  return { engines, problems, timeoutMs }
}
