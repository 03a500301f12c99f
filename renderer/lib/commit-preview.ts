import { shortId } from '../../shared/format'
import type { CommitConfig, HealthcheckView, TagOwner } from '../../shared/types'

/** One value of a config field; `changed` marks what the commit adds (after) or drops (current). */
export interface PreviewLine {
  text: string
  changed: boolean
}

export interface PreviewRow {
  key: string
  label: string
  current: PreviewLine[]
  after: PreviewLine[]
  changed: boolean
}

function execForm(value: string[] | null): string[] {
  return value === null ? [] : [JSON.stringify(value)]
}

function single(value: string | null): string[] {
  return value === null || value === '' ? [] : [value]
}

function durationText(label: string, seconds: number | null): string | null {
  return seconds === null ? null : `${label} ${seconds} s`
}

/** As a Dockerfile would write it, with the timings the image sets. */
export function healthcheckText(check: HealthcheckView | null): string[] {
  if (check === null) return []
  const [kind, ...command] = check.test
  if (kind === 'NONE') return ['disabled (NONE)']
  const test = kind === 'CMD-SHELL' ? `CMD-SHELL ${command.join(' ')}` : `CMD ${JSON.stringify(command)}`
  const timings = [
    durationText('interval', check.intervalSeconds),
    durationText('timeout', check.timeoutSeconds),
    durationText('start period', check.startPeriodSeconds),
    check.retries === null ? null : `retries ${check.retries}`,
  ].filter((part) => part !== null)
  return timings.length === 0 ? [test] : [test, timings.join(', ')]
}

const FIELDS: { key: string; label: string; values: (config: CommitConfig) => string[] }[] = [
  { key: 'entrypoint', label: 'Entrypoint', values: (config) => execForm(config.entrypoint) },
  { key: 'cmd', label: 'Command', values: (config) => execForm(config.cmd) },
  { key: 'env', label: 'Environment', values: (config) => config.env },
  { key: 'labels', label: 'Labels', values: (config) => Object.entries(config.labels).map(([key, value]) => `${key}=${value}`).sort() },
  { key: 'exposedPorts', label: 'Exposed ports', values: (config) => config.exposedPorts },
  { key: 'volumes', label: 'Volumes', values: (config) => config.volumes },
  { key: 'workingDir', label: 'Working directory', values: (config) => single(config.workingDir) },
  { key: 'user', label: 'User', values: (config) => single(config.user) },
  { key: 'stopSignal', label: 'Stop signal', values: (config) => single(config.stopSignal) },
  { key: 'healthcheck', label: 'Healthcheck', values: (config) => healthcheckText(config.healthcheck) },
  { key: 'onBuild', label: 'ONBUILD triggers', values: (config) => config.onBuild },
]

function marked(values: string[], others: string[]): PreviewLine[] {
  const other = new Set(others)
  return values.map((text) => ({ text, changed: !other.has(text) }))
}

/** The container's config next to the new image's, field by field, the differences marked line by line. */
export function previewRows(current: CommitConfig, after: CommitConfig): PreviewRow[] {
  return FIELDS.map((field) => {
    const before = field.values(current)
    const next = field.values(after)
    const changed = before.length !== next.length || before.some((value, index) => value !== next[index])
    return { key: field.key, label: field.label, current: marked(before, next), after: marked(next, before), changed }
  })
}

/** What moving a tag does to the image that holds it now. */
export function tagMoveWarning(tag: string, owner: TagOwner): string {
  const others = owner.tags.filter((name) => name !== tag)
  const fate = others.length === 0 ? 'becomes dangling (no name left)' : `keeps ${others.join(', ')}`
  return `${tag} already names image ${shortId(owner.id)} — committing moves the tag; that image ${fate}.`
}
