import { problem, problemEnglish, type Problem, type ProblemId, type ProblemParams } from './problems'
import { repositoryProblem, tagProblem } from './reference'
import type { CommitChanges, HealthcheckChange } from './types'

/**
 * Checks a commit's structured changes before anything reaches the engine. Pure,
 * so the renderer can show each problem next to its field as the user types.
 */

export interface ChangeIssue {
  /** Where the problem is, e.g. ['changes', 'env', 0]. */
  path: (string | number)[]
  /** What is wrong, for the renderer to word in the user's language. */
  problem: Problem
  /** The problem in English, as the core and the command line say it. */
  message: string
}

export function issueOf(path: (string | number)[], found: Problem): ChangeIssue {
  return { path, problem: found, message: problemEnglish(found) }
}

/** An issue at `path`: the problem `id` with its values. */
export function issueAt(path: (string | number)[], id: ProblemId, params: ProblemParams = {}): ChangeIssue {
  return issueOf(path, problem(id, params))
}

export function issueText(issue: ChangeIssue): string {
  return `${issue.path.join('.')}: ${issue.message}`
}

/** An INVALID_INPUT error's detail for these issues: each in English, and as problems the renderer words. */
export function issuesDetail(issues: ChangeIssue[]): { issues: { path: (string | number)[]; message: string }[]; problems: { path: (string | number)[]; problem: Problem }[] } {
  return { issues: issues.map((issue) => ({ path: issue.path, message: issue.message })), problems: issues.map((issue) => ({ path: issue.path, problem: issue.problem })) }
}

export const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/
export const PORT_SPEC = /^([0-9]+)(?:\/([A-Za-z]+))?$/
const PROTOCOLS = new Set(['tcp', 'udp', 'sctp'])
export const USER_SPEC = /^[A-Za-z0-9_][A-Za-z0-9_.-]*(?::[A-Za-z0-9_][A-Za-z0-9_.-]*)?$/
/** Change lines are joined with newlines into one Dockerfile: a line break would start a new instruction. */
const LINE_BREAK = /[\r\n\0]/
const SIGNAL_NAMES = new Set(
  'HUP INT QUIT ILL TRAP ABRT IOT BUS FPE KILL USR1 SEGV USR2 PIPE ALRM TERM STKFLT CHLD CLD CONT STOP TSTP TTIN TTOU URG XCPU XFSZ VTALRM PROF WINCH IO POLL PWR SYS RTMIN RTMAX'.split(' '),
)
/** Instructions an ONBUILD trigger may run later; ONBUILD, FROM and MAINTAINER are refused by the engine. */
export const TRIGGER_INSTRUCTIONS = new Set(['ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'HEALTHCHECK', 'LABEL', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR'])
const DURATION_FIELDS = ['intervalSeconds', 'timeoutSeconds', 'startPeriodSeconds'] as const
const MAX_DURATION_SECONDS = 365 * 24 * 3600

export function isStopSignal(text: string): boolean {
  if (/^[0-9]+$/.test(text)) return Number(text) >= 1 && Number(text) <= 64
  const name = text.toUpperCase().replace(/^SIG/, '')
  if (SIGNAL_NAMES.has(name)) return true
  const realtime = /^RTM(IN\+|AX-)([0-9]+)$/.exec(name)
  return realtime !== null && Number(realtime[2]) >= 1 && Number(realtime[2]) <= 15
}

/** A whole number of milliseconds: the engine keeps durations as nanoseconds, Dockerfile lines write them as ms. */
export function isMillisecondMultiple(seconds: number): boolean {
  const ms = seconds * 1000
  return Math.abs(ms - Math.round(ms)) < 1e-6
}

function commandIssues(field: 'cmd' | 'entrypoint', command: string[] | undefined): ChangeIssue[] {
  if (command === undefined) return []
  // An empty CMD or ENTRYPOINT is undone by the engine, which then keeps the container's.
  if (command.length === 0) return [issueAt([field], 'change.commandEmpty')]
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
    if (LINE_BREAK.test(entry)) return [issueAt(['env', index], 'change.envLineBreak', { key })]
    return []
  })
}

function portIssues(ports: string[]): ChangeIssue[] {
  return ports.flatMap((port, index): ChangeIssue[] => {
    const match = PORT_SPEC.exec(port)
    if (match === null) return [issueAt(['expose', index], 'change.exposeNotPort', { port })]
    const number = Number(match[1])
    if (number < 1 || number > 65535) return [issueAt(['expose', index], 'change.exposeRange', { port })]
    if (match[2] !== undefined && !PROTOCOLS.has(match[2].toLowerCase())) return [issueAt(['expose', index], 'change.exposeProtocol', { port })]
    return []
  })
}

function labelIssues(labels: Record<string, string>): ChangeIssue[] {
  return Object.entries(labels).flatMap(([key, value]): ChangeIssue[] => {
    if (key === '') return [issueAt(['labels', key], 'change.labelEmpty')]
    // The Dockerfile parser splits LABEL words at their first '=', quotes or not.
    if (key.includes('=')) return [issueAt(['labels', key], 'change.labelEquals', { key })]
    if (LINE_BREAK.test(key) || LINE_BREAK.test(value)) return [issueAt(['labels', key], 'change.lineBreak')]
    return []
  })
}

function pathIssue(path: (string | number)[], value: string): ChangeIssue[] {
  if (!value.startsWith('/')) return [issueAt(path, 'change.notAbsolute', { value })]
  if (LINE_BREAK.test(value)) return [issueAt(path, 'change.lineBreak')]
  if (value.trim() !== value) return [issueAt(path, 'change.trailingSpace', { value })]
  return []
}

function healthcheckIssues(check: HealthcheckChange): ChangeIssue[] {
  if ('none' in check) return []
  const issues: ChangeIssue[] = commandIssues('cmd', check.test).map((issue) => ({ ...issue, path: ['healthcheck', 'test', ...issue.path.slice(1)] }))
  for (const field of DURATION_FIELDS) {
    const seconds = check[field]
    if (seconds === undefined) continue
    if (!Number.isFinite(seconds) || seconds < 0.001 || seconds > MAX_DURATION_SECONDS) {
      issues.push(issueAt(['healthcheck', field], 'change.durationRange', { value: String(seconds) }))
    } else if (!isMillisecondMultiple(seconds)) {
      issues.push(issueAt(['healthcheck', field], 'change.durationMs', { value: String(seconds) }))
    }
  }
  if (check.retries !== undefined && (!Number.isInteger(check.retries) || check.retries < 1)) {
    issues.push(issueAt(['healthcheck', 'retries'], 'change.retries', { value: String(check.retries) }))
  }
  return issues
}

function triggerIssues(triggers: string[]): ChangeIssue[] {
  return triggers.flatMap((trigger, index): ChangeIssue[] => {
    if (LINE_BREAK.test(trigger)) return [issueAt(['onbuild', index], 'change.lineBreak')]
    const instruction = (trigger.trim().split(/\s+/)[0] ?? '').toUpperCase()
    if (instruction === '') return [issueAt(['onbuild', index], 'change.triggerEmpty')]
    if (['ONBUILD', 'FROM', 'MAINTAINER'].includes(instruction)) return [issueAt(['onbuild', index], 'change.triggerRefused', { instruction })]
    if (!TRIGGER_INSTRUCTIONS.has(instruction)) return [issueAt(['onbuild', index], 'change.notInstruction', { instruction })]
    return []
  })
}

/** Every problem with the changes, each naming its field; empty when the engine will accept them. */
export function commitChangeIssues(changes: CommitChanges): ChangeIssue[] {
  const issues: ChangeIssue[] = [...commandIssues('cmd', changes.cmd), ...commandIssues('entrypoint', changes.entrypoint)]
  if (changes.env !== undefined) issues.push(...envIssues(changes.env))
  if (changes.expose !== undefined) issues.push(...portIssues(changes.expose))
  if (changes.labels !== undefined) issues.push(...labelIssues(changes.labels))
  if (changes.user !== undefined && !USER_SPEC.test(changes.user)) issues.push(issueAt(['user'], 'change.user', { user: changes.user }))
  if (changes.workdir !== undefined) issues.push(...pathIssue(['workdir'], changes.workdir))
  changes.volumes?.forEach((volume, index) => issues.push(...pathIssue(['volumes', index], volume)))
  if (changes.stopSignal !== undefined && !isStopSignal(changes.stopSignal)) {
    issues.push(issueAt(['stopSignal'], 'change.stopSignal', { signal: changes.stopSignal }))
  }
  if (changes.healthcheck !== undefined) issues.push(...healthcheckIssues(changes.healthcheck))
  if (changes.onbuild !== undefined) issues.push(...triggerIssues(changes.onbuild))
  return issues.map((issue) => ({ ...issue, path: ['changes', ...issue.path] }))
}

export interface CommitNaming {
  repository?: string | undefined
  tag?: string | undefined
}

/** Problems with the name a commit gives: a tag needs a repository; both follow Docker's grammar. */
export function commitNameIssues(naming: CommitNaming): ChangeIssue[] {
  const issues: ChangeIssue[] = []
  if (naming.repository !== undefined) {
    const found = repositoryProblem(naming.repository)
    if (found !== null) issues.push(issueOf(['repository'], found))
  }
  if (naming.tag !== undefined) {
    const found = naming.repository === undefined ? problem('reference.tagNeedsRepository') : tagProblem(naming.tag)
    if (found !== null) issues.push(issueOf(['tag'], found))
  }
  return issues
}

/** Every problem with a commit request's name and changes. */
export function commitInputIssues(input: CommitNaming & { changes: CommitChanges }): ChangeIssue[] {
  return [...commitNameIssues(input), ...commitChangeIssues(input.changes)]
}
