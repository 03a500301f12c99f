/** Running a container (containers.run): its request and result. Part of the contract's data shapes (shared/types.ts re-exports it). */
import type { ContainerSummary } from '../types'

/** A port published by containers.run: containerPort/protocol inside, hostIp:hostPort outside (an absent hostPort lets the engine choose). */
export interface RunPort {
  hostIp?: string | undefined
  hostPort?: number | undefined
  containerPort: number
  protocol: 'tcp' | 'udp' | 'sctp'
}

/** A host folder or file (absolute source) or a named volume, mounted at an absolute target, as `docker run -v` takes them. */
export type RunMount =
  | { type: 'bind'; source: string; target: string; readOnly: boolean }
  | { type: 'volume'; name: string; target: string; readOnly: boolean }

export type RestartPolicyName = 'no' | 'always' | 'unless-stopped' | 'on-failure'

export interface RunRestartPolicy {
  name: RestartPolicyName
  /** Only with on-failure; absent means retry forever. */
  maxRetries?: number | undefined
}

/** What containers.run makes: the fields of `docker run` Strata offers. Absent fields keep the image's value or the engine's default. */
export interface RunRequest {
  image: string
  name?: string | undefined
  cmd?: string[] | undefined
  /** null clears the image's entrypoint (docker run --entrypoint ''). */
  entrypoint?: string[] | null | undefined
  /** "KEY=value" */
  env?: string[] | undefined
  ports?: RunPort[] | undefined
  mounts?: RunMount[] | undefined
  workingDir?: string | undefined
  user?: string | undefined
  labels?: Record<string, string> | undefined
  restart?: RunRestartPolicy | undefined
  /** bridge, host, none, container:<name|id> or a network's name. */
  networkMode?: string | undefined
  tty?: boolean | undefined
  /** Keeps stdin open (docker run -i). */
  interactive?: boolean | undefined
  /** Removed by the engine when it stops (docker run --rm). */
  autoRemove?: boolean | undefined
  /** Start after create; true unless false. */
  start?: boolean | undefined
}

export interface RunResult {
  /** The new container as the list shows it, read after it started (or after create when not started). */
  container: ContainerSummary
  started: boolean
  /** What the engine warned about when creating it, and what Strata noticed (a container removed at once by autoRemove). */
  warnings: string[]
}
