import { createHash } from 'node:crypto'
import { posix } from 'node:path'
import { candidateSource, type CandidateSource, type DiscoveryProblem } from '../../../../shared/engine-discovery'
import { StrataError } from '../../../../shared/errors'
import { parseProblem, problem, problemEnglish, type Problem } from '../../../../shared/problems'
import { currentContextOf, dockerConfigDir, endpointOfContext, parseHost, resolveEndpoint, tlsFromEnv, type Endpoint } from '../endpoint'
import type { DiscoveryEnvironment } from './environment'
import { wellKnownSockets } from './well-known-sockets'

/** One address to probe, with everything that named it. */
export interface EngineCandidate {
  endpoint: Endpoint
  sources: CandidateSource[]
  dockerCliChoice: boolean
  inUse: boolean
  /** How to start the engine there, from the first source that knows. */
  startHint: Problem | null
}

export interface CandidateList {
  candidates: EngineCandidate[]
  problems: DiscoveryProblem[]
}

interface Named {
  endpoint: Endpoint
  source: CandidateSource
  startHint: Problem | null
}

/**
 * Same address, same candidate: paths normalised, pipes compared without case (Windows
 * ignores it). A tcp address named with TLS and without are two ways to reach it, and
 * only one may work: each is probed as it was named.
 */
export function addressKey(endpoint: Endpoint): string {
  if (endpoint.kind === 'unix') return `unix://${posix.normalize(endpoint.address)}`
  if (endpoint.kind === 'npipe') return endpoint.url.toLowerCase()
  return endpoint.tls === null ? endpoint.url : `${endpoint.url} tls`
}

/** A source that could not be read, with the problem the core worded it as when it did. */
function problemOf(source: CandidateSource, error: unknown): DiscoveryProblem {
  const message = error instanceof StrataError || error instanceof Error ? error.message : String(error)
  const found = error instanceof StrataError ? parseProblem(error.detail.problem) : null
  return found === null ? { source, message } : { source, message, problem: found }
}

function worded(source: CandidateSource, found: Problem): DiscoveryProblem {
  return { source, message: problemEnglish(found), problem: found }
}

/** Every context stored under the docker config folder, as `docker context ls` lists them (the built-in "default" aside). */
function contextNames(environment: DiscoveryEnvironment, problems: DiscoveryProblem[]): string[] {
  const metaDir = posix.join(dockerConfigDir(environment), 'contexts', 'meta')
  const names: string[] = []
  for (const digest of environment.listDir(metaDir).sort()) {
    const metaPath = posix.join(metaDir, digest, 'meta.json')
    const text = environment.readFile(metaPath)
    if (text === null) continue
    try {
      const name = (JSON.parse(text) as { Name?: unknown }).Name
      // The folder is named by the digest of the name; a file that disagrees is not the context it claims to be.
      if (typeof name === 'string' && createHash('sha256').update(name).digest('hex') === digest) names.push(name)
      else problems.push(worded(candidateSource('context', problem('engine.sourceName', { name: metaPath })), problem('engine.contextNameMismatch', { path: metaPath })))
    } catch {
      problems.push(worded(candidateSource('context', problem('engine.sourceName', { name: metaPath })), problem('engine.contextMetaInvalid', { path: metaPath })))
    }
  }
  return names
}

/** The context the docker CLI would use: DOCKER_CONTEXT, else config.json's currentContext. */
function currentContext(environment: DiscoveryEnvironment, problems: DiscoveryProblem[]): string | null {
  const fromEnv = environment.env.DOCKER_CONTEXT?.trim()
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv
  try {
    return currentContextOf(environment)
  } catch (error) {
    problems.push(problemOf(candidateSource('context', problem('engine.sourceName', { name: 'docker config.json' })), error))
    return null
  }
}

function fromContexts(environment: DiscoveryEnvironment, problems: DiscoveryProblem[]): Named[] {
  const current = currentContext(environment, problems)
  const names = contextNames(environment, problems)
  if (current !== null && current !== 'default' && !names.includes(current)) {
    problems.push(worded(candidateSource('context', problem('engine.sourceContext', { name: current })), problem('engine.currentContextMissing', { name: current })))
  }
  // The current context first: it is the one the user chose last.
  const ordered = current !== null && names.includes(current) ? [current, ...names.filter((name) => name !== current)] : names
  const named: Named[] = []
  for (const name of ordered) {
    const source = candidateSource('context', problem(name === current ? 'engine.sourceContextCurrent' : 'engine.sourceContext', { name }))
    try {
      named.push({ endpoint: endpointOfContext(name, 'config', environment), source, startHint: null })
    } catch (error) {
      problems.push(problemOf(source, error))
    }
  }
  return named
}

function fromDockerHost(environment: DiscoveryEnvironment, problems: DiscoveryProblem[]): Named[] {
  const host = environment.env.DOCKER_HOST?.trim()
  if (host === undefined || host === '') return []
  const source = candidateSource('DOCKER_HOST', problem('engine.sourceName', { name: 'DOCKER_HOST' }))
  try {
    return [{ endpoint: parseHost(host, 'DOCKER_HOST', null, tlsFromEnv(environment)), source, startHint: null }]
  } catch (error) {
    problems.push(problemOf(source, error))
    return []
  }
}

function fromWellKnown(environment: DiscoveryEnvironment): Named[] {
  return wellKnownSockets(environment).map((socket) => ({
    endpoint: parseHost(`${socket.kind}://${socket.address}`, 'default', null, null),
    source: socket.source,
    startHint: socket.startHint,
  }))
}

/** The endpoint the docker CLI's order picks; its failures are already reported as problems of their own. */
function dockerCliChoice(environment: DiscoveryEnvironment): string | null {
  try {
    return addressKey(resolveEndpoint(null, environment))
  } catch {
    return null
  }
}

/**
 * Every engine address this machine names, de-duplicated by address (each keeps
 * every source that named it), in the order: an engine chosen for Strata alone,
 * DOCKER_HOST, contexts (current first), then the platform's sockets. Pure:
 * everything it reads comes from `environment`.
 */
export function listCandidates(environment: DiscoveryEnvironment, inUse: Endpoint | null = null): CandidateList {
  const problems: DiscoveryProblem[] = []
  const named: Named[] = [
    ...fromDockerHost(environment, problems),
    ...fromContexts(environment, problems),
    ...fromWellKnown(environment),
  ]
  const choice = dockerCliChoice(environment)
  const inUseKey = inUse === null ? null : addressKey(inUse)
  const byAddress = new Map<string, EngineCandidate>()
  for (const { endpoint, source, startHint } of named) {
    const key = addressKey(endpoint)
    const existing = byAddress.get(key)
    if (existing === undefined) {
      byAddress.set(key, { endpoint, sources: [source], dockerCliChoice: key === choice, inUse: key === inUseKey, startHint })
      continue
    }
    if (!existing.sources.some((known) => known.origin === source.origin && known.label === source.label)) existing.sources.push(source)
    existing.startHint ??= startHint
  }
  const candidates = [...byAddress.values()]
  // An engine chosen with --host or in the settings is named by nothing else: it leads the list.
  if (inUse !== null && inUseKey !== null && !byAddress.has(inUseKey)) {
    const label = problem(inUse.source === 'explicit' ? 'engine.sourceChosen' : 'engine.sourceInUse')
    candidates.unshift({ endpoint: inUse, sources: [candidateSource('strata', label)], dockerCliChoice: inUseKey === choice, inUse: true, startHint: null })
  }
  return { candidates, problems }
}
