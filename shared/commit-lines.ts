import { PORT_SPEC } from './commit-changes'
import type { CommitChanges, CommitConfig, HealthcheckChange, HealthcheckView } from './types'

/**
 * Turns structured commit changes into the Dockerfile lines the engine applies
 * (`docker commit --change`), and predicts the config they produce. Both assume
 * changes that passed commitChangeIssues.
 */

/**
 * The engine expands $VARIABLES and strips quotes in ENV, LABEL, VOLUME and WORKDIR
 * words; double quotes with \ before " $ and \ keep a value exactly as given.
 */
function quoted(value: string): string {
  return `"${value.replace(/[\\"$]/g, '\\$&')}"`
}

/** For the JSON form of VOLUME, whose elements the engine still expands one by one. */
function literalWord(value: string): string {
  return value.replace(/[\\"$']/g, '\\$&')
}

/** "80" means 80/tcp, as the engine reads it. */
export function normalizePort(port: string): string {
  const match = PORT_SPEC.exec(port)
  return `${match?.[1] ?? port}/${(match?.[2] ?? 'tcp').toLowerCase()}`
}

function duration(seconds: number): string {
  return Number.isInteger(seconds) ? `${String(seconds)}s` : `${String(Math.round(seconds * 1000))}ms`
}

function healthcheckLine(check: HealthcheckChange): string {
  if ('none' in check) return 'HEALTHCHECK NONE'
  const options = [
    check.intervalSeconds === undefined ? null : `--interval=${duration(check.intervalSeconds)}`,
    check.timeoutSeconds === undefined ? null : `--timeout=${duration(check.timeoutSeconds)}`,
    check.startPeriodSeconds === undefined ? null : `--start-period=${duration(check.startPeriodSeconds)}`,
    check.retries === undefined ? null : `--retries=${String(check.retries)}`,
  ].filter((option) => option !== null)
  return ['HEALTHCHECK', ...options, 'CMD', JSON.stringify(check.test)].join(' ')
}

/**
 * The changes as Dockerfile lines. An ENTRYPOINT line clears the command unless a
 * CMD line is among the same changes (in either order), so entrypoint alone leaves none.
 */
export function commitChangeLines(changes: CommitChanges): string[] {
  const lines: string[] = []
  if (changes.entrypoint !== undefined) lines.push(`ENTRYPOINT ${JSON.stringify(changes.entrypoint)}`)
  if (changes.cmd !== undefined) lines.push(`CMD ${JSON.stringify(changes.cmd)}`)
  for (const entry of changes.env ?? []) {
    const equals = entry.indexOf('=')
    lines.push(`ENV ${entry.slice(0, equals)}=${quoted(entry.slice(equals + 1))}`)
  }
  for (const [key, value] of Object.entries(changes.labels ?? {})) lines.push(`LABEL ${quoted(key)}=${quoted(value)}`)
  if (changes.expose !== undefined && changes.expose.length > 0) lines.push(`EXPOSE ${changes.expose.map(normalizePort).join(' ')}`)
  if (changes.volumes !== undefined && changes.volumes.length > 0) lines.push(`VOLUME ${JSON.stringify(changes.volumes.map(literalWord))}`)
  if (changes.user !== undefined) lines.push(`USER ${changes.user}`)
  if (changes.workdir !== undefined) lines.push(`WORKDIR ${quoted(changes.workdir)}`)
  if (changes.stopSignal !== undefined) lines.push(`STOPSIGNAL ${changes.stopSignal}`)
  if (changes.healthcheck !== undefined) lines.push(healthcheckLine(changes.healthcheck))
  for (const trigger of changes.onbuild ?? []) lines.push(`ONBUILD ${trigger.trim()}`)
  return lines
}

function healthcheckView(check: HealthcheckChange): HealthcheckView {
  if ('none' in check) return { test: ['NONE'], intervalSeconds: null, timeoutSeconds: null, startPeriodSeconds: null, retries: null }
  const ms = (seconds: number | undefined): number | null => (seconds === undefined ? null : Math.round(seconds * 1000) / 1000)
  return {
    test: ['CMD', ...check.test],
    intervalSeconds: ms(check.intervalSeconds),
    timeoutSeconds: ms(check.timeoutSeconds),
    startPeriodSeconds: ms(check.startPeriodSeconds),
    retries: check.retries ?? null,
  }
}

function mergeEnv(base: string[], entries: string[]): string[] {
  const env = [...base]
  for (const entry of entries) {
    const key = entry.slice(0, entry.indexOf('='))
    const at = env.findIndex((existing) => existing.split('=')[0] === key)
    if (at === -1) env.push(entry)
    else env[at] = entry
  }
  return env
}

function union(base: string[], added: string[]): string[] {
  return [...new Set([...base, ...added])].sort()
}

/**
 * The config the engine gives the new image: the container's config with the
 * changes applied as the engine applies them (ENV replaced in place by name,
 * labels, ports and volumes merged, a lone ENTRYPOINT clearing CMD).
 */
export function previewCommitConfig(base: CommitConfig, changes: CommitChanges): CommitConfig {
  const result: CommitConfig = {
    ...base,
    env: mergeEnv(base.env, changes.env ?? []),
    labels: { ...base.labels, ...changes.labels },
    exposedPorts: union(base.exposedPorts, (changes.expose ?? []).map(normalizePort)),
    volumes: union(base.volumes, changes.volumes ?? []),
    onBuild: [...base.onBuild, ...(changes.onbuild ?? []).map((trigger) => trigger.trim())],
  }
  if (changes.entrypoint !== undefined) {
    result.entrypoint = [...changes.entrypoint]
    result.cmd = changes.cmd === undefined ? null : [...changes.cmd]
  } else if (changes.cmd !== undefined) {
    result.cmd = [...changes.cmd]
  }
  if (changes.user !== undefined) result.user = changes.user
  if (changes.workdir !== undefined) result.workingDir = changes.workdir
  if (changes.stopSignal !== undefined) result.stopSignal = changes.stopSignal
  if (changes.healthcheck !== undefined) result.healthcheck = healthcheckView(changes.healthcheck)
  return result
}
