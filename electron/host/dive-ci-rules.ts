/**
 * dive's CI rules (cmd/dive/cli/internal/command/ci/rules.go, v0.13), and Strata's own.
 *
 * - A value that is empty, "disabled", "off" or "false" (any case, blanks trimmed)
 *   disables its rule.
 * - lowestEfficiency and highestUserWastedPercent are read by Go's strconv.ParseFloat and
 *   must lie in 0..1 (NaN slips through that check, as in dive). highestWastedBytes is
 *   read by go-humanize's ParseBytes: "20MB" is 20,000,000, "20MiB" 20,971,520, "19Mb"
 *   and "20 mb" as "20MB", a bare number bytes, commas ignored.
 * - A rule fails when efficiency < threshold, wastedBytes > threshold, or
 *   wastedUserPercent > threshold: the threshold itself passes. A wasted percent of NaN
 *   (nothing wasted, no user bytes) passes; +Inf (waste but no user bytes) fails.
 * - A value that cannot be read makes dive stop before analyzing with an error: exit 1.
 *
 * Strata's rules judge Strata's exact figures (identical rewrites and content not
 * wasted) and are off unless set, so by default the verdict is dive's alone.
 */
import type { ImageAnalysis } from '../../shared/types'
import type { RuleKey } from './dive-ci-yaml'

export type RuleStatus = 'pass' | 'fail' | 'disabled' | 'misconfigured'

/** Where a rule's value came from: its default, the config file (with the line), or a flag. */
export type RuleSource = 'default' | 'flag' | { file: string; line: number }

export interface RuleSetting {
  rule: RuleKey
  value: string
  source: RuleSource
}

export interface RuleResult {
  rule: RuleKey
  /** Whose figures the rule judges. */
  figures: 'dive' | 'strata'
  value: string
  source: RuleSource
  status: RuleStatus
  message: string
}

export const RULE_DEFAULTS: Record<RuleKey, string> = {
  lowestEfficiency: '0.9',
  highestWastedBytes: 'disabled',
  highestUserWastedPercent: '0.1',
  strataLowestEfficiency: 'disabled',
  strataHighestWastedBytes: 'disabled',
  strataHighestWastedPercent: 'disabled',
}

export function isDisabled(value: string): boolean {
  return ['', 'disabled', 'off', 'false'].includes(value.trim().toLowerCase())
}

/** Underscores only between digits, as Go's underscoreOK allows them. */
function underscoresOk(text: string): boolean {
  return !/(^|[^0-9])_|_($|[^0-9])/.test(text)
}

/** strconv.ParseFloat(text, 64) for decimal text, Inf and NaN; null where Go returns an error. */
export function goParseFloat(text: string): number | null {
  const special = /^([+-]?)(inf|infinity)$/i.exec(text)
  if (special !== null) return special[1] === '-' ? -Infinity : Infinity
  if (/^nan$/i.test(text)) return NaN
  if (!/^[+-]?(?:[0-9_]+(?:\.[0-9_]*)?|\.[0-9_]+)(?:[eE][+-]?[0-9_]+)?$/.test(text)) return null
  if (text.includes('_') && !underscoresOk(text.replace(/^[+-]/, ''))) return null
  const value = Number(text.replaceAll('_', ''))
  // Go reports a value beyond the float range as an error (ErrRange).
  return Number.isFinite(value) ? value : null
}

const BYTE_UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1e3,
  kb: 1e3,
  ki: 1024,
  kib: 1024,
  m: 1e6,
  mb: 1e6,
  mi: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1e9,
  gb: 1e9,
  gi: 1024 ** 3,
  gib: 1024 ** 3,
  t: 1e12,
  tb: 1e12,
  ti: 1024 ** 4,
  tib: 1024 ** 4,
  p: 1e15,
  pb: 1e15,
  pi: 1024 ** 5,
  pib: 1024 ** 5,
  e: 1e18,
  eb: 1e18,
  ei: 1024 ** 6,
  eib: 1024 ** 6,
}

/** go-humanize's ParseBytes: leading digits, dots and commas, then a unit; null on its errors. */
export function parseBytes(text: string): number | null {
  const number = /^[0-9.,]*/.exec(text)?.[0] ?? ''
  const value = goParseFloat(number.replaceAll(',', ''))
  if (value === null || Number.isNaN(value)) return null
  const unit = BYTE_UNITS[text.slice(number.length).trim().toLowerCase()]
  if (unit === undefined) return null
  const bytes = value * unit
  return bytes >= 2 ** 64 ? null : Math.trunc(bytes)
}

type Reader = { kind: 'ratio' } | { kind: 'bytes' }

const READERS: Record<RuleKey, Reader> = {
  lowestEfficiency: { kind: 'ratio' },
  highestWastedBytes: { kind: 'bytes' },
  highestUserWastedPercent: { kind: 'ratio' },
  strataLowestEfficiency: { kind: 'ratio' },
  strataHighestWastedBytes: { kind: 'bytes' },
  strataHighestWastedPercent: { kind: 'ratio' },
}

/** A rule's threshold, 'disabled', or why dive would refuse the value. */
export function thresholdOf(rule: RuleKey, value: string): number | 'disabled' | { error: string } {
  if (isDisabled(value)) return 'disabled'
  if (READERS[rule].kind === 'bytes') return parseBytes(value) ?? { error: `invalid ${rule} config value, given "${value}": a size such as 20MB, 20MiB or 20000000` }
  const ratio = goParseFloat(value)
  if (ratio === null) return { error: `invalid ${rule} config value, given "${value}": a ratio between 0 and 1` }
  if (ratio < 0 || ratio > 1) return { error: `${rule} config value is outside allowed range (0-1), given ${value}` }
  return ratio
}

/** Go's %.2f, enough for the messages. */
function two(value: number): string {
  return Number.isFinite(value) ? value.toFixed(2) : Number.isNaN(value) ? 'NaN' : value > 0 ? '+Inf' : '-Inf'
}

function judge(rule: RuleKey, threshold: number, analysis: ImageAnalysis): { failed: boolean; message: string } {
  const { dive } = analysis
  switch (rule) {
    case 'lowestEfficiency':
      return { failed: threshold > dive.efficiency, message: `image efficiency is too low (efficiency=${two(dive.efficiency)} < threshold=${String(threshold)})` }
    case 'highestWastedBytes':
      return { failed: dive.wastedBytes > threshold, message: `too many bytes wasted (wasted-bytes=${String(dive.wastedBytes)} > threshold=${String(threshold)})` }
    case 'highestUserWastedPercent': {
      // As floats in Go: 0/0 is NaN (never above a threshold), x/0 is +Inf.
      const percent = dive.wastedBytes / dive.userSizeBytes
      return { failed: percent > threshold, message: `too many bytes wasted, relative to the user bytes added (%-user-wasted-bytes=${two(percent)} > threshold=${String(threshold)})` }
    }
    case 'strataLowestEfficiency':
      return { failed: threshold > analysis.efficiency, message: `Strata's efficiency is too low (efficiency=${two(analysis.efficiency)} < threshold=${String(threshold)})` }
    case 'strataHighestWastedBytes':
      return { failed: analysis.wastedBytes > threshold, message: `too many bytes wasted by Strata's count (wasted-bytes=${String(analysis.wastedBytes)} > threshold=${String(threshold)})` }
    case 'strataHighestWastedPercent': {
      const percent = analysis.totalBytes === 0 ? 0 : analysis.wastedBytes / analysis.totalBytes
      return { failed: percent > threshold, message: `too many bytes wasted of the stored bytes, by Strata's count (wasted=${two(percent)} > threshold=${String(threshold)})` }
    }
  }
}

/** The rules whose values dive would refuse: it stops before analyzing, and so does Strata. */
export function misconfiguredRules(settings: RuleSetting[]): { rule: RuleKey; source: RuleSource; message: string }[] {
  return settings.flatMap(({ rule, value, source }) => {
    const threshold = thresholdOf(rule, value)
    return typeof threshold === 'object' ? [{ rule, source, message: threshold.error }] : []
  })
}

/** Each rule's status on an analysis. */
export function evaluateRules(settings: RuleSetting[], analysis: ImageAnalysis): RuleResult[] {
  return settings.map(({ rule, value, source }) => {
    const figures = rule.startsWith('strata') ? 'strata' : 'dive'
    const threshold = thresholdOf(rule, value)
    if (threshold === 'disabled') return { rule, figures, value, source, status: 'disabled', message: 'disabled' }
    if (typeof threshold === 'object') return { rule, figures, value, source, status: 'misconfigured', message: threshold.error }
    const { failed, message } = judge(rule, threshold, analysis)
    return { rule, figures, value, source, status: failed ? 'fail' : 'pass', message: failed ? message : value }
  })
}
