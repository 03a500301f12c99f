import { ENV_KEY, USER_SPEC, type ChangeIssue } from './commit-changes'
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
    const leave = field === 'entrypoint' ? "leave it out to keep the image's, or clear it with null" : "leave it out to keep the image's"
    return [{ path: [field], message: `is empty: give the program to run, or ${leave}` }]
  }
  if (command[0] === '') return [{ path: [field, 0], message: 'the program name is empty' }]
  const bad = command.findIndex((part) => part.includes('\0'))
  return bad === -1 ? [] : [{ path: [field, bad], message: 'contains a NUL character' }]
}

function envIssues(env: string[]): ChangeIssue[] {
  return env.flatMap((entry, index): ChangeIssue[] => {
    const equals = entry.indexOf('=')
    if (equals === -1) return [{ path: ['env', index], message: `'${entry}' is not KEY=VALUE` }]
    const key = entry.slice(0, equals)
    if (!ENV_KEY.test(key)) return [{ path: ['env', index], message: `'${key}' is not a variable name (letters, digits and '_', not starting with a digit)` }]
    if (entry.includes('\0')) return [{ path: ['env', index], message: `the value of ${key} contains a NUL character` }]
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
    if (!isPort(port.containerPort)) issues.push({ path: ['ports', index, 'containerPort'], message: `${String(port.containerPort)} is not a port from 1 to 65535` })
    if (port.hostPort !== undefined && !isPort(port.hostPort)) {
      issues.push({ path: ['ports', index, 'hostPort'], message: `${String(port.hostPort)} is not a port from 1 to 65535 (leave it out to let the engine choose one)` })
    }
    if (port.hostIp !== undefined && !isIpAddress(port.hostIp)) issues.push({ path: ['ports', index, 'hostIp'], message: `'${port.hostIp}' is not an IPv4 or IPv6 address` })
    const key = bindingKey(port)
    const earlier = key === null ? undefined : seen.get(key)
    if (earlier !== undefined) {
      issues.push({ path: ['ports', index, 'hostPort'], message: `host port ${String(port.hostPort)}/${port.protocol} is already published by port ${String(earlier + 1)}` })
    } else if (key !== null) seen.set(key, index)
    return issues
  })
}

function absolutePathIssue(path: (string | number)[], value: string, what: string): ChangeIssue[] {
  if (!value.startsWith('/')) return [{ path, message: `'${value}' is not an absolute path (${what})` }]
  if (value.includes('\0')) return [{ path, message: 'contains a NUL character' }]
  return []
}

/** Docker's -v (the engine's Binds) separates source, target and mode with ':'; a path holding one cannot be written there. */
function mountPathIssues(path: (string | number)[], value: string, what: string): ChangeIssue[] {
  const issues = absolutePathIssue(path, value, what)
  if (issues.length === 0 && value.includes(':')) return [{ path, message: `'${value}' contains ':', which separates source, target and mode in a mount` }]
  return issues
}

function mountIssues(mounts: RunMount[]): ChangeIssue[] {
  const targets = new Map<string, number>()
  return mounts.flatMap((mount, index): ChangeIssue[] => {
    const issues: ChangeIssue[] =
      mount.type === 'bind'
        ? mountPathIssues(['mounts', index, 'source'], mount.source, 'the host path to mount')
        : CONTAINER_NAME.test(mount.name)
          ? []
          : [{ path: ['mounts', index, 'name'], message: `'${mount.name}' is not a volume name: letters, digits, '_', '.' and '-', starting with a letter or digit, at least 2 characters` }]
    const targetIssues = mountPathIssues(['mounts', index, 'target'], mount.target, 'where it appears in the container')
    issues.push(...targetIssues)
    const target = mount.target.replace(/\/+$/, '') || '/'
    if (targetIssues.length === 0 && target === '/') issues.push({ path: ['mounts', index, 'target'], message: 'cannot mount over the root folder /' })
    const earlier = targets.get(target)
    if (earlier !== undefined) issues.push({ path: ['mounts', index, 'target'], message: `${target} is already the target of mount ${String(earlier + 1)}` })
    else targets.set(target, index)
    return issues
  })
}

function labelIssues(labels: Record<string, string>): ChangeIssue[] {
  return Object.entries(labels).flatMap(([key, value]): ChangeIssue[] => {
    if (key.trim() === '') return [{ path: ['labels', key], message: 'a label name is empty' }]
    if (key.includes('=')) return [{ path: ['labels', key], message: `the label name '${key}' contains '=', which separates name and value` }]
    if (key.includes('\0') || value.includes('\0')) return [{ path: ['labels', key], message: 'contains a NUL character' }]
    return []
  })
}

function restartIssues(request: RunRequest): ChangeIssue[] {
  const restart = request.restart
  if (restart === undefined) return []
  const issues: ChangeIssue[] = []
  if (!(RESTART_POLICIES as readonly string[]).includes(restart.name)) issues.push({ path: ['restart', 'name'], message: `'${restart.name}' is not a restart policy: no, always, unless-stopped or on-failure` })
  if (restart.maxRetries !== undefined) {
    if (restart.name !== 'on-failure') issues.push({ path: ['restart', 'maxRetries'], message: 'a number of retries goes only with on-failure' })
    else if (!Number.isInteger(restart.maxRetries) || restart.maxRetries < 0 || restart.maxRetries > MAX_RETRIES) {
      issues.push({ path: ['restart', 'maxRetries'], message: `${String(restart.maxRetries)} is not a whole number of retries from 0 (leave it out to retry forever)` })
    }
  }
  if (restart.name !== 'no' && request.autoRemove === true) issues.push({ path: ['restart', 'name'], message: `a container removed when it stops cannot restart: choose 'no', or do not remove it when stopped` })
  return issues
}

/** Every problem with a containers.run request, each naming its field; empty when the engine will be asked. */
export function runRequestIssues(request: RunRequest): ChangeIssue[] {
  const issues: ChangeIssue[] = []
  if (request.name !== undefined && !CONTAINER_NAME.test(request.name)) {
    issues.push({ path: ['name'], message: `'${request.name}' is not a container name: letters, digits, '_', '.' and '-', starting with a letter or digit, at least 2 characters` })
  }
  issues.push(...commandIssues('cmd', request.cmd), ...commandIssues('entrypoint', request.entrypoint))
  if (request.env !== undefined) issues.push(...envIssues(request.env))
  if (request.ports !== undefined) issues.push(...portIssues(request.ports))
  if (request.mounts !== undefined) issues.push(...mountIssues(request.mounts))
  if (request.workingDir !== undefined) issues.push(...absolutePathIssue(['workingDir'], request.workingDir, 'the working directory'))
  if (request.user !== undefined && !USER_SPEC.test(request.user)) issues.push({ path: ['user'], message: `'${request.user}' is not a user name or ID, optionally with :group` })
  if (request.labels !== undefined) issues.push(...labelIssues(request.labels))
  issues.push(...restartIssues(request))
  if (request.networkMode !== undefined && !NETWORK_MODE.test(request.networkMode)) {
    issues.push({ path: ['networkMode'], message: `'${request.networkMode}' is not a network: bridge, host, none, container:<name> or a network's name` })
  }
  return issues
}
