import type { RetentionRule } from '../../shared/retention-input'
import type { LocaleFormat } from '../i18n/format'
import type { Translate } from '../i18n/translator'

/** Retention rules in the caller's language: the plan's items, what it keeps, and the policy editor's preview. */

export type RuleFigures = Pick<LocaleFormat, 'number'>

/** "7d" in words: the compact form in English, 7 天 in Chinese; an age it cannot read stays as given. */
export function retentionAgeText(t: Translate, fmt: RuleFigures, age: string): string {
  const match = /^(\d+)([mhdw])$/.exec(age)
  if (match === null) return age
  return t(`cleanup.retention.age.${match[2] ?? 'd'}`, { n: fmt.number(Number(match[1])) })
}

/** "keep-last 3", "older than 7d matching ci-*"; with the override's repository pattern when one set the rule. */
export function retentionRuleText(t: Translate, fmt: RuleFigures, rule: RetentionRule, repository: string | null = null): string {
  const text =
    rule.kind === 'keep-tag'
      ? t('cleanup.retention.rule.keep-tag', { pattern: rule.pattern })
      : rule.kind === 'drop-tag'
        ? t('cleanup.retention.rule.drop-tag', { pattern: rule.pattern, age: retentionAgeText(t, fmt, rule.olderThan) })
        : t(`cleanup.retention.rule.${rule.kind}`, { count: fmt.number(rule.count) })
  return repository === null ? text : t('cleanup.retention.forRepository', { rule: text, repository })
}

/** "removed by rule keep-last 3" / "kept by rule keep-tag stable". */
export function retentionVerdictText(t: Translate, fmt: RuleFigures, verdict: 'kept' | 'dropped', rule: RetentionRule): string {
  const words = retentionRuleText(t, fmt, rule)
  return verdict === 'kept' ? t('cleanup.retention.keptBy', { rule: words }) : t('cleanup.retention.removedBy', { rule: words })
}
