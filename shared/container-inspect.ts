import type { JsonValue } from './types'

export interface ContainerHealth {
  status: string
  failingStreak: number
  /** Output of the latest check, if any ran. */
  lastOutput: string | null
}

export interface ContainerStateView {
  status: string
  running: boolean
  paused: boolean
  restarting: boolean
  oomKilled: boolean
  dead: boolean
  exitCode: number
  /** The engine's error text when the container failed to start; null when none. */
  error: string | null
  pid: number
  /** ISO times; null when the engine says never (its zero time). */
  startedAt: string | null
  finishedAt: string | null
  restartCount: number
  health: ContainerHealth | null
}

export interface ContainerMountView {
  type: string
  /** Volume name for a volume mount; null otherwise. */
  name: string | null
  source: string
  destination: string
  readWrite: boolean
  mode: string
}

export interface ContainerNetworkView {
  name: string
  ipAddress: string
  prefixLength: number
  gateway: string
  macAddress: string
  ipv6Address: string
}

export interface ContainerPortBinding {
  /** "80/tcp" as the engine keys it. */
  port: string
  /** Null when exposed but not published. */
  hostIp: string | null
  hostPort: string | null
}

/** GET /containers/{id}/json as the engine gave it, and the parts people look for first. */
export interface ContainerInspectView {
  raw: JsonValue
  id: string
  name: string
  imageId: string
  /** The image as the container was created from it (Config.Image). */
  imageName: string
  state: ContainerStateView
  mounts: ContainerMountView[]
  networkMode: string
  networks: ContainerNetworkView[]
  ports: ContainerPortBinding[]
}
