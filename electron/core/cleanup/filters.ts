import type { CleanupOptions } from '../../../shared/cleanup-input'

/** The label that keeps an image (and the containers made from it) out of every cleanup. */
export const KEEP_LABEL = 'strata.keep'

export interface LabelRule {
  key: string
  /** null: the key alone, any value. */
  value: string | null
}

export function parseLabelRule(text: string): LabelRule {
  const equals = text.indexOf('=')
  return equals === -1 ? { key: text, value: null } : { key: text.slice(0, equals), value: text.slice(equals + 1) }
}

function has(labels: Readonly<Record<string, string>>, rule: LabelRule): boolean {
  return Object.hasOwn(labels, rule.key) && (rule.value === null || labels[rule.key] === rule.value)
}

/** The options' filters, read once: they narrow images, containers and cache entries alike. */
export interface Filters {
  /** Epoch milliseconds; null when not filtering by age. */
  until: number | null
  labels: LabelRule[]
  labelsNot: LabelRule[]
}

export function filtersOf(options: CleanupOptions): Filters {
  return {
    until: options.until === undefined ? null : Date.parse(options.until),
    labels: options.labels.map(parseLabelRule),
    labelsNot: options.labelsNot.map(parseLabelRule),
  }
}

/** Every `labels` rule holds and no `labelsNot` rule does, as docker's label and label! filters combine. */
export function labelsMatch(labels: Readonly<Record<string, string>>, filters: Filters): boolean {
  return filters.labels.every((rule) => has(labels, rule)) && !filters.labelsNot.some((rule) => has(labels, rule))
}

export function olderThanUntil(createdMs: number | null, filters: Filters): boolean {
  if (filters.until === null) return true
  return createdMs !== null && createdMs < filters.until
}

export function matchesFilters(labels: Readonly<Record<string, string>>, createdMs: number | null, filters: Filters): boolean {
  return olderThanUntil(createdMs, filters) && labelsMatch(labels, filters)
}

export function hasKeepLabel(labels: Readonly<Record<string, string>>): boolean {
  return Object.hasOwn(labels, KEEP_LABEL)
}

/**
 * Whether the options select images: an image kind, or only filters (an age or
 * labels with no kind at all reads as "unused images older than / labelled").
 */
export function selectsImages(options: CleanupOptions): boolean {
  if (options.dangling || options.unused) return true
  if (options.containers || options.buildCache || options.volumes) return false
  return options.until !== undefined || options.labels.length > 0 || options.labelsNot.length > 0
}

/** Only untagged images, when dangling is the one image kind asked for. */
export function danglingOnly(options: CleanupOptions): boolean {
  return options.dangling && !options.unused
}
