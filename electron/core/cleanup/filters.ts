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
 * Which images the options pick before protections: untagged ones (dangling), any
 * unused one (unused, or only filters: an age or labels with no kind at all reads as
 * "unused images older than / labelled"), and those retention rules drop.
 */
export interface ImageSelection {
  untagged: boolean
  any: boolean
  retention: boolean
}

export function imageSelection(options: CleanupOptions): ImageSelection {
  const kindGiven = options.dangling || options.containers || options.buildCache || options.volumes || options.retention !== undefined
  const filtersOnly = !kindGiven && (options.until !== undefined || options.labels.length > 0 || options.labelsNot.length > 0)
  return { untagged: options.dangling, any: options.unused || filtersOnly, retention: options.retention !== undefined }
}

export function selectsImages(selection: ImageSelection): boolean {
  return selection.untagged || selection.any || selection.retention
}
