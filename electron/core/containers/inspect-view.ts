import type { ContainerInspectView, ContainerMountView, ContainerNetworkView, ContainerPortBinding, ContainerStateView } from '../../../shared/container-inspect'
import { failure } from '../../../shared/errors'
import { problem } from '../../../shared/problems'
import type { JsonValue } from '../../../shared/types'
import type { EngineConnection } from '../engine/connection'
import { engineError } from '../engine/errors'
import { statusCodeOf } from './inspect'

/** The fields of GET /containers/{id}/json the summary reads; every one may be missing on an older engine or Podman. */
interface RawInspect {
  Id?: string
  Name?: string
  Image?: string
  Config?: { Image?: string } | null
  State?: {
    Status?: string
    Running?: boolean
    Paused?: boolean
    Restarting?: boolean
    OOMKilled?: boolean
    Dead?: boolean
    Pid?: number
    ExitCode?: number
    Error?: string
    StartedAt?: string
    FinishedAt?: string
    Health?: { Status?: string; FailingStreak?: number; Log?: { Output?: string }[] | null } | null
  }
  RestartCount?: number
  Mounts?: { Type?: string; Name?: string; Source?: string; Destination?: string; Mode?: string; RW?: boolean }[] | null
  HostConfig?: { NetworkMode?: string } | null
  NetworkSettings?: {
    Networks?: Record<string, { IPAddress?: string; IPPrefixLen?: number; Gateway?: string; MacAddress?: string; GlobalIPv6Address?: string } | null> | null
    Ports?: Record<string, { HostIp?: string; HostPort?: string }[] | null> | null
  } | null
}

/** The engine writes Go's zero time for "never" (0001-01-01T00:00:00Z). */
function timeOrNull(value: string | undefined): string | null {
  if (value === undefined || value === '' || value.startsWith('0001-01-01')) return null
  return value
}

function stateOf(raw: RawInspect): ContainerStateView {
  const state = raw.State ?? {}
  const health = state.Health ?? null
  const lastLog = health?.Log?.at(-1)
  return {
    status: state.Status ?? 'unknown',
    running: state.Running === true,
    paused: state.Paused === true,
    restarting: state.Restarting === true,
    oomKilled: state.OOMKilled === true,
    dead: state.Dead === true,
    exitCode: state.ExitCode ?? 0,
    error: state.Error === undefined || state.Error === '' ? null : state.Error,
    pid: state.Pid ?? 0,
    startedAt: timeOrNull(state.StartedAt),
    finishedAt: timeOrNull(state.FinishedAt),
    restartCount: raw.RestartCount ?? 0,
    health: health === null ? null : { status: health.Status ?? 'unknown', failingStreak: health.FailingStreak ?? 0, lastOutput: lastLog?.Output ?? null },
  }
}

function mountsOf(raw: RawInspect): ContainerMountView[] {
  return (raw.Mounts ?? []).map((mount) => ({
    type: mount.Type ?? 'unknown',
    name: mount.Name === undefined || mount.Name === '' ? null : mount.Name,
    source: mount.Source ?? '',
    destination: mount.Destination ?? '',
    readWrite: mount.RW !== false,
    mode: mount.Mode ?? '',
  }))
}

function networksOf(raw: RawInspect): ContainerNetworkView[] {
  return Object.entries(raw.NetworkSettings?.Networks ?? {}).map(([name, network]) => ({
    name,
    ipAddress: network?.IPAddress ?? '',
    prefixLength: network?.IPPrefixLen ?? 0,
    gateway: network?.Gateway ?? '',
    macAddress: network?.MacAddress ?? '',
    ipv6Address: network?.GlobalIPv6Address ?? '',
  }))
}

/** One row per binding; a port exposed and not published is one row without a host side. */
function portsOf(raw: RawInspect): ContainerPortBinding[] {
  return Object.entries(raw.NetworkSettings?.Ports ?? {}).flatMap(([port, bindings]) =>
    bindings === null || bindings.length === 0 ? [{ port, hostIp: null, hostPort: null }] : bindings.map((binding) => ({ port, hostIp: binding.HostIp ?? null, hostPort: binding.HostPort ?? null })),
  )
}

export function inspectView(answer: JsonValue): ContainerInspectView {
  const raw = (typeof answer === 'object' && answer !== null && !Array.isArray(answer) ? answer : {}) as RawInspect
  return {
    raw: answer,
    id: raw.Id ?? '',
    name: (raw.Name ?? '').replace(/^\//, ''),
    imageId: raw.Image ?? '',
    imageName: raw.Config?.Image ?? '',
    state: stateOf(raw),
    mounts: mountsOf(raw),
    networkMode: raw.HostConfig?.NetworkMode ?? '',
    networks: networksOf(raw),
    ports: portsOf(raw),
  }
}

/** The engine's inspect answer whole (fields Strata does not know included), and its summary. */
export async function inspectContainerView(connection: EngineConnection, id: string): Promise<ContainerInspectView> {
  let raw: JsonValue
  try {
    // The answer is JSON as the engine sent it; dockerode's type names only some of its fields.
    raw = (await connection.docker.getContainer(id).inspect()) as unknown as JsonValue
  } catch (error) {
    if (statusCodeOf(error) === 404) throw failure('NOT_FOUND', problem('container.notFound', { id }), { id })
    throw engineError(error, connection.endpoint)
  }
  return inspectView(raw)
}
