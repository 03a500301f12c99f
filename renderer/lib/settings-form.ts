/** The Settings view's field checks, before the core checks the same again (shared/contract.ts). */

import type { Translate } from '../i18n/translator'

export type CapUnit = 'MB' | 'GB'

/** Decimal units, as formatBytes shows sizes. */
export const CAP_UNIT_BYTES: Record<CapUnit, number> = { MB: 1_000_000, GB: 1_000_000_000 }
/** The contract's bounds (a unit test checks they agree), kept here so the renderer does not bundle zod. */
export const MIN_CAP_BYTES = 64_000_000
export const MAX_CAP_BYTES = 16_000_000_000_000

/** A cap typed as a number of MB or GB: its bytes, null for no cap (empty field), or what is wrong. */
export function parseCap(text: string, unit: CapUnit, t: Translate): { bytes: number | null } | { error: string } {
  const trimmed = text.trim()
  if (trimmed === '') return { bytes: null }
  if (!/^\d+([.,]\d+)?$/.test(trimmed)) return { error: t('settings.cache.capNotNumber', { unit }) }
  const bytes = Math.round(Number(trimmed.replace(',', '.')) * CAP_UNIT_BYTES[unit])
  if (bytes < MIN_CAP_BYTES) return { error: t('settings.cache.capTooSmall') }
  if (bytes > MAX_CAP_BYTES) return { error: t('settings.cache.capTooLarge') }
  return { bytes }
}

/** How a saved cap shows in the field: whole GB in GB, anything else in MB. */
export function capField(bytes: number | null): { text: string; unit: CapUnit } {
  if (bytes === null) return { text: '', unit: 'GB' }
  if (bytes % CAP_UNIT_BYTES.GB === 0) return { text: String(bytes / CAP_UNIT_BYTES.GB), unit: 'GB' }
  return { text: String(Math.round((bytes / CAP_UNIT_BYTES.MB) * 100) / 100), unit: 'MB' }
}

/** What an engine address field lacks; the core parses it fully (parseHost). */
export function engineAddressProblem(text: string, t: Translate): string | null {
  const trimmed = text.trim()
  if (trimmed === '') return null
  return /^(unix|npipe|tcp|ssh):\/\/./.test(trimmed) ? null : t('settings.engines.addressProblem')
}

/** Whether a typed engine name is one saved already: a note (saving replaces its address), not a refusal. */
export function engineNameTaken(text: string, taken: readonly string[]): boolean {
  return taken.includes(text.trim())
}

export function engineNameProblem(text: string, taken: readonly string[], t: Translate): string | null {
  const trimmed = text.trim()
  if (trimmed === '') return null
  if (trimmed.length > 64) return t('settings.engines.nameTooLong')
  if (!/^[\p{L}\p{N}][\p{L}\p{N} ._@()-]*$/u.test(trimmed)) return t('settings.engines.nameCharacters')
  return engineNameTaken(trimmed, taken) ? t('settings.engines.nameTaken', { name: trimmed }) : null
}

export function platformProblem(text: string, t: Translate): string | null {
  const trimmed = text.trim()
  if (trimmed === '') return null
  return /^[a-z0-9_]+\/[a-z0-9_]+(\/[a-z0-9_.]+)?$/i.test(trimmed) ? null : t('settings.pulls.problem')
}
