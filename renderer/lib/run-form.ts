import { runRequestIssues } from '../../shared/run-checks'
import type { RestartPolicyName, RunMount, RunPort, RunRequest } from '../../shared/types'
import { detailProblemList, problemText } from '../i18n/problems'
import type { Translate } from '../i18n/translator'
import { splitShellWords } from './shell-words'

/**
 * The run dialog's fields as typed, and how they become a containers.run request.
 * The core's own checks (runRequestIssues) run here too, so each field shows the
 * core's message while the user types; the core's refusals map back to the same fields.
 */

export interface KeyValueRow {
  key: string
  value: string
}

export interface PortRow {
  hostIp: string
  hostPort: string
  containerPort: string
  protocol: RunPort['protocol']
}

export interface MountRow {
  type: RunMount['type']
  /** A host path for bind, a volume's name for volume. */
  source: string
  target: string
  readOnly: boolean
}

export interface RunForm {
  name: string
  /** As typed after `docker run IMAGE`: words with shell quoting, or a JSON array. */
  command: string
  entrypoint: string
  env: KeyValueRow[]
  ports: PortRow[]
  mounts: MountRow[]
  workingDir: string
  user: string
  labels: KeyValueRow[]
  restart: RestartPolicyName
  maxRetries: string
  networkMode: string
  tty: boolean
  interactive: boolean
  autoRemove: boolean
  start: boolean
}

/** Where an error shows: 'name', 'cmd', 'env.2' (a row), 'ports.0.hostPort', 'restart', … */
export type FieldErrors = Record<string, string[]>

export interface BuiltRun {
  request: RunRequest
  errors: FieldErrors
  valid: boolean
}

export function emptyRunForm(): RunForm {
  return {
    name: '',
    command: '',
    entrypoint: '',
    env: [],
    ports: [],
    mounts: [],
    workingDir: '',
    user: '',
    labels: [],
    restart: 'no',
    maxRetries: '',
    networkMode: '',
    tty: false,
    interactive: false,
    autoRemove: false,
    start: true,
  }
}

export function emptyPortRow(): PortRow {
  return { hostIp: '', hostPort: '', containerPort: '', protocol: 'tcp' }
}

export function emptyMountRow(): MountRow {
  return { type: 'bind', source: '', target: '', readOnly: false }
}

function addError(errors: FieldErrors, key: string, message: string): void {
  errors[key] = [...(errors[key] ?? []), message]
}

function isBlankRow(row: KeyValueRow): boolean {
  return row.key.trim() === '' && row.value === ''
}

/** The request's list index of each row sent, so an issue at env.1 marks the row the user typed it in. */
interface RowIndex {
  env: number[]
  ports: number[]
  mounts: number[]
  labels: Map<string, number>
}

function words(errors: FieldErrors, key: 'cmd' | 'entrypoint', text: string, t: Translate): string[] | undefined {
  if (text.trim() === '') return undefined
  const split = splitShellWords(text, t)
  if (!split.ok) {
    addError(errors, key, split.message)
    return undefined
  }
  return split.words
}

function portNumber(errors: FieldErrors, key: string, text: string, required: boolean, t: Translate): number | undefined {
  const trimmed = text.trim()
  if (trimmed === '') {
    if (required) addError(errors, key, t('run.check.containerPortMissing'))
    return undefined
  }
  if (!/^[0-9]+$/.test(trimmed)) {
    addError(errors, key, t('run.check.notPort', { text: trimmed }))
    return undefined
  }
  return Number(trimmed)
}

function gatherPorts(form: RunForm, errors: FieldErrors, rows: RowIndex, t: Translate): RunPort[] {
  const ports: RunPort[] = []
  form.ports.forEach((row, index) => {
    if (row.hostIp.trim() === '' && row.hostPort.trim() === '' && row.containerPort.trim() === '') return
    const containerPort = portNumber(errors, `ports.${String(index)}.containerPort`, row.containerPort, true, t)
    const hostPort = portNumber(errors, `ports.${String(index)}.hostPort`, row.hostPort, false, t)
    if (containerPort === undefined) return
    const port: RunPort = { containerPort, protocol: row.protocol }
    if (hostPort !== undefined) port.hostPort = hostPort
    if (row.hostIp.trim() !== '') port.hostIp = row.hostIp.trim()
    rows.ports.push(index)
    ports.push(port)
  })
  return ports
}

function gatherMounts(form: RunForm, errors: FieldErrors, rows: RowIndex, t: Translate): RunMount[] {
  const mounts: RunMount[] = []
  form.mounts.forEach((row, index) => {
    const source = row.source.trim()
    const target = row.target.trim()
    if (source === '' && target === '') return
    if (source === '') addError(errors, `mounts.${String(index)}.source`, t(row.type === 'bind' ? 'run.check.hostPathMissing' : 'run.check.volumeNameMissing'))
    if (target === '') addError(errors, `mounts.${String(index)}.target`, t('run.check.targetMissing'))
    if (source === '' || target === '') return
    rows.mounts.push(index)
    mounts.push(row.type === 'bind' ? { type: 'bind', source, target, readOnly: row.readOnly } : { type: 'volume', name: source, target, readOnly: row.readOnly })
  })
  return mounts
}

function gatherEnv(form: RunForm, errors: FieldErrors, rows: RowIndex, t: Translate): string[] {
  const env: string[] = []
  form.env.forEach((row, index) => {
    if (isBlankRow(row)) return
    if (row.key.trim() === '') {
      addError(errors, `env.${String(index)}`, t('run.check.variableNoName'))
      return
    }
    rows.env.push(index)
    env.push(`${row.key.trim()}=${row.value}`)
  })
  return env
}

function gatherLabels(form: RunForm, errors: FieldErrors, rows: RowIndex, t: Translate): Record<string, string> {
  const labels: Record<string, string> = {}
  form.labels.forEach((row, index) => {
    if (isBlankRow(row)) return
    const key = row.key.trim()
    const earlier = rows.labels.get(key)
    if (key !== '' && earlier !== undefined) {
      addError(errors, `labels.${String(index)}`, t('run.check.labelTwice', { key, row: earlier + 1 }))
      return
    }
    rows.labels.set(key, index)
    labels[key] = row.value
  })
  return labels
}

function gatherRestart(form: RunForm, errors: FieldErrors, t: Translate): RunRequest['restart'] {
  if (form.restart === 'no') return undefined
  const retries = form.maxRetries.trim()
  if (form.restart !== 'on-failure' || retries === '') return { name: form.restart }
  if (!/^[0-9]+$/.test(retries)) {
    addError(errors, 'maxRetries', t('run.check.notRetries', { text: retries }))
    return { name: form.restart }
  }
  return { name: form.restart, maxRetries: Number(retries) }
}

function optionalText(text: string): string | undefined {
  return text.trim() === '' ? undefined : text.trim()
}

/** Where an issue of the core (or of runRequestIssues) shows in the form. */
export function fieldOfIssue(path: readonly (string | number)[], rows: RowIndex): string {
  const [head, second, third] = path
  const rowOf = (list: number[]): string => String(list[Number(second)] ?? second)
  if (head === 'env') return `env.${rowOf(rows.env)}`
  if (head === 'labels') return `labels.${String(rows.labels.get(String(second)) ?? 0)}`
  if (head === 'ports' && second !== undefined) return `ports.${rowOf(rows.ports)}.${String(third ?? 'containerPort')}`
  if (head === 'mounts' && second !== undefined) return `mounts.${rowOf(rows.mounts)}.${third === 'name' ? 'source' : String(third ?? 'target')}`
  if (head === 'restart') return second === 'maxRetries' ? 'maxRetries' : 'restart'
  return String(head ?? 'form')
}

export interface Gathered extends BuiltRun {
  rows: RowIndex
}

/** The form's own problems are worded by `t`; the core's checks keep the core's (English) wording. */
export function buildRun(form: RunForm, image: string, t: Translate): Gathered {
  const errors: FieldErrors = {}
  const rows: RowIndex = { env: [], ports: [], mounts: [], labels: new Map() }
  const request: RunRequest = { image }
  const name = optionalText(form.name)
  if (name !== undefined) request.name = name
  const cmd = words(errors, 'cmd', form.command, t)
  if (cmd !== undefined) request.cmd = cmd
  const entrypoint = words(errors, 'entrypoint', form.entrypoint, t)
  if (entrypoint !== undefined) request.entrypoint = entrypoint
  const env = gatherEnv(form, errors, rows, t)
  if (env.length > 0) request.env = env
  const ports = gatherPorts(form, errors, rows, t)
  if (ports.length > 0) request.ports = ports
  const mounts = gatherMounts(form, errors, rows, t)
  if (mounts.length > 0) request.mounts = mounts
  const labels = gatherLabels(form, errors, rows, t)
  if (Object.keys(labels).length > 0) request.labels = labels
  const workingDir = optionalText(form.workingDir)
  if (workingDir !== undefined) request.workingDir = workingDir
  const user = optionalText(form.user)
  if (user !== undefined) request.user = user
  const restart = gatherRestart(form, errors, t)
  if (restart !== undefined) request.restart = restart
  const networkMode = optionalText(form.networkMode)
  if (networkMode !== undefined) request.networkMode = networkMode
  if (form.tty) request.tty = true
  if (form.interactive) request.interactive = true
  if (form.autoRemove) request.autoRemove = true
  if (!form.start) request.start = false
  for (const issue of runRequestIssues(request)) addError(errors, fieldOfIssue(issue.path, rows), problemText(issue.problem, t))
  return { request, errors, valid: Object.keys(errors).length === 0, rows }
}

/**
 * The core's INVALID_INPUT issues placed on the fields they name: its problems worded by
 * `t` when the detail carries them, else its English issues ("ports.0.hostPort: message").
 */
export function serverFieldErrors(detail: Record<string, unknown>, rows: RowIndex, t: Translate): FieldErrors {
  const errors: FieldErrors = {}
  const placed = detailProblemList(detail)
  if (placed.length > 0) {
    for (const { path, problem } of placed) addError(errors, fieldOfIssue(path, rows), problemText(problem, t))
    return errors
  }
  const issues: readonly unknown[] = Array.isArray(detail.issues) ? detail.issues : []
  for (const issue of issues) {
    const text = typeof issue === 'string' ? issue : ''
    const separator = text.indexOf(': ')
    if (separator === -1) continue
    const path = text.slice(0, separator).split('.') as (string | number)[]
    addError(errors, fieldOfIssue(path, rows), text.slice(separator + 2))
  }
  return errors
}

/** Lines as an env file holds them: KEY=VALUE, blank lines and # comments skipped. Lines that are not KEY=VALUE are kept back with why. */
export function parseEnvLines(text: string, t: Translate): { rows: KeyValueRow[]; rejected: string[]; problems: string[] } {
  const rows: KeyValueRow[] = []
  const rejected: string[] = []
  const problems: string[] = []
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/\r$/, '')
    if (line.trim() === '' || line.trim().startsWith('#')) return
    const equals = line.indexOf('=')
    if (equals <= 0) {
      rejected.push(line)
      problems.push(t('run.check.notEnvLine', { line: index + 1, text: line }))
      return
    }
    rows.push({ key: line.slice(0, equals).trim().replace(/^export\s+/, ''), value: line.slice(equals + 1) })
  })
  return { rows, rejected, problems }
}

