/**
 * How the commit form reads multi-line text fields: one value per line (blank
 * lines skipped), or an exec-form command typed one argument per line or as a
 * JSON array. Each value remembers where it was typed, so a problem names the line.
 */

import { translator, type Translate } from '../i18n/translator'

/** English until every caller passes its own `t` (the commit form's helpers do not yet). */
let english: Translate | null = null
function inEnglish(): Translate {
  english ??= translator('en')
  return english
}

/** One value of a list field, with where it was typed so a problem can name the line. */
export interface Item {
  value: string
  where: string
}

/** Non-blank lines; `exact` keeps an argument's spaces, the others lose the spaces at their ends. */
export function lines(text: string, exact: boolean, t: Translate = inEnglish()): Item[] {
  return text
    .split('\n')
    .map((line, index) => ({ value: exact ? line.replace(/\r$/, '') : line.trim(), where: t('run.words.line', { n: index + 1 }) }))
    .filter((item) => item.value.trim() !== '')
}

/** The text looks like an attempt at a JSON array: `["…` or `[]`. */
const JSON_ARRAY_START = /^\[\s*(?:"|\])/

export type ExecForm = { ok: true; items: Item[] } | { ok: false; message: string }

/** Exec-form arguments: a JSON array of strings when the text is one, else one argument per line. */
export function parseExecForm(text: string, t: Translate = inEnglish()): ExecForm {
  const trimmed = text.trim()
  if (JSON_ARRAY_START.test(trimmed)) {
    let parsed: unknown
    try {
      parsed = JSON.parse(trimmed)
    } catch (error) {
      return { ok: false, message: t('run.words.notJsonArray', { reason: error instanceof Error ? error.message : String(error) }) }
    }
    if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === 'string')) return { ok: false, message: t('run.words.onlyStrings') }
    return { ok: true, items: parsed.map((value: string, index) => ({ value, where: t('run.words.item', { n: index + 1 }) })) }
  }
  return { ok: true, items: lines(text, true, t) }
}

/** A number as typed (seconds, or a count); '' leaves the engine's default. */
export function optionalNumber(text: string, t: Translate = inEnglish()): { value?: number; error?: string } {
  const trimmed = text.trim()
  if (trimmed === '') return {}
  const value = Number(trimmed)
  if (!Number.isFinite(value)) return { error: t('run.words.notNumber', { text: trimmed }) }
  return { value }
}
