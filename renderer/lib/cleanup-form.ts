import type { MethodInput } from '../../shared/contract'
import type { Translate } from '../i18n/translator'

/** The Cleanup view's choices, as the form holds them, and the plan options they make. */

export type PlanOptions = MethodInput<'cleanup.plan'>

export interface CleanupForm {
  dangling: boolean
  unused: boolean
  olderThan: boolean
  /** YYYY-MM-DD, as <input type="date"> gives it. */
  until: string
  /** Label rules, separated by commas or new lines: `key` or `key=value`. */
  labels: string
  labelsNot: string
  containers: boolean
  buildCache: boolean
  /** Volumes no container mounts: a separate, explicit choice (their data is lost). */
  volumes: boolean
}

export const DEFAULT_FORM: CleanupForm = {
  dangling: true,
  unused: false,
  olderThan: false,
  until: '',
  labels: '',
  labelsNot: '',
  containers: false,
  buildCache: false,
  volumes: false,
}

export interface LabelRules {
  rules: string[]
  /** Entries the engine's label filter would not take. */
  invalid: string[]
}

/**
 * Splits a rule list the way a person types it. Values may hold spaces, so only
 * commas and new lines separate; a rule needs a key without spaces before any `=`.
 */
export function parseLabelRules(text: string): LabelRules {
  const rules: string[] = []
  const invalid: string[] = []
  for (const part of text.split(/[,\n]/)) {
    const rule = part.trim()
    if (rule === '') continue
    const key = rule.split('=')[0] ?? ''
    if (key === '' || /\s/.test(key) || rule.length > 1024) invalid.push(rule)
    else if (!rules.includes(rule)) rules.push(rule)
  }
  return { rules, invalid }
}

export interface FormResult {
  /** null while the form selects nothing or holds a mistake. */
  options: PlanOptions | null
  /** What to fix, in the form's words; null when the options are good. */
  problem: string | null
}

/** The plan options of a form; the pins are the core's to add (from the settings), not the form's. */
export function formOptions(form: CleanupForm, t: Translate): FormResult {
  const labels = parseLabelRules(form.labels)
  const labelsNot = parseLabelRules(form.labelsNot)
  const invalid = [...labels.invalid, ...labelsNot.invalid]
  if (invalid.length > 0) return { options: null, problem: t('cleanup.problem.labels', { rules: invalid.join(', ') }) }
  if (form.olderThan && !/^\d{4}-\d{2}-\d{2}$/.test(form.until)) return { options: null, problem: t('cleanup.problem.date') }
  const options: PlanOptions = {
    dangling: form.dangling,
    unused: form.unused,
    labels: labels.rules,
    labelsNot: labelsNot.rules,
    containers: form.containers,
    buildCache: form.buildCache,
    volumes: form.volumes,
    ...(form.olderThan ? { until: form.until } : {}),
  }
  const selects = form.dangling || form.unused || form.containers || form.buildCache || form.volumes || form.olderThan || labels.rules.length > 0 || labelsNot.rules.length > 0
  if (!selects) return { options: null, problem: t('cleanup.problem.nothing') }
  return { options, problem: null }
}
