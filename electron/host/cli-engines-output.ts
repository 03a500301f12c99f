import type { DiscoveredEngine, EngineDiscovery, EngineIdentity, ProbeFailureCode } from '../../shared/engine-discovery'

/** `strata engines` for people: one block per candidate, what answers first in each block, the remedy last. */

const FAILURE_WORDS: Record<ProbeFailureCode, string> = {
  NO_SOCKET: 'no socket',
  NOT_A_SOCKET: 'not a socket',
  PERMISSION_DENIED: 'permission denied',
  CONNECTION_REFUSED: 'connection refused',
  TLS_ERROR: 'TLS error',
  API_TOO_OLD: 'API too old',
  TIMEOUT: 'timed out',
  NOT_AN_ENGINE: 'not an engine',
  UNREACHABLE: 'unreachable',
  NOT_PROBED: 'not probed',
}

export function identityText(identity: EngineIdentity): string {
  return `${identity.engine} ${identity.version}, API ${identity.apiVersion}, ${identity.storageDriver}, ${identity.operatingSystem} ${identity.os}/${identity.architecture}, ${identity.rootless ? 'rootless' : 'rootful'}`
}

function marks(engine: DiscoveredEngine): string {
  const notes = [...(engine.inUse ? ['in use'] : []), ...(engine.dockerCliChoice ? ["the docker CLI's choice"] : [])]
  return notes.length === 0 ? '' : ` [${notes.join(', ')}]`
}

function engineBlock(engine: DiscoveredEngine): string {
  const head = `${engine.url}${engine.tls ? ' (TLS)' : ''}${marks(engine)}\n  from: ${engine.sources.map((source) => source.label).join('; ')}\n`
  const { probe } = engine
  if (probe.answers) return `${head}  answers: ${identityText(probe.identity)} (${String(probe.elapsedMs)} ms)\n`
  const hint = probe.failure.hint === null ? '' : `  -> ${probe.failure.hint}\n`
  return `${head}  ${FAILURE_WORDS[probe.failure.code]}: ${probe.failure.message}\n${hint}`
}

export function enginesText(discovery: EngineDiscovery): string {
  const answering = discovery.engines.filter((engine) => engine.probe.answers).length
  const blocks = discovery.engines.map(engineBlock).join('\n')
  const problems = discovery.problems.length === 0 ? '' : `\nProblems:\n${discovery.problems.map((problem) => `  ${problem.source.label}: ${problem.message}`).join('\n')}\n`
  return `${blocks}${problems}\n${String(answering)} of ${String(discovery.engines.length)} answer.\n`
}
