import { commitInputIssues, type ChangeIssue } from '../../shared/commit-changes'
import type { CommitChanges, ContainerStateName } from '../../shared/types'
import type { Problem } from '../../shared/problems'
import { problemAt, problemText } from '../i18n/problems'
import type { Translate } from '../i18n/translator'
import { lines, parseExecForm, optionalNumber } from './form-lines'

/**
 * The commit dialog's fields as typed, and how they become a commit request.
 * Every check the core makes runs here too (commitInputIssues), so each field
 * shows the core's own problem, worded in the user's language, while the user types.
 */

/** The container a commit dialog is for, and the image it was created from. */
export interface CommitTarget {
  id: string
  name: string
  state: ContainerStateName
  imageId: string
  /** The image's tag, when it has one. */
  imageName: string | null
}

export type HealthcheckMode = 'keep' | 'command' | 'none'

export interface CommitForm {
  repository: string
  tag: string
  comment: string
  author: string
  /** Exec form: one argument per line, or a JSON array. */
  cmd: string
  entrypoint: string
  /** KEY=value per line. */
  env: string
  /** key=value per line. */
  labels: string
  /** One per line. */
  expose: string
  volumes: string
  onbuild: string
  user: string
  workdir: string
  stopSignal: string
  healthMode: HealthcheckMode
  healthTest: string
  healthInterval: string
  healthTimeout: string
  healthStartPeriod: string
  healthRetries: string
}

export type CommitField = Exclude<keyof CommitForm, 'comment' | 'author' | 'healthMode'>

export type FieldErrors = Partial<Record<CommitField, string[]>>

export interface BuiltCommit {
  repository?: string
  tag?: string
  comment?: string
  author?: string
  changes: CommitChanges
  errors: FieldErrors
  valid: boolean
}

export function emptyCommitForm(): CommitForm {
  return {
    repository: '',
    tag: '',
    comment: '',
    author: '',
    cmd: '',
    entrypoint: '',
    env: '',
    labels: '',
    expose: '',
    volumes: '',
    onbuild: '',
    user: '',
    workdir: '',
    stopSignal: '',
    healthMode: 'keep',
    healthTest: '',
    healthInterval: '',
    healthTimeout: '',
    healthStartPeriod: '',
    healthRetries: '',
  }
}

interface Gathered {
  t: Translate
  changes: CommitChanges
  errors: FieldErrors
  /** Per list field, where each value sent was typed; labels by key. */
  where: Partial<Record<CommitField, Problem[]>>
  labelWhere: Map<string, Problem>
}

function addError(errors: FieldErrors, field: CommitField, message: string): void {
  const list = errors[field] ?? []
  list.push(message)
  errors[field] = list
}

function execField(gathered: Gathered, field: 'cmd' | 'entrypoint' | 'healthTest', text: string): string[] | undefined {
  if (text.trim() === '' && field !== 'healthTest') return undefined
  const parsed = parseExecForm(text)
  if (!parsed.ok) {
    addError(gathered.errors, field, problemText(parsed.problem, gathered.t))
    return undefined
  }
  gathered.where[field] = parsed.items.map((item) => item.where)
  return parsed.items.map((item) => item.value)
}

function listField(gathered: Gathered, field: 'env' | 'expose' | 'volumes' | 'onbuild', text: string): string[] | undefined {
  const items = lines(text, false)
  if (items.length === 0) return undefined
  gathered.where[field] = items.map((item) => item.where)
  return items.map((item) => item.value)
}

function labelField(gathered: Gathered, text: string): Record<string, string> | undefined {
  const items = lines(text, false)
  if (items.length === 0) return undefined
  const labels: Record<string, string> = {}
  for (const item of items) {
    const equals = item.value.indexOf('=')
    if (equals === -1) {
      addError(gathered.errors, 'labels', gathered.t('containers.commit.notKeyValue', { where: problemText(item.where, gathered.t), value: item.value }))
      continue
    }
    const key = item.value.slice(0, equals).trim()
    labels[key] = item.value.slice(equals + 1).trim()
    gathered.labelWhere.set(key, item.where)
  }
  return labels
}

function healthcheck(gathered: Gathered, form: CommitForm): CommitChanges['healthcheck'] {
  if (form.healthMode === 'keep') return undefined
  if (form.healthMode === 'none') return { none: true }
  const test = execField(gathered, 'healthTest', form.healthTest) ?? []
  const check: NonNullable<CommitChanges['healthcheck']> = { test }
  const numbers = [
    ['healthInterval', 'intervalSeconds', form.healthInterval],
    ['healthTimeout', 'timeoutSeconds', form.healthTimeout],
    ['healthStartPeriod', 'startPeriodSeconds', form.healthStartPeriod],
    ['healthRetries', 'retries', form.healthRetries],
  ] as const
  for (const [field, key, text] of numbers) {
    const parsed = optionalNumber(text)
    if (parsed.problem !== undefined) addError(gathered.errors, field, problemText(parsed.problem, gathered.t))
    else if (parsed.value !== undefined) check[key] = parsed.value
  }
  return check
}

function text(value: string): string | undefined {
  return value.trim() === '' ? undefined : value.trim()
}

function gather(form: CommitForm, t: Translate): Gathered {
  const gathered: Gathered = { t, changes: {}, errors: {}, where: {}, labelWhere: new Map() }
  const changes: CommitChanges = {
    cmd: execField(gathered, 'cmd', form.cmd),
    entrypoint: execField(gathered, 'entrypoint', form.entrypoint),
    env: listField(gathered, 'env', form.env),
    labels: labelField(gathered, form.labels),
    expose: listField(gathered, 'expose', form.expose),
    volumes: listField(gathered, 'volumes', form.volumes),
    user: text(form.user),
    workdir: text(form.workdir),
    stopSignal: text(form.stopSignal),
    healthcheck: healthcheck(gathered, form),
    onbuild: listField(gathered, 'onbuild', form.onbuild),
  }
  // Absent, not undefined: the request then says only what the user set.
  gathered.changes = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined))
  return gathered
}

const HEALTH_FIELDS: Record<string, CommitField> = {
  test: 'healthTest',
  intervalSeconds: 'healthInterval',
  timeoutSeconds: 'healthTimeout',
  startPeriodSeconds: 'healthStartPeriod',
  retries: 'healthRetries',
}

const CHANGE_FIELDS: Record<string, CommitField> = {
  cmd: 'cmd',
  entrypoint: 'entrypoint',
  env: 'env',
  expose: 'expose',
  labels: 'labels',
  user: 'user',
  workdir: 'workdir',
  volumes: 'volumes',
  stopSignal: 'stopSignal',
  onbuild: 'onbuild',
}

/** The form field an issue of commitInputIssues belongs to, and the line it names. */
function place(issue: ChangeIssue, gathered: Gathered): { field: CommitField; where: Problem | null } | null {
  const [first, second, third, fourth] = issue.path
  if (first === 'repository' || first === 'tag') return { field: first, where: null }
  if (first !== 'changes' || typeof second !== 'string') return null
  if (second === 'healthcheck') {
    const field = typeof third === 'string' ? HEALTH_FIELDS[third] : undefined
    if (field === undefined) return null
    return { field, where: typeof fourth === 'number' ? (gathered.where.healthTest?.[fourth] ?? null) : null }
  }
  const field = CHANGE_FIELDS[second]
  if (field === undefined) return null
  if (field === 'labels' && typeof third === 'string') return { field, where: gathered.labelWhere.get(third) ?? null }
  return { field, where: typeof third === 'number' ? (gathered.where[field]?.[third] ?? null) : null }
}

/**
 * The request the form makes, with every problem filed under its field, worded by `t`:
 * the form's own, the line parsing's and the core's checks' (commitInputIssues).
 */
export function buildCommit(form: CommitForm, t: Translate): BuiltCommit {
  const gathered = gather(form, t)
  const naming = { repository: text(form.repository), tag: text(form.tag) }
  const errors = gathered.errors
  for (const issue of commitInputIssues({ ...naming, changes: gathered.changes })) {
    const spot = place(issue, gathered)
    // An issue with no field of its own still blocks the commit; it shows with the name.
    const field = spot?.field ?? 'repository'
    const where = spot?.where ?? null
    addError(errors, field, where === null ? problemText(issue.problem, t) : problemAt(problemText(where, t), issue.problem, t))
  }
  const built: BuiltCommit = { changes: gathered.changes, errors, valid: Object.keys(errors).length === 0 }
  if (naming.repository !== undefined) built.repository = naming.repository
  if (naming.tag !== undefined) built.tag = naming.tag
  const comment = text(form.comment)
  const author = text(form.author)
  if (comment !== undefined) built.comment = form.comment
  if (author !== undefined) built.author = author
  return built
}
