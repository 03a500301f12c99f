import type { ContainerStateName, ContainerSummary } from '../../../shared/types'

/**
 * What a container event says by itself about the container, before any lookup.
 * The engine announces some changes before its list shows them (a `die` is sent
 * while /containers/json still says "running"), so the event is the first truth
 * and a lookup that contradicts it is stale.
 */
export interface ImpliedState {
  state?: ContainerStateName
  /** Only with state 'exited': the exit code the event carries. */
  exitCode?: number | null
  name?: string
  /** The health the engine just measured: 'healthy', 'unhealthy' or 'starting'. */
  health?: string
  gone?: true
}

/** The container actions that change what Strata shows. `health_status: …` carries its value in the action. */
const WATCHED = new Set(['create', 'start', 'die', 'stop', 'kill', 'oom', 'pause', 'unpause', 'restart', 'rename', 'destroy', 'update'])

export function isWatchedContainerAction(action: string): boolean {
  return WATCHED.has(action) || action.startsWith('health_status')
}

export function impliedByEvent(action: string, attributes: Readonly<Record<string, string>>): ImpliedState {
  switch (action) {
    case 'create':
      return { state: 'created' }
    case 'start':
    case 'restart':
    case 'unpause':
      return { state: 'running' }
    case 'die':
    case 'stop': {
      const code = attributes.exitCode === undefined ? Number.NaN : Number(attributes.exitCode)
      return { state: 'exited', exitCode: Number.isInteger(code) ? code : null }
    }
    case 'pause':
      return { state: 'paused' }
    case 'rename':
      return attributes.name === undefined || attributes.name === '' ? {} : { name: attributes.name.replace(/^\//, '') }
    case 'destroy':
      return { gone: true }
    default: {
      const health = /^health_status:\s*(healthy|unhealthy|starting)$/.exec(action)?.[1]
      return health === undefined ? {} : { health }
    }
  }
}

/** Engine states a lookup may legitimately show after the implied one (a restart policy sends `die` then restarts). */
const COMPATIBLE: Partial<Record<ContainerStateName, readonly ContainerStateName[]>> = {
  exited: ['exited', 'restarting', 'dead', 'removing'],
  running: ['running', 'restarting'],
  paused: ['paused'],
  created: ['created', 'running', 'exited', 'dead', 'removing', 'restarting', 'paused'],
}

/** True when a lookup answer cannot be the state right after the event: the engine had not caught up yet. */
export function contradicts(found: ContainerSummary | null, implied: ImpliedState): boolean {
  if (implied.gone === true) return found !== null
  if (found === null) return false
  if (implied.state !== undefined && !(COMPATIBLE[implied.state] ?? [implied.state]).includes(found.state)) return true
  if (implied.name !== undefined && found.name !== implied.name) return true
  if (implied.health !== undefined && found.state === 'running' && healthOf(found.status) !== implied.health) return true
  return false
}

const HEALTH_SUFFIX = /\s*\((healthy|unhealthy|health: starting)\)$/

function healthOf(status: string): string | null {
  const word = HEALTH_SUFFIX.exec(status)?.[1]
  if (word === undefined) return null
  return word === 'health: starting' ? 'starting' : word
}

/** The engine's wording of an uptime line without its suffixes, or a fresh one. */
function upLine(previous: ContainerSummary): string {
  if (previous.state === 'running' || previous.state === 'paused') return previous.status.replace(/\s*\(Paused\)$/, '').replace(HEALTH_SUFFIX, '')
  return 'Up Less than a second'
}

/**
 * The summary as the event says it now is, worded as the engine words it
 * ("Exited (137) Less than a second ago"), so the renderer translates it like any other.
 * Null when the event removed the container.
 */
export function applyImplied(summary: ContainerSummary, implied: ImpliedState): ContainerSummary | null {
  if (implied.gone === true) return null
  let next: ContainerSummary = summary
  if (implied.state !== undefined && !(COMPATIBLE[implied.state] ?? [implied.state]).includes(summary.state)) {
    next = { ...next, state: implied.state, status: impliedStatus(summary, implied) }
  }
  if (implied.name !== undefined && next.name !== implied.name) {
    const names = [implied.name, ...next.names.filter((name) => name !== summary.name && name !== implied.name)]
    next = { ...next, name: implied.name, names }
  }
  if (implied.health !== undefined && next.state === 'running' && healthOf(next.status) !== implied.health) {
    const word = implied.health === 'starting' ? 'health: starting' : implied.health
    next = { ...next, status: `${next.status.replace(HEALTH_SUFFIX, '')} (${word})` }
  }
  return next
}

function impliedStatus(summary: ContainerSummary, implied: ImpliedState): string {
  switch (implied.state) {
    case 'running':
      return upLine(summary)
    case 'paused':
      return `${upLine(summary)} (Paused)`
    case 'exited':
      return implied.exitCode === null || implied.exitCode === undefined ? 'Exited Less than a second ago' : `Exited (${String(implied.exitCode)}) Less than a second ago`
    case 'created':
      return 'Created'
    default:
      return summary.status
  }
}
