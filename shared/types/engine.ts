/** The engine connection: endpoints, connection states, saved-engine switches, engine facts. Part of the contract's data shapes (shared/types.ts re-exports it). */
import type { Problem } from '../problems'

export type EndpointKind = 'unix' | 'npipe' | 'tcp' | 'ssh'

export type EndpointSource = 'explicit' | 'DOCKER_HOST' | 'DOCKER_CONTEXT' | 'config' | 'default'

/** An ssh engine's host key, added to known_hosts by engines.trustHostKey. */
export interface TrustedHostKey {
  endpoint: string
  /** As known_hosts names it: host, or [host]:port. */
  host: string
  fingerprint: string
  keyType: string
  /** The file the line was added to (~/... when under the home folder). */
  knownHostsFile: string
}

export interface EndpointSummary {
  /** The address as the docker CLI would print it, e.g. unix:///var/run/docker.sock */
  url: string
  kind: EndpointKind
  source: EndpointSource
  /** Docker context name when the endpoint came from a context. */
  context: string | null
  tls: boolean
}

/** What engines.use did: the engine now in use, the one left, and the tasks stopped on it. */
export interface EngineSwitch {
  endpoint: EndpointSummary
  previous: EndpointSummary
  /** taskIds of pulls, pushes, saves, loads and cleanups cancelled because they ran on the engine left. */
  cancelledTasks: string[]
}

export type ConnectionStateName = 'connecting' | 'connected' | 'reconnecting' | 'unreachable'

export interface ConnectionState {
  state: ConnectionStateName
  endpoint: EndpointSummary
  /** Why the engine cannot be reached, when it cannot (English). */
  message: string | null
  /** The same as an id and values (shared/problems.ts), for the renderer to word, when the core has one. */
  problem?: Problem
  /** Seconds until the next reconnection attempt while reconnecting. */
  retryInSeconds: number | null
}

export type ImageStoreKind = 'classic' | 'containerd'

export interface EngineInfo {
  endpoint: EndpointSummary
  name: string
  engineVersion: string
  /** API version the daemon speaks at most. */
  daemonApiVersion: string
  /** API version every request is pinned to. */
  apiVersion: string
  minApiVersion: string | null
  os: string
  osType: string
  architecture: string
  kernelVersion: string
  storageDriver: string
  backingFilesystem: string | null
  /** Where images live: the graph-driver store (Docker before 29 by default, Podman) or containerd's content store + snapshotter. */
  imageStore: ImageStoreKind
  /** The containerd snapshotter (overlayfs, native…) when imageStore is 'containerd'; null otherwise. */
  snapshotter: string | null
  dataRoot: string
  cpus: number
  memoryBytes: number
  images: number
  containers: { total: number; running: number; paused: number; stopped: number }
  /** True when the engine is Podman's Docker-compatible service. */
  podman: boolean
}
