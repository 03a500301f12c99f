import { formatBytes, layersFigureName, shortId } from '../../shared/format'
import { decidingRule } from '../../shared/retention'
import type { Blocker, CleanupItem, CleanupKept, CleanupOutcome, CleanupPlan, CleanupReport, CleanupStoreBytes, SizeSource } from '../../shared/types'
import { KEEP_TEXT, REASON_TEXT, ruleText } from '../core/cleanup/reasons'

/** Human-readable renderings of `strata cleanup`; --json prints data instead. */

const SHARED_LAYERS_SHOWN = 10

function table(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)))
  const line = (cells: string[]): string => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd()
  return [line(header), ...rows.map(line)].join('\n') + '\n'
}

function nameOf(item: { kind: string; id: string; names: string[] }): string {
  return item.names[0] ?? (item.kind === 'build-cache' || item.kind === 'volume' ? item.id : shortId(item.id))
}

/** The KIND column: a volume says whether it was named or made anonymously for a container. */
function kindText(item: CleanupItem): string {
  if (item.volume === undefined) return item.kind
  return item.volume.anonymous ? 'volume (anonymous)' : 'volume (named)'
}

/** A volume's name is its ID; an anonymous one's 64 hex digits are shortened like an ID. */
function itemName(item: CleanupItem): string {
  return item.volume?.anonymous === true ? shortId(item.id) : nameOf(item)
}

function itemId(item: CleanupItem): string {
  if (item.kind === 'volume') return '-'
  return item.kind === 'build-cache' ? item.id.slice(0, 12) : shortId(item.id)
}

function freesText(item: CleanupItem): string {
  return item.volume?.sizeKnown === false ? 'unknown' : formatBytes(item.bytesFreed)
}

function blockerName(blocker: Blocker): string {
  return blocker.kind === 'child-image' ? `image ${blocker.name}` : `container ${blocker.name} (${blocker.state ?? ''})`
}

function blockersSuffix(blockers: readonly Blocker[]): string {
  return blockers.length === 0 ? '' : ` [${blockers.map(blockerName).join('; ')}]`
}

/**
 * The shape `cleanup --dry-run --json` prints: the plan's items, its total and what it
 * keeps; with retention rules, also the rule behind each item or keep and every verdict.
 */
export function planJson(plan: CleanupPlan, withRetention = false): unknown {
  const rule = (decided: { rule: CleanupItem['rule'] }): object => (withRetention ? { rule: decided.rule } : {})
  return {
    items: plan.items.map((item) => ({ kind: item.kind, id: item.id, names: item.names, bytesFreed: item.bytesFreed, reason: item.reason, ...rule(item), ...(item.volume === undefined ? {} : { anonymous: item.volume.anonymous, sizeKnown: item.volume.sizeKnown }) })),
    totalBytesFreed: plan.totalBytesFreed,
    // Only on the containerd store, so the classic store's JSON is what it always was.
    ...(plan.freed.store === undefined ? {} : { store: plan.freed.store }),
    protected: plan.protected.map((kept) => ({ kind: kept.kind, id: kept.id, names: kept.names, reason: kept.reason, ...rule(kept), blockers: kept.blockers })),
    ...(withRetention ? { retention: plan.retention } : {}),
  }
}

function reasonText(item: CleanupItem): string {
  return item.rule === null ? REASON_TEXT[item.reason] : `removed by rule ${ruleText(item.rule)}`
}

function whyText(item: CleanupItem, plan: CleanupPlan): string {
  const names = new Map(plan.items.map((other) => [other.key, `${other.kind} ${nameOf(other)}`]))
  const after = item.after.map((key) => names.get(key) ?? key)
  return after.length === 0 ? reasonText(item) : `${reasonText(item)} once ${after.join(', ')} ${after.length === 1 ? 'goes' : 'go'}`
}

function keptText(kept: CleanupKept, plan: CleanupPlan): string {
  const why = kept.rule === null ? KEEP_TEXT[kept.reason] : `kept by rule ${ruleText(kept.rule)}`
  // A rule would remove it, but something else holds it: say both.
  const verdict = kept.kind === 'image' && kept.rule === null ? plan.retention.find((candidate) => candidate.imageId === kept.id) : undefined
  const dropping = verdict?.verdict === 'dropped' ? decidingRule(verdict) : null
  return `  ${kept.kind} ${nameOf(kept)}: ${why}${dropping === null ? '' : ` (rule ${ruleText(dropping)} would remove it)`}${blockersSuffix(kept.blockers)}`
}

const SOURCE_TEXT: Record<SizeSource, string> = {
  'history-chain-ids': 'by chain ID, from layer histories',
  'manifest-content': 'by manifest, from manifest summaries: an upper bound when manifests share layer blobs',
  'blob-digests': 'by blob digest',
}

function countText(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}

/** What the images free on the containerd store, content and snapshots apart, each with where its figure comes from. */
function storeLine(store: CleanupStoreBytes): string {
  const content = store.content === null ? 'content not counted (the engine describes no manifests before API 1.47)' : `content ${formatBytes(store.content.bytes)} (${countText(store.content.count, 'blob')}, ${SOURCE_TEXT[store.content.source]})`
  const snapshots = `unpacked ${formatBytes(store.snapshots.bytes)} (${countText(store.snapshots.count, 'snapshot')}, ${SOURCE_TEXT[store.snapshots.source]})`
  return `Images on the containerd store${store.snapshotter === null ? '' : ` (${store.snapshotter})`}: ${content}; ${snapshots}\n`
}

export function planText(plan: CleanupPlan): string {
  const kept = (): string => `Kept:\n${plan.protected.map((entry) => keptText(entry, plan)).join('\n')}\n`
  if (plan.items.length === 0) return `Nothing to clean up.\n${plan.protected.length > 0 ? kept() : ''}`
  const rows = plan.items.map((item) => [kindText(item), itemName(item), itemId(item), freesText(item), whyText(item, plan)])
  const parts = [`Cleanup plan: ${plan.items.length} item${plan.items.length === 1 ? '' : 's'}, frees ${formatBytes(plan.totalBytesFreed)}\n`]
  if (plan.freed.store !== undefined) parts.push(storeLine(plan.freed.store))
  parts.push(table(['KIND', 'NAME', 'ID', 'FREES', 'WHY'], rows))
  if (plan.imagesSize !== plan.freed.layers) {
    parts.push(`The images add up to ${formatBytes(plan.imagesSize)} but free ${formatBytes(plan.freed.layers)}: these layers are stored once or stay for images that are kept:\n`)
    for (const layer of plan.sharedLayers.slice(0, SHARED_LAYERS_SHOWN)) {
      const holder = layer.keptBy[0]
      const by = holder === undefined ? `shared by ${layer.plannedImages.length} planned images, freed once` : `kept by ${holder.repoTags[0] ?? shortId(holder.id)}${layer.keptBy.length > 1 ? ` and ${layer.keptBy.length - 1} more` : ''}`
      parts.push(`  ${shortId(layer.chainId)}  ${formatBytes(layer.bytes).padStart(9)}  ${by}\n`)
    }
    if (plan.sharedLayers.length > SHARED_LAYERS_SHOWN) parts.push(`  … and ${plan.sharedLayers.length - SHARED_LAYERS_SHOWN} more layers\n`)
  }
  if (plan.protected.length > 0) parts.push(kept())
  if (plan.pinsNotFound.length > 0) parts.push(`Pins that name no image: ${plan.pinsNotFound.join(', ')}\n`)
  return parts.join('')
}

function outcomeText(outcome: CleanupOutcome): string {
  const what = `${outcome.kind} ${nameOf(outcome)}`
  const untagged = outcome.untagged.length > 0 ? ` (untagged ${outcome.untagged.join(', ')} first)` : ''
  if (outcome.status === 'removed') return `Removed ${what}${untagged}, ${formatBytes(outcome.bytesFreed)}`
  return `${outcome.status === 'skipped' ? 'Skipped' : 'Failed'} ${what}${untagged}: ${outcome.reason ?? ''}${blockersSuffix(outcome.blockers)}`
}

function freedLine(report: CleanupReport): string {
  const volumes = report.predicted.volumes > 0 || (report.freed.volumes ?? 0) !== 0 ? `, volumes ${report.freed.volumes === null ? 'not measured' : formatBytes(report.freed.volumes)}` : ''
  const others = `containers ${formatBytes(report.freed.containers)}, build cache ${formatBytes(report.freed.buildCache)}${volumes}`
  if (report.freedBytes === null || report.freed.layers === null || report.layersBytesAfter === null) {
    return `Freed: not measured, the engine did not answer afterwards (predicted ${formatBytes(report.predictedBytes)}); ${others}`
  }
  return (
    `Freed ${formatBytes(report.freedBytes)} (predicted ${formatBytes(report.predictedBytes)}): layers ${formatBytes(report.freed.layers)} ` +
    `(${layersFigureName(report.layersBytesSource)} ${formatBytes(report.layersBytesBefore)} -> ${formatBytes(report.layersBytesAfter)}), ${others}`
  )
}

export function reportText(report: CleanupReport): string {
  const lines = report.outcomes.map(outcomeText)
  if (report.cancelled) lines.push('Cancelled: the items after the last one removed were left alone.')
  if (report.interrupted !== null) {
    const removed = report.outcomes.filter((outcome) => outcome.status === 'removed').length
    lines.push(`Interrupted (${report.interrupted.code}) after removing ${removed} of ${report.outcomes.length}: ${report.interrupted.message}`)
  }
  lines.push(freedLine(report))
  return `${lines.join('\n')}\n`
}
