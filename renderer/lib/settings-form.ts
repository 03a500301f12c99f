/** The Settings view's field checks, before the core checks the same again (shared/contract.ts). */

export type CapUnit = 'MB' | 'GB'

/** Decimal units, as formatBytes shows sizes. */
export const CAP_UNIT_BYTES: Record<CapUnit, number> = { MB: 1_000_000, GB: 1_000_000_000 }
/** The contract's bounds (a unit test checks they agree), kept here so the renderer does not bundle zod. */
export const MIN_CAP_BYTES = 64_000_000
export const MAX_CAP_BYTES = 16_000_000_000_000

/** A cap typed as a number of MB or GB: its bytes, null for no cap (empty field), or what is wrong. */
export function parseCap(text: string, unit: CapUnit): { bytes: number | null } | { error: string } {
  const trimmed = text.trim()
  if (trimmed === '') return { bytes: null }
  if (!/^\d+([.,]\d+)?$/.test(trimmed)) return { error: `Type a number of ${unit}, e.g. 2 or 1.5.` }
  const bytes = Math.round(Number(trimmed.replace(',', '.')) * CAP_UNIT_BYTES[unit])
  if (bytes < MIN_CAP_BYTES) return { error: 'The smallest cap is 64 MB: below that the cache would keep almost nothing.' }
  if (bytes > MAX_CAP_BYTES) return { error: 'The largest cap is 16 TB (16000 GB).' }
  return { bytes }
}

/** How a saved cap shows in the field: whole GB in GB, anything else in MB. */
export function capField(bytes: number | null): { text: string; unit: CapUnit } {
  if (bytes === null) return { text: '', unit: 'GB' }
  if (bytes % CAP_UNIT_BYTES.GB === 0) return { text: String(bytes / CAP_UNIT_BYTES.GB), unit: 'GB' }
  return { text: String(Math.round((bytes / CAP_UNIT_BYTES.MB) * 100) / 100), unit: 'MB' }
}

/** What an engine address field lacks; the core parses it fully (parseHost). */
export function engineAddressProblem(text: string): string | null {
  const trimmed = text.trim()
  if (trimmed === '') return null
  return /^(unix|npipe|tcp|ssh):\/\/./.test(trimmed) ? null : 'Start with unix://, npipe://, tcp:// or ssh://, e.g. tcp://192.168.1.20:2376'
}

export function engineNameProblem(text: string, taken: readonly string[]): string | null {
  const trimmed = text.trim()
  if (trimmed === '') return null
  if (trimmed.length > 64) return 'At most 64 characters.'
  if (!/^[\p{L}\p{N}][\p{L}\p{N} ._@()-]*$/u.test(trimmed)) return 'Letters, digits, spaces and . _ - @ ( ), starting with a letter or digit.'
  return taken.includes(trimmed) ? `“${trimmed}” is saved already: saving replaces its address.` : null
}

export function platformProblem(text: string): string | null {
  const trimmed = text.trim()
  if (trimmed === '') return null
  return /^[a-z0-9_]+\/[a-z0-9_]+(\/[a-z0-9_.]+)?$/i.test(trimmed) ? null : 'Write os/arch or os/arch/variant, e.g. linux/amd64 or linux/arm/v7.'
}
