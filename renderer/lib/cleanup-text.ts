import { countOf, formatBytes, shortId } from '../../shared/format'
import type { CleanupItem, CleanupItemKind, CleanupKeepReason, CleanupPlan, CleanupReason, CleanupReport } from '../../shared/types'

/** The Cleanup view's words for the plan's codes and the report's figures. */

export const REASON_TEXT: Record<CleanupReason, string> = {
  dangling: 'dangling (no tag)',
  unused: 'unused',
  'stopped-container': 'stopped container',
  'build-cache': 'build cache, not in use, not shared',
}

export const KEEP_TEXT: Record<CleanupKeepReason, string> = {
  'keep-label': 'labelled strata.keep',
  pinned: 'pinned',
  running: 'running',
  'running-container': 'a running container uses it',
  'stopped-container': 'a container that stays uses it',
  'child-image': 'an image that stays is built on it',
  'protected-parent': 'deleting it would take a protected parent image along',
  'protected-image': 'its image is protected',
  'in-use': 'a build is using it',
  shared: 'an image shares its layer',
  'child-entry': 'a cache entry that stays is made on it',
}

export const KIND_TEXT: Record<CleanupItemKind, string> = { container: 'container', image: 'image', 'build-cache': 'build cache' }

export function itemName(item: { kind: CleanupItemKind; id: string; names: readonly string[] }): string {
  const first = item.names[0]
  if (first !== undefined && first !== '') return first
  return item.kind === 'build-cache' ? item.id.slice(0, 12) : shortId(item.id)
}

/** The reason an item is planned, with the earlier items it waits for ("unused once container web goes"). */
export function whyText(item: CleanupItem, plan: CleanupPlan): string {
  if (item.after.length === 0) return REASON_TEXT[item.reason]
  const byKey = new Map(plan.items.map((other) => [other.key, other]))
  const names = item.after.map((key) => {
    const other = byKey.get(key)
    return other === undefined ? key : `${KIND_TEXT[other.kind]} ${itemName(other)}`
  })
  const shown = names.length > 2 ? [...names.slice(0, 2), `${names.length - 2} more`] : names
  return `${REASON_TEXT[item.reason]} once ${shown.join(', ')} ${names.length === 1 ? 'goes' : 'go'}`
}

export interface ReportVerdict {
  /** Freed what was predicted, to the byte. */
  exact: boolean
  headline: string
  /** Why freed and predicted differ; empty when they do not. */
  explanations: string[]
}

/** Compares the prediction with what the engine measured, and says why they differ when they do. */
export function reportVerdict(report: CleanupReport, shownPlanBytes: number | null): ReportVerdict {
  const explanations: string[] = []
  if (shownPlanBytes !== null && shownPlanBytes !== report.predictedBytes) {
    explanations.push(`The engine changed between the plan you saw (${formatBytes(shownPlanBytes)}) and the start of the cleanup, which planned again and predicted ${formatBytes(report.predictedBytes)}.`)
  }
  const notRemoved = report.outcomes.filter((outcome) => outcome.status !== 'removed')
  const missed = notRemoved.reduce((sum, outcome) => sum + outcome.bytesFreed, 0)
  if (report.interrupted !== null) {
    const removed = report.outcomes.length - notRemoved.length
    explanations.push(report.interrupted.message)
    if (notRemoved.length > 0) explanations.push(`${countOf(notRemoved.length, 'item was', 'items were')} not removed; ${notRemoved.length === 1 ? 'it was' : 'they were'} predicted to free ${formatBytes(missed)}.`)
    const measured = report.freedBytes === null ? 'What it freed could not be measured.' : `Freed ${formatBytes(report.freedBytes)} of the predicted ${formatBytes(report.predictedBytes)}.`
    return { exact: false, headline: `Interrupted after removing ${removed} of ${countOf(report.outcomes.length, 'item', 'items')}. ${measured}`, explanations }
  }
  const freedBytes = report.freedBytes ?? 0
  if (freedBytes === report.predictedBytes) {
    return { exact: true, headline: `Freed exactly the predicted ${formatBytes(freedBytes)}.`, explanations }
  }
  if (report.cancelled) explanations.push('The cleanup was cancelled: the items after the last one handled were left alone.')
  if (notRemoved.length > 0) {
    explanations.push(`${countOf(notRemoved.length, 'item was', 'items were')} skipped or failed; ${notRemoved.length === 1 ? 'it was' : 'they were'} predicted to free ${formatBytes(missed)}.`)
  }
  const unexplained = report.predictedBytes - missed - freedBytes
  if (unexplained !== 0) {
    explanations.push(
      unexplained > 0
        ? `${formatBytes(unexplained)} less than predicted came free: something else used layers, containers or cache entries while the cleanup ran.`
        : `${formatBytes(-unexplained)} more than predicted came free: something else removed images, containers or cache entries while the cleanup ran.`,
    )
  }
  const direction = freedBytes < report.predictedBytes ? 'less than' : 'more than'
  return { exact: false, headline: `Freed ${formatBytes(freedBytes)}, ${direction} the predicted ${formatBytes(report.predictedBytes)}.`, explanations }
}
