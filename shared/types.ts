/** Data shapes that cross the contract. Plain, structured-clonable objects only. */

export type EndpointKind = 'unix' | 'npipe' | 'tcp' | 'ssh'

export type EndpointSource = 'explicit' | 'DOCKER_HOST' | 'DOCKER_CONTEXT' | 'config' | 'default'

export interface EndpointSummary {
  /** The address as the docker CLI would print it, e.g. unix:///var/run/docker.sock */
  url: string
  kind: EndpointKind
  source: EndpointSource
  /** Docker context name when the endpoint came from a context. */
  context: string | null
  tls: boolean
}

export type ConnectionStateName = 'connecting' | 'connected' | 'reconnecting' | 'unreachable'

export interface ConnectionState {
  state: ConnectionStateName
  endpoint: EndpointSummary
  /** Why the engine cannot be reached, when it cannot. */
  message: string | null
  /** Seconds until the next reconnection attempt while reconnecting. */
  retryInSeconds: number | null
}

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
  dataRoot: string
  cpus: number
  memoryBytes: number
  images: number
  containers: { total: number; running: number; paused: number; stopped: number }
  /** True when the engine is Podman's Docker-compatible service. */
  podman: boolean
}

export interface ImageSummary {
  id: string
  repoTags: string[]
  repoDigests: string[]
  /** ISO 8601 */
  created: string
  size: number
  parentId: string | null
  dangling: boolean
  labels: Record<string, string>
}

export type ContainerStateName = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead'

export interface ContainerSummary {
  id: string
  names: string[]
  image: string
  imageId: string
  command: string
  /** ISO 8601 */
  created: string
  state: ContainerStateName
  status: string
}

export interface DiskUsage {
  images: { count: number; bytes: number; reclaimableBytes: number }
  containers: { count: number; writableBytes: number }
  volumes: { count: number; bytes: number }
  buildCache: { count: number; bytes: number }
}
