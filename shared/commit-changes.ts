import { checkRepository, checkTag } from './reference'
import type { CommitChanges, HealthcheckChange } from './types'

/**
 * Checks a commit's structured changes before anything reaches the engine. Pure,
 * so the renderer can show each problem next to its field as the user types.
 */

export interface ChangeIssue {
  /** Where the problem is, e.g. ['changes', 'env', 0]. */
  path: (string | number)[]
  message: string
}

export function issueText(issue: ChangeIssue): string {
  return `${issue.path.join('.')}: ${issue.message}`
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
  if (command.length === 0) return [{ path: [field], message: 'is empty: give the program to run, or leave the field out to keep the current one' }]
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
    if (LINE_BREAK.test(entry)) return [{ path: ['env', index], message: `the value of ${key} holds a line break or NUL, which a change line cannot carry` }]
    return []
  })
}

function portIssues(ports: string[]): ChangeIssue[] {
  return ports.flatMap((port, index): ChangeIssue[] => {
    const match = PORT_SPEC.exec(port)
    if (match === null) return [{ path: ['expose', index], message: `'${port}' is not a port such as 80 or 80/tcp` }]
    const number = Number(match[1])
    if (number < 1 || number > 65535) return [{ path: ['expose', index], message: `'${port}': the port must be from 1 to 65535` }]
    if (match[2] !== undefined && !PROTOCOLS.has(match[2].toLowerCase())) return [{ path: ['expose', index], message: `'${port}': the protocol is tcp, udp or sctp` }]
    return []
  })
}

function labelIssues(labels: Record<string, string>): ChangeIssue[] {
  return Object.entries(labels).flatMap(([key, value]): ChangeIssue[] => {
    if (key === '') return [{ path: ['labels', key], message: 'a label name is empty' }]
    // The Dockerfile parser splits LABEL words at their first '=', quotes or not.
    if (key.includes('=')) return [{ path: ['labels', key], message: `the label name '${key}' contains '='` }]
    if (LINE_BREAK.test(key) || LINE_BREAK.test(value)) return [{ path: ['labels', key], message: 'holds a line break or NUL, which a change line cannot carry' }]
    return []
  })
}

function pathIssue(path: (string | number)[], value: string): ChangeIssue[] {
  if (!value.startsWith('/')) return [{ path, message: `'${value}' is not an absolute path` }]
  if (LINE_BREAK.test(value)) return [{ path, message: 'holds a line break or NUL, which a change line cannot carry' }]
  if (value.trim() !== value) return [{ path, message: `'${value}' ends with white space` }]
  return []
}

function healthcheckIssues(check: HealthcheckChange): ChangeIssue[] {
  if ('none' in check) return []
  const issues: ChangeIssue[] = commandIssues('cmd', check.test).map((issue) => ({ ...issue, path: ['healthcheck', 'test', ...issue.path.slice(1)] }))
  for (const field of DURATION_FIELDS) {
    const seconds = check[field]
    if (seconds === undefined) continue
    if (!Number.isFinite(seconds) || seconds < 0.001 || seconds > MAX_DURATION_SECONDS) {
      issues.push({ path: ['healthcheck', field], message: `${String(seconds)} is not a duration from 0.001 s to a year (leave it out for the engine's default)` })
    } else if (!isMillisecondMultiple(seconds)) {
      issues.push({ path: ['healthcheck', field], message: `${String(seconds)} s is not a whole number of milliseconds` })
    }
  }
  if (check.retries !== undefined && (!Number.isInteger(check.retries) || check.retries < 1)) {
    issues.push({ path: ['healthcheck', 'retries'], message: `${String(check.retries)} is not a whole number from 1 (leave it out for the engine's default of 3)` })
  }
  return issues
}

function triggerIssues(triggers: string[]): ChangeIssue[] {
  return triggers.flatMap((trigger, index): ChangeIssue[] => {
    if (LINE_BREAK.test(trigger)) return [{ path: ['onbuild', index], message: 'holds a line break or NUL, which a change line cannot carry' }]
    const instruction = (trigger.trim().split(/\s+/)[0] ?? '').toUpperCase()
    if (instruction === '') return [{ path: ['onbuild', index], message: 'is empty' }]
    if (['ONBUILD', 'FROM', 'MAINTAINER'].includes(instruction)) return [{ path: ['onbuild', index], message: `${instruction} is not allowed as an ONBUILD trigger` }]
    if (!TRIGGER_INSTRUCTIONS.has(instruction)) return [{ path: ['onbuild', index], message: `'${instruction}' is not a Dockerfile instruction` }]
    return []
  })
}

/** Every problem with the changes, each naming its field; empty when the engine will accept them. */
export function commitChangeIssues(changes: CommitChanges): ChangeIssue[] {
  const issues: ChangeIssue[] = [...commandIssues('cmd', changes.cmd), ...commandIssues('entrypoint', changes.entrypoint)]
  if (changes.env !== undefined) issues.push(...envIssues(changes.env))
  if (changes.expose !== undefined) issues.push(...portIssues(changes.expose))
  if (changes.labels !== undefined) issues.push(...labelIssues(changes.labels))
  if (changes.user !== undefined && !USER_SPEC.test(changes.user)) issues.push({ path: ['user'], message: `'${changes.user}' is not a user name or ID, optionally with :group` })
  if (changes.workdir !== undefined) issues.push(...pathIssue(['workdir'], changes.workdir))
  changes.volumes?.forEach((volume, index) => issues.push(...pathIssue(['volumes', index], volume)))
  if (changes.stopSignal !== undefined && !isStopSignal(changes.stopSignal)) {
    issues.push({ path: ['stopSignal'], message: `'${changes.stopSignal}' is not a signal such as SIGTERM, TERM or 15` })
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
    const problem = checkRepository(naming.repository)
    if (problem !== null) issues.push({ path: ['repository'], message: problem })
  }
  if (naming.tag !== undefined) {
    const problem = naming.repository === undefined ? 'a tag needs a repository' : checkTag(naming.tag)
    if (problem !== null) issues.push({ path: ['tag'], message: problem })
  }
  return issues
}

/** Every problem with a commit request's name and changes. */
export function commitInputIssues(input: CommitNaming & { changes: CommitChanges }): ChangeIssue[] {
  return [...commitNameIssues(input), ...commitChangeIssues(input.changes)]
}
