import { shortId } from '../../shared/format'
import type { CleanupItem, CleanupItemKind, CleanupKept, CleanupPlan, CleanupReport } from '../../shared/types'
import type { LocaleFormat } from '../i18n/format'
import type { Translate } from '../i18n/translator'
import { retentionVerdictText, type RuleFigures } from './retention-text'

/** The Cleanup view's words for the plan's codes and the report's figures, in the caller's language. */

/** The figures a sentence needs: sizes in docker units and counts, in the caller's locale. */
export type Figures = Pick<LocaleFormat, 'bytes' | 'number'>

export function kindText(t: Translate, kind: CleanupItemKind): string {
  return t(`cleanup.kind.${kind}`)
}

/** "3 items", the number in the locale's digits. */
export function itemsText(t: Translate, fmt: Figures, count: number): string {
  return t('cleanup.count.items', { n: fmt.number(count) }, count)
}

export function itemName(item: { kind: CleanupItemKind; id: string; names: readonly string[]; volume?: { anonymous: boolean } | undefined }): string {
  // An anonymous volume's name is 64 random hex digits: shortened like an ID.
  if (item.volume?.anonymous === true) return shortId(item.id)
  const first = item.names[0]
  if (first !== undefined && first !== '') return first
  return item.kind === 'build-cache' ? item.id.slice(0, 12) : shortId(item.id)
}

const PLAIN_NUMBERS: RuleFigures = { number: (value) => String(value) }

/** Why an item is planned, naming the retention rule that dropped it when one did. */
export function reasonText(t: Translate, item: Pick<CleanupItem, 'reason' | 'rule'>, fmt: RuleFigures = PLAIN_NUMBERS): string {
  return item.rule === null ? t(`cleanup.reason.${item.reason}`) : retentionVerdictText(t, fmt, 'dropped', item.rule)
}

/** Why a candidate stays, naming the retention rule that keeps it when one does. */
export function keptReasonText(t: Translate, kept: Pick<CleanupKept, 'reason' | 'rule'>, fmt: RuleFigures = PLAIN_NUMBERS): string {
  return kept.rule === null ? t(`cleanup.keep.${kept.reason}`) : retentionVerdictText(t, fmt, 'kept', kept.rule)
}

/** The reason an item is planned, with the earlier items it waits for ("unused once container web goes"). */
export function whyText(t: Translate, item: CleanupItem, plan: CleanupPlan, fmt: RuleFigures = PLAIN_NUMBERS): string {
  const reason = reasonText(t, item, fmt)
  if (item.after.length === 0) return reason
  const byKey = new Map(plan.items.map((other) => [other.key, other]))
  const names = item.after.map((key) => {
    const other = byKey.get(key)
    return other === undefined ? key : t('cleanup.why.item', { kind: kindText(t, other.kind), name: itemName(other) })
  })
  const shown = names.length > 2 ? [...names.slice(0, 2), t('cleanup.why.more', { n: names.length - 2 })] : names
  return t('cleanup.why.once', { reason, names: shown.join(t('cleanup.listSeparator')) }, names.length)
}

export interface ReportVerdict {
  /** Freed what was predicted, to the byte. */
  exact: boolean
  headline: string
  /** Why freed and predicted differ; empty when they do not. */
  explanations: string[]
}

/** Compares the prediction with what the engine measured, and says why they differ when they do. */
export function reportVerdict(t: Translate, fmt: Figures, report: CleanupReport, shownPlanBytes: number | null): ReportVerdict {
  const explanations: string[] = []
  const predicted = fmt.bytes(report.predictedBytes)
  if (shownPlanBytes !== null && shownPlanBytes !== report.predictedBytes) {
    explanations.push(t('cleanup.verdict.changed', { shown: fmt.bytes(shownPlanBytes), predicted }))
  }
  const notRemoved = report.outcomes.filter((outcome) => outcome.status !== 'removed')
  const missed = notRemoved.reduce((sum, outcome) => sum + outcome.bytesFreed, 0)
  const missedText = { n: fmt.number(notRemoved.length), bytes: fmt.bytes(missed) }
  if (report.interrupted !== null) {
    const removed = report.outcomes.length - notRemoved.length
    explanations.push(report.interrupted.message)
    if (notRemoved.length > 0) explanations.push(t('cleanup.verdict.notRemoved', missedText, notRemoved.length))
    const measured = report.freedBytes === null ? t('cleanup.verdict.notMeasured') : t('cleanup.verdict.measured', { freed: fmt.bytes(report.freedBytes), predicted })
    return { exact: false, headline: t('cleanup.verdict.interrupted', { removed: fmt.number(removed), items: itemsText(t, fmt, report.outcomes.length), measured }), explanations }
  }
  const freedBytes = report.freedBytes ?? 0
  if (freedBytes === report.predictedBytes) {
    return { exact: true, headline: t('cleanup.verdict.exact', { bytes: fmt.bytes(freedBytes) }), explanations }
  }
  if (report.cancelled) explanations.push(t('cleanup.verdict.cancelled'))
  if (notRemoved.length > 0) explanations.push(t('cleanup.verdict.skippedOrFailed', missedText, notRemoved.length))
  const unexplained = report.predictedBytes - missed - freedBytes
  if (unexplained !== 0) {
    explanations.push(unexplained > 0 ? t('cleanup.verdict.less', { bytes: fmt.bytes(unexplained) }) : t('cleanup.verdict.more', { bytes: fmt.bytes(-unexplained) }))
  }
  const freed = fmt.bytes(freedBytes)
  const headline = freedBytes < report.predictedBytes ? t('cleanup.verdict.freedLess', { freed, predicted }) : t('cleanup.verdict.freedMore', { freed, predicted })
  return { exact: false, headline, explanations }
}
