import { shortId } from '../../shared/format'
import type { Blocker, BlockerKind, ContainerStateName, JsonValue, Remedy } from '../../shared/types'
import { translator, type Translate } from '../i18n/translator'

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
    const { kind, id, name, state, remedy, forceOverrides, via } = entry
    if (!isOneOf(KINDS, kind) || typeof id !== 'string' || typeof name !== 'string' || !isOneOf(REMEDIES, remedy)) return null
    const intermediates = Array.isArray(via) ? via.filter((item): item is string => typeof item === 'string') : []
    blockers.push({ kind, id, name, state: isOneOf(STATES, state) ? state : null, remedy, forceOverrides: forceOverrides === true, ...(intermediates.length > 0 ? { via: intermediates } : {}) })
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

let english: Translate | undefined

/** Callers that pass no translator (views not yet translated) get the English words. */
function englishWords(): Translate {
  english ??= translator('en')
  return english
}

// Stands in for the name while the whole sentence is translated, so translators see one
// sentence and the caller still gets the name apart (it is a link or bold). A private-use character.
const NAME_MARK = '\uE000'

const SENTENCE: Record<BlockerKind, string> = {
  'running-container': 'images.blockers.running',
  'stopped-container': 'images.blockers.stopped',
  'child-image': 'images.blockers.child',
  tag: 'images.blockers.tag',
}

const REMEDY: Record<BlockerKind, Remedy> = {
  'running-container': 'stop-and-remove',
  'stopped-container': 'remove-container',
  'child-image': 'delete-child',
  tag: 'untag',
}

/** The sentence that names a blocker, and the step that clears it, in the language `t` speaks. */
export function describeBlocker(blocker: Blocker, t: Translate = englishWords()): BlockerText {
  const name = blocker.name !== '' ? blocker.name : shortId(blocker.id)
  const state = t(`images.containerState.${blocker.state ?? (blocker.kind === 'running-container' ? 'running' : 'exited')}`)
  const sentence = t(SENTENCE[blocker.kind], { name: NAME_MARK, state })
  const at = sentence.indexOf(NAME_MARK)
  const lead = at === -1 ? sentence : sentence.slice(0, at)
  const rest = at === -1 ? '' : sentence.slice(at + NAME_MARK.length)
  return { lead, name, rest, remedy: t(`images.blockers.remedy.${REMEDY[blocker.kind]}`) }
}

/** The label of the button that clears every blocker and then deletes, naming only the steps it takes. */
export function clearAndDeleteLabel(blockers: readonly Blocker[], t: Translate = englishWords()): string {
  const untag = blockers.some((blocker) => blocker.kind === 'tag')
  if (blockers.some((blocker) => blocker.kind === 'running-container')) return t(untag ? 'images.blockers.clear.stopRemoveUntag' : 'images.blockers.clear.stopRemove')
  if (blockers.some((blocker) => blocker.kind === 'stopped-container')) return t(untag ? 'images.blockers.clear.removeUntag' : 'images.blockers.clear.remove')
  return untag ? t('images.blockers.clear.untag') : t('actions.delete')
}

/** Shows a full 64-digit ID the short way; names and tags stay as they are. */
export function displayRef(value: string): string {
  return /^(sha256:)?[0-9a-f]{64}$/.test(value) ? shortId(value) : value
}

export function sameImageId(a: string, b: string): boolean {
  return a.replace(/^sha256:/, '') === b.replace(/^sha256:/, '')
}
