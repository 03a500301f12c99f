import { ENV_KEY, USER_SPEC, issueAt, type ChangeIssue } from './commit-changes'
import type { RunMount, RunPort, RunRequest } from './types'

/**
 * Checks what containers.run is asked to make before anything reaches the engine.
 * Pure and free of schema code, so the renderer shows each problem beside its
 * field as the user types and the command line refuses before connecting.
 */

/** Docker's container (and volume) name grammar; the engine refuses anything else with a bare 400. */
export const CONTAINER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/
/** A network's name, or container:<name|id> to share another container's network. */
const NETWORK_MODE = /^(container:[a-zA-Z0-9][a-zA-Z0-9_.-]*|[a-zA-Z0-9][a-zA-Z0-9_.-]*)$/
const IPV4 = /^(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}$/
const IPV6 = /^[0-9a-fA-F:.]+$/
export const RESTART_POLICIES = ['no', 'always', 'unless-stopped', 'on-failure'] as const
const MAX_RETRIES = 1_000_000

export function isIpAddress(text: string): boolean {
  if (IPV4.test(text)) return true
  if (!IPV6.test(text)) return false
  // Hex groups of 1 to 4 digits, an IPv4 tail counting as two; eight in all, or fewer around one '::'.
  const halves = text.split('::')
  if (halves.length > 2) return false
  const groups = halves.map((half) => (half === '' ? [] : half.split(':')))
  const all = groups.flat()
  const tail = all.at(-1) ?? ''
  const hasIpv4Tail = tail.includes('.')
  if (hasIpv4Tail && !IPV4.test(tail)) return false
  const hex = hasIpv4Tail ? all.slice(0, -1) : all
  if (!hex.every((group) => /^[0-9a-fA-F]{1,4}$/.test(group))) return false
  const count = hex.length + (hasIpv4Tail ? 2 : 0)
  return halves.length === 2 ? count < 8 : count === 8
}

function isPort(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= 65535
}

function commandIssues(field: 'cmd' | 'entrypoint', command: string[] | null | undefined): ChangeIssue[] {
  if (command === undefined || command === null) return []
  if (command.length === 0) {
    return [issueAt([field], field === 'entrypoint' ? 'run.entrypointEmpty' : 'run.commandEmpty')]
  }
  if (command[0] === '') return [issueAt([field, 0], 'change.programEmpty')]
  const bad = command.findIndex((part) => part.includes('\0'))
  return bad === -1 ? [] : [issueAt([field, bad], 'change.nul')]
}

function envIssues(env: string[]): ChangeIssue[] {
  return env.flatMap((entry, index): ChangeIssue[] => {
    const equals = entry.indexOf('=')
    if (equals === -1) return [issueAt(['env', index], 'change.notKeyValue', { entry })]
    const key = entry.slice(0, equals)
    if (!ENV_KEY.test(key)) return [issueAt(['env', index], 'change.variableName', { key })]
    if (entry.includes('\0')) return [issueAt(['env', index], 'run.envNul', { key })]
    return []
  })
}

function bindingKey(port: RunPort): string | null {
  return port.hostPort === undefined ? null : `${port.hostIp ?? ''}|${String(port.hostPort)}|${port.protocol}`
}

function portIssues(ports: RunPort[]): ChangeIssue[] {
  const seen = new Map<string, number>()
  return ports.flatMap((port, index): ChangeIssue[] => {
    const issues: ChangeIssue[] = []
    if (!isPort(port.containerPort)) issues.push(issueAt(['ports', index, 'containerPort'], 'run.portRange', { port: String(port.containerPort) }))
    if (port.hostPort !== undefined && !isPort(port.hostPort)) {
      issues.push(issueAt(['ports', index, 'hostPort'], 'run.hostPortRange', { port: String(port.hostPort) }))
    }
    if (port.hostIp !== undefined && !isIpAddress(port.hostIp)) issues.push(issueAt(['ports', index, 'hostIp'], 'run.hostIp', { ip: port.hostIp }))
    const key = bindingKey(port)
    const earlier = key === null ? undefined : seen.get(key)
    if (earlier !== undefined) {
      issues.push(issueAt(['ports', index, 'hostPort'], 'run.portTaken', { port: String(port.hostPort), protocol: port.protocol, earlier: String(earlier + 1) }))
    } else if (key !== null) seen.set(key, index)
    return issues
  })
}

/** Which path it is, as the problem that names it when it is not absolute. */
type PathRole = 'run.sourceNotAbsolute' | 'run.targetNotAbsolute' | 'run.workingDirNotAbsolute'

function absolutePathIssue(path: (string | number)[], value: string, what: PathRole): ChangeIssue[] {
  if (!value.startsWith('/')) return [issueAt(path, what, { value })]
  if (value.includes('\0')) return [issueAt(path, 'change.nul')]
  return []
}

/** Docker's -v (the engine's Binds) separates source, target and mode with ':'; a path holding one cannot be written there. */
function mountPathIssues(path: (string | number)[], value: string, what: PathRole): ChangeIssue[] {
  const issues = absolutePathIssue(path, value, what)
  if (issues.length === 0 && value.includes(':')) return [issueAt(path, 'run.mountColon', { value })]
  return issues
}

function mountIssues(mounts: RunMount[]): ChangeIssue[] {
  const targets = new Map<string, number>()
  return mounts.flatMap((mount, index): ChangeIssue[] => {
    const issues: ChangeIssue[] =
      mount.type === 'bind'
        ? mountPathIssues(['mounts', index, 'source'], mount.source, 'run.sourceNotAbsolute')
        : CONTAINER_NAME.test(mount.name)
          ? []
          : [issueAt(['mounts', index, 'name'], 'run.volumeName', { name: mount.name })]
    const targetIssues = mountPathIssues(['mounts', index, 'target'], mount.target, 'run.targetNotAbsolute')
    issues.push(...targetIssues)
    const target = mount.target.replace(/\/+$/, '') || '/'
    if (targetIssues.length === 0 && target === '/') issues.push(issueAt(['mounts', index, 'target'], 'run.rootTarget'))
    const earlier = targets.get(target)
    if (earlier !== undefined) issues.push(issueAt(['mounts', index, 'target'], 'run.targetTaken', { target, earlier: String(earlier + 1) }))
    else targets.set(target, index)
    return issues
  })
}

function labelIssues(labels: Record<string, string>): ChangeIssue[] {
  return Object.entries(labels).flatMap(([key, value]): ChangeIssue[] => {
    if (key.trim() === '') return [issueAt(['labels', key], 'change.labelEmpty')]
    if (key.includes('=')) return [issueAt(['labels', key], 'run.labelEquals', { key })]
    if (key.includes('\0') || value.includes('\0')) return [issueAt(['labels', key], 'change.nul')]
    return []
  })
}

function restartIssues(request: RunRequest): ChangeIssue[] {
  const restart = request.restart
  if (restart === undefined) return []
  const issues: ChangeIssue[] = []
  if (!(RESTART_POLICIES as readonly string[]).includes(restart.name)) issues.push(issueAt(['restart', 'name'], 'run.restartPolicy', { name: restart.name }))
  if (restart.maxRetries !== undefined) {
    if (restart.name !== 'on-failure') issues.push(issueAt(['restart', 'maxRetries'], 'run.retriesOnlyOnFailure'))
    else if (!Number.isInteger(restart.maxRetries) || restart.maxRetries < 0 || restart.maxRetries > MAX_RETRIES) {
      issues.push(issueAt(['restart', 'maxRetries'], 'run.retries', { value: String(restart.maxRetries) }))
    }
  }
  if (restart.name !== 'no' && request.autoRemove === true) issues.push(issueAt(['restart', 'name'], 'run.restartAutoRemove'))
  return issues
}

/** Every problem with a containers.run request, each naming its field; empty when the engine will be asked. */
export function runRequestIssues(request: RunRequest): ChangeIssue[] {
  const issues: ChangeIssue[] = []
  if (request.name !== undefined && !CONTAINER_NAME.test(request.name)) {
    issues.push(issueAt(['name'], 'run.containerName', { name: request.name }))
  }
  issues.push(...commandIssues('cmd', request.cmd), ...commandIssues('entrypoint', request.entrypoint))
  if (request.env !== undefined) issues.push(...envIssues(request.env))
  if (request.ports !== undefined) issues.push(...portIssues(request.ports))
  if (request.mounts !== undefined) issues.push(...mountIssues(request.mounts))
  if (request.workingDir !== undefined) issues.push(...absolutePathIssue(['workingDir'], request.workingDir, 'run.workingDirNotAbsolute'))
  if (request.user !== undefined && !USER_SPEC.test(request.user)) issues.push(issueAt(['user'], 'change.user', { user: request.user }))
  if (request.labels !== undefined) issues.push(...labelIssues(request.labels))
  issues.push(...restartIssues(request))
  if (request.networkMode !== undefined && !NETWORK_MODE.test(request.networkMode)) {
    issues.push(issueAt(['networkMode'], 'run.networkMode', { mode: request.networkMode }))
  }
  return issues
}
