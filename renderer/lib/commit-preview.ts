import { shortId } from '../../shared/format'
import type { CommitConfig, HealthcheckView, TagOwner } from '../../shared/types'
import type { Translate } from '../i18n/translator'

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

/** As a Dockerfile would write it, with the timings the image sets (their words in the caller's language). */
export function healthcheckText(check: HealthcheckView | null, t: Translate): string[] {
  if (check === null) return []
  const [kind, ...command] = check.test
  if (kind === 'NONE') return [t('containers.health.disabled')]
  const test = kind === 'CMD-SHELL' ? `CMD-SHELL ${command.join(' ')}` : `CMD ${JSON.stringify(command)}`
  const timings = [
    check.intervalSeconds === null ? null : t('containers.health.intervalValue', { n: check.intervalSeconds }),
    check.timeoutSeconds === null ? null : t('containers.health.timeoutValue', { n: check.timeoutSeconds }),
    check.startPeriodSeconds === null ? null : t('containers.health.startPeriodValue', { n: check.startPeriodSeconds }),
    check.retries === null ? null : t('containers.health.retriesValue', { n: check.retries }),
  ].filter((part) => part !== null)
  return timings.length === 0 ? [test] : [test, timings.join(t('containers.health.separator'))]
}

/** Each field's label is containers.preview.fields.<key>. */
const FIELDS: { key: string; values: (config: CommitConfig, t: Translate) => string[] }[] = [
  { key: 'entrypoint', values: (config) => execForm(config.entrypoint) },
  { key: 'cmd', values: (config) => execForm(config.cmd) },
  { key: 'env', values: (config) => config.env },
  { key: 'labels', values: (config) => Object.entries(config.labels).map(([key, value]) => `${key}=${value}`).sort() },
  { key: 'exposedPorts', values: (config) => config.exposedPorts },
  { key: 'volumes', values: (config) => config.volumes },
  { key: 'workingDir', values: (config) => single(config.workingDir) },
  { key: 'user', values: (config) => single(config.user) },
  { key: 'stopSignal', values: (config) => single(config.stopSignal) },
  { key: 'healthcheck', values: (config, t) => healthcheckText(config.healthcheck, t) },
  { key: 'onBuild', values: (config) => config.onBuild },
]

function marked(values: string[], others: string[]): PreviewLine[] {
  const other = new Set(others)
  return values.map((text) => ({ text, changed: !other.has(text) }))
}

/** The container's config next to the new image's, field by field, the differences marked line by line. */
export function previewRows(current: CommitConfig, after: CommitConfig, t: Translate): PreviewRow[] {
  return FIELDS.map((field) => {
    const before = field.values(current, t)
    const next = field.values(after, t)
    const changed = before.length !== next.length || before.some((value, index) => value !== next[index])
    return { key: field.key, label: t(`containers.preview.fields.${field.key}`), current: marked(before, next), after: marked(next, before), changed }
  })
}

/** What moving a tag does to the image that holds it now. */
export function tagMoveWarning(tag: string, owner: TagOwner, t: Translate): string {
  const others = owner.tags.filter((name) => name !== tag)
  const fate = others.length === 0 ? t('containers.preview.dangling') : t('containers.preview.keeps', { tags: others.join(', ') })
  return t('containers.preview.tagMove', { tag, id: shortId(owner.id), fate })
}
