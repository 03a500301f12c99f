import { shortId } from '../../shared/format'
import type { Blocker, BlockerKind, ContainerStateName, JsonValue, Remedy } from '../../shared/types'

const KINDS: readonly BlockerKind[] = ['running-container', 'stopped-container', 'child-image', 'tag']
const REMEDIES: readonly Remedy[] = ['stop-and-remove', 'remove-container', 'delete-child', 'untag']
const STATES: readonly ContainerStateName[] = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead']

function isOneOf<T extends string>(list: readonly T[], value: JsonValue | undefined): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value)
}

/** Reads the blockers a CONFLICT error carries in detail.blockers; null when it carries none. */
export function blockersFromDetail(value: JsonValue | undefined): Blocker[] | null {
  if (!Array.isArray(value)) return null
  const blockers: Blocker[] = []
  for (const entry of value) {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return null
    const { kind, id, name, state, remedy, forceOverrides } = entry
    if (!isOneOf(KINDS, kind) || typeof id !== 'string' || typeof name !== 'string' || !isOneOf(REMEDIES, remedy)) return null
    blockers.push({ kind, id, name, state: isOneOf(STATES, state) ? state : null, remedy, forceOverrides: forceOverrides === true })
  }
  return blockers
}

export interface BlockerText {
  /** The part before the name. */
  lead: string
  name: string
  /** The part after the name. */
  rest: string
  remedy: string
}

/** The sentence that names a blocker, and the step that clears it. */
export function describeBlocker(blocker: Blocker): BlockerText {
  const name = blocker.name !== '' ? blocker.name : shortId(blocker.id)
  switch (blocker.kind) {
    case 'running-container':
      return { lead: 'Container ', name, rest: ` is ${blocker.state ?? 'running'}`, remedy: 'stop and remove it' }
    case 'stopped-container':
      return { lead: 'Container ', name, rest: ` (${blocker.state ?? 'exited'}) uses it`, remedy: 'remove it' }
    case 'child-image':
      return { lead: 'Image ', name, rest: ' was built on it', remedy: 'delete it first' }
    case 'tag':
      return { lead: 'Tagged ', name, rest: '', remedy: 'untag' }
  }
}

/** The label of the button that clears every blocker and then deletes, naming only the steps it takes. */
export function clearAndDeleteLabel(blockers: readonly Blocker[]): string {
  const steps: string[] = []
  if (blockers.some((blocker) => blocker.kind === 'running-container')) steps.push('Stop and remove containers')
  else if (blockers.some((blocker) => blocker.kind === 'stopped-container')) steps.push('Remove containers')
  if (blockers.some((blocker) => blocker.kind === 'tag')) steps.push(steps.length === 0 ? 'Untag' : 'untag')
  return `${steps.join(', ')}, then delete`
}

/** Shows a full 64-digit ID the short way; names and tags stay as they are. */
export function displayRef(value: string): string {
  return /^(sha256:)?[0-9a-f]{64}$/.test(value) ? shortId(value) : value
}

export function sameImageId(a: string, b: string): boolean {
  return a.replace(/^sha256:/, '') === b.replace(/^sha256:/, '')
}
