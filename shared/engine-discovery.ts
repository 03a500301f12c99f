import { problemEnglish, type Problem } from './problems'
import type { EndpointKind, EngineTls } from './types'

/**
 * What engines.discover answers: every place an engine may listen on this machine,
 * who named it, and whether an engine answers there now (or exactly why not).
 */

/** Who named a candidate: a docker context, an environment variable, or a product's well-known socket. */
export type CandidateOrigin =
  | 'strata'
  | 'DOCKER_HOST'
  | 'context'
  | 'docker-engine'
  | 'docker-rootless'
  | 'docker-desktop'
  | 'colima'
  | 'orbstack'
  | 'rancher-desktop'
  | 'lima'
  | 'podman'
  | 'podman-rootless'
  | 'podman-machine'
  | 'named-pipe'

export interface CandidateSource {
  origin: CandidateOrigin
  /** For people, in English: "Docker context \"colima\"", "Colima profile \"work\"", "Podman (rootless)". */
  label: string
  /** The label as an id and values, for the renderer to word; absent from an older core. */
  wording?: Problem
}

/** A source labelled by a wording: the English label beside the id the renderer words. */
export function candidateSource(origin: CandidateOrigin, wording: Problem): CandidateSource {
  return { origin, label: problemEnglish(wording), wording }
}

/** Why a candidate does not answer; each comes with a message that names the address and, where one exists, a remedy. */
export type ProbeFailureCode =
  | 'NO_SOCKET'
  | 'NOT_A_SOCKET'
  | 'PERMISSION_DENIED'
  | 'CONNECTION_REFUSED'
  | 'TLS_ERROR'
  | 'API_TOO_OLD'
  | 'TIMEOUT'
  | 'NOT_AN_ENGINE'
  | 'UNREACHABLE'
  | 'NOT_PROBED'

export interface ProbeFailure {
  code: ProbeFailureCode
  /** In English, as the command line says it. */
  message: string
  /** What to do about it, when there is something to do (English). */
  hint: string | null
  /** The message as an id and values, for the renderer to word; absent from cores that predate it. */
  problem?: Problem
  /** The hint as an id and values, when there is one. */
  hintProblem?: Problem
}

/** What an engine that answered says about itself (from GET /_ping and GET /info). */
export interface EngineIdentity {
  engine: 'Docker' | 'Podman'
  version: string
  apiVersion: string
  storageDriver: string
  /** e.g. "Debian GNU/Linux 12 (bookworm)", "Docker Desktop" */
  operatingSystem: string
  os: string
  architecture: string
  rootless: boolean
}

export type ProbeResult =
  | { answers: true; identity: EngineIdentity; elapsedMs: number }
  /** identity is set when an engine did answer but cannot be used (API too old). */
  | { answers: false; failure: ProbeFailure; identity: EngineIdentity | null; elapsedMs: number }

export interface DiscoveredEngine {
  /** The address as the docker CLI writes it: unix:///…, npipe:////./pipe/…, tcp://host:port, ssh://… */
  url: string
  kind: EndpointKind
  tls: boolean
  /** The TLS files that go with this address (a context's, or DOCKER_CERT_PATH's): engines.use needs them to open it as probed. */
  tlsFiles: EngineTls | null
  /** Everything that named this address, most specific first. */
  sources: CandidateSource[]
  /** The endpoint the docker CLI's own order (DOCKER_HOST, DOCKER_CONTEXT, current context, default) picks. */
  dockerCliChoice: boolean
  /** The endpoint this Strata instance is using. */
  inUse: boolean
  probe: ProbeResult
}

/** A place that should name an engine but could not be read (a broken context, a DOCKER_HOST that is no address). */
export interface DiscoveryProblem {
  source: CandidateSource
  message: string
  /** The message as an id and values, for the renderer to word, when the core has one. */
  problem?: Problem
}

export interface EngineDiscovery {
  engines: DiscoveredEngine[]
  problems: DiscoveryProblem[]
  /** Each probe's own limit, in milliseconds. */
  timeoutMs: number
}

export const DEFAULT_PROBE_TIMEOUT_MS = 1500

/** What engines.probe answers: one address the user typed, asked without switching to it. */
export interface EngineProbe {
  url: string
  kind: EndpointKind
  tls: boolean
  probe: ProbeResult
}
