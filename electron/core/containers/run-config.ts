import type { RunContainerInput } from '../../../shared/run-input'

/**
 * The body of POST /containers/create for a containers.run request: the Config fields
 * beside HostConfig, as the docker CLI builds them for `docker run -d`. Pure, so the
 * mapping is unit-tested without an engine.
 */

interface PortBinding {
  HostIp: string
  HostPort: string
}

export interface EngineCreateBody {
  Image: string
  Cmd?: string[]
  Entrypoint?: string[]
  Env?: string[]
  Labels?: Record<string, string>
  WorkingDir?: string
  User?: string
  Tty: boolean
  OpenStdin: boolean
  // Detached: nothing attaches, so stdin is neither attached nor closed after one attach.
  AttachStdin: false
  AttachStdout: false
  AttachStderr: false
  StdinOnce: false
  ExposedPorts?: Record<string, Record<string, never>>
  HostConfig: {
    PortBindings?: Record<string, PortBinding[]>
    Binds?: string[]
    RestartPolicy?: { Name: string; MaximumRetryCount: number }
    NetworkMode?: string
    AutoRemove: boolean
  }
}

function portKey(port: { containerPort: number; protocol: string }): string {
  return `${String(port.containerPort)}/${port.protocol}`
}

/** Binds take `source:target[:ro]` as `docker run -v` writes them; a name as source is a named volume. */
function bindOf(mount: NonNullable<RunContainerInput['mounts']>[number]): string {
  const source = mount.type === 'bind' ? mount.source : mount.name
  return `${source}:${mount.target}${mount.readOnly ? ':ro' : ''}`
}

export function createBodyOf(request: RunContainerInput): EngineCreateBody {
  const ports = request.ports ?? []
  const bindings: Record<string, PortBinding[]> = {}
  for (const port of ports) {
    const key = portKey(port)
    bindings[key] = [...(bindings[key] ?? []), { HostIp: port.hostIp ?? '', HostPort: port.hostPort === undefined ? '' : String(port.hostPort) }]
  }
  const hostConfig: EngineCreateBody['HostConfig'] = { AutoRemove: request.autoRemove }
  if (ports.length > 0) hostConfig.PortBindings = bindings
  if (request.mounts !== undefined && request.mounts.length > 0) hostConfig.Binds = request.mounts.map(bindOf)
  if (request.restart !== undefined) hostConfig.RestartPolicy = { Name: request.restart.name, MaximumRetryCount: request.restart.maxRetries ?? 0 }
  if (request.networkMode !== undefined) hostConfig.NetworkMode = request.networkMode
  const body: EngineCreateBody = {
    Image: request.image,
    Tty: request.tty,
    OpenStdin: request.interactive,
    AttachStdin: false,
    AttachStdout: false,
    AttachStderr: false,
    StdinOnce: false,
    HostConfig: hostConfig,
  }
  if (request.cmd !== undefined) body.Cmd = request.cmd
  // [""] is how the docker CLI asks for no entrypoint at all (--entrypoint ''); an empty list would mean "the image's".
  if (request.entrypoint !== undefined) body.Entrypoint = request.entrypoint ?? ['']
  if (request.env !== undefined && request.env.length > 0) body.Env = request.env
  if (request.labels !== undefined && Object.keys(request.labels).length > 0) body.Labels = request.labels
  if (request.workingDir !== undefined) body.WorkingDir = request.workingDir
  if (request.user !== undefined) body.User = request.user
  if (ports.length > 0) body.ExposedPorts = Object.fromEntries(ports.map((port) => [portKey(port), {}]))
  return body
}
