import type { CleanupPolicy, PolicyOptions, PolicySchedule } from '../../shared/policy-input'
import { repositoryPattern, retentionAge, tagPattern, type RetentionRules } from '../../shared/retention-input'
import type { Translate } from '../i18n/translator'
import { DEFAULT_FORM, parseLabelRules, type CleanupForm, type PlanOptions } from './cleanup-form'

/** The policy editor's form, as typed, and the options it makes. */

/** One set of retention rules as typed: numbers and lists as text. */
export interface RuleFields {
  /** A whole number, or '' for none. */
  keepLast: string
  /** Tag patterns separated by commas or spaces. */
  keepTags: string
  /** Drop rules as typed, in order; a row left empty is ignored. */
  drops: DropFields[]
}

export interface DropFields {
  pattern: string
  /** An age such as 30d; needed when the pattern is given. */
  olderThan: string
}

export interface OverrideFields extends RuleFields {
  repository: string
}

export interface PolicyForm {
  name: string
  schedule: PolicySchedule
  candidates: CleanupForm
  retention: RuleFields
  overrides: OverrideFields[]
}

/** A fresh set of rule fields: one empty drop row to type in. */
export function emptyRules(): RuleFields {
  return { keepLast: '', keepTags: '', drops: [{ pattern: '', olderThan: '' }] }
}

export function newPolicyForm(): PolicyForm {
  return { name: '', schedule: 'off', candidates: { ...DEFAULT_FORM }, retention: emptyRules(), overrides: [] }
}

type Fields = Partial<Pick<RetentionRules, 'keepLast' | 'keepTags' | 'dropTags'>>

function fieldsOf(rules: Fields): RuleFields {
  const drops = (rules.dropTags ?? []).map((drop) => ({ pattern: drop.pattern, olderThan: drop.olderThan }))
  return { keepLast: rules.keepLast === undefined ? '' : String(rules.keepLast), keepTags: (rules.keepTags ?? []).join(', '), drops: drops.length > 0 ? drops : emptyRules().drops }
}

/** A saved policy back in the form, to edit it. */
export function formOfPolicy(policy: CleanupPolicy): PolicyForm {
  const options = policy.options
  const retention = options.retention
  return {
    name: policy.name,
    schedule: policy.schedule,
    candidates: {
      dangling: options.dangling,
      unused: options.unused,
      olderThan: options.until !== undefined,
      until: options.until?.slice(0, 10) ?? '',
      labels: options.labels.join(', '),
      labelsNot: options.labelsNot.join(', '),
      containers: options.containers,
      buildCache: options.buildCache,
      volumes: options.volumes,
    },
    retention: retention === undefined ? emptyRules() : fieldsOf(retention),
    overrides: (retention?.overrides ?? []).map((override) => ({ repository: override.repository, ...fieldsOf(override) })),
  }
}

function splitList(text: string): string[] {
  return [...new Set(text.split(/[,\s]+/).filter((part) => part !== ''))]
}

/** The rule fields as the contract takes them, or the first problem in the user's words. */
function rulesOf(fields: RuleFields, t: Translate): { rules: Fields; problem: string | null } {
  const rules: Fields = {}
  const keepLast = fields.keepLast.trim()
  if (keepLast !== '') {
    if (!/^\d{1,5}$/.test(keepLast)) return { rules, problem: t('policies.problem.keepLast', { value: keepLast }) }
    rules.keepLast = Number(keepLast)
  }
  const keepTags = splitList(fields.keepTags)
  const badTag = keepTags.find((pattern) => !tagPattern.safeParse(pattern).success)
  if (badTag !== undefined) return { rules, problem: t('policies.problem.tagPattern', { value: badTag }) }
  if (keepTags.length > 0) rules.keepTags = keepTags
  const dropTags: { pattern: string; olderThan: string }[] = []
  for (const drop of fields.drops) {
    const pattern = drop.pattern.trim()
    const olderThan = drop.olderThan.trim()
    if (pattern === '' && olderThan === '') continue
    if (!tagPattern.safeParse(pattern).success) return { rules, problem: t('policies.problem.tagPattern', { value: pattern }) }
    if (!retentionAge.safeParse(olderThan).success) return { rules, problem: t('policies.problem.age', { value: olderThan }) }
    dropTags.push({ pattern, olderThan })
  }
  if (dropTags.length > 0) rules.dropTags = dropTags
  return { rules, problem: null }
}

const decides = (rules: Fields): boolean => rules.keepLast !== undefined || (rules.dropTags ?? []).length > 0

export interface PolicyFormResult {
  /** null while the form holds a mistake or selects nothing. */
  options: PolicyOptions | null
  problem: string | null
}

/** The options a policy plans with, checked field by field so each problem names what to fix. */
export function policyFormOptions(form: PolicyForm, t: Translate): PolicyFormResult {
  const fail = (problem: string): PolicyFormResult => ({ options: null, problem })
  const candidates = form.candidates
  const labels = parseLabelRules(candidates.labels)
  const labelsNot = parseLabelRules(candidates.labelsNot)
  const invalid = [...labels.invalid, ...labelsNot.invalid]
  if (invalid.length > 0) return fail(t('cleanup.problem.labels', { rules: invalid.join(', ') }))
  if (candidates.olderThan && !/^\d{4}-\d{2}-\d{2}$/.test(candidates.until)) return fail(t('cleanup.problem.date'))

  const base = rulesOf(form.retention, t)
  if (base.problem !== null) return fail(base.problem)
  const overrides: NonNullable<RetentionRules['overrides']> = []
  for (const fields of form.overrides) {
    const repository = fields.repository.trim()
    if (!repositoryPattern.safeParse(repository).success) return fail(t('policies.problem.repository', { value: repository }))
    const override = rulesOf(fields, t)
    if (override.problem !== null) return fail(override.problem)
    overrides.push({ repository, ...override.rules })
  }
  const hasRules = Object.keys(base.rules).length > 0 || overrides.length > 0
  if (hasRules && !decides(base.rules) && !overrides.some(decides)) return fail(t('policies.problem.rulesDecideNothing'))

  const options: PlanOptions & PolicyOptions = {
    dangling: candidates.dangling,
    unused: candidates.unused,
    labels: labels.rules,
    labelsNot: labelsNot.rules,
    containers: candidates.containers,
    buildCache: candidates.buildCache,
    volumes: candidates.volumes,
    ...(candidates.olderThan ? { until: candidates.until } : {}),
    ...(hasRules ? { retention: { ...base.rules, ...(overrides.length > 0 ? { overrides } : {}) } } : {}),
  }
  const selects = options.dangling || options.unused || options.containers || options.buildCache || options.volumes || candidates.olderThan || hasRules || labels.rules.length > 0 || labelsNot.rules.length > 0
  if (!selects) return fail(t('cleanup.problem.nothing'))
  return { options, problem: null }
}

/** The name as the core will store it, or the problem with it. */
export function policyNameProblem(name: string, taken: readonly string[], t: Translate): string | null {
  const trimmed = name.trim()
  if (trimmed === '') return t('policies.problem.nameEmpty')
  if (trimmed.length > 64 || !/^[\p{L}\p{N}][\p{L}\p{N} ._@()-]*$/u.test(trimmed)) return t('policies.problem.nameChars')
  if (taken.includes(trimmed)) return t('policies.problem.nameTaken', { name: trimmed })
  return null
}
