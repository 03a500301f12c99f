/**
 * How the commit form reads multi-line text fields: one value per line (blank
 * lines skipped), or an exec-form command typed one argument per line or as a
 * JSON array. Each value remembers where it was typed, so a problem names the line.
 * Problems are data (shared/problems.ts) with their English beside them; the form words them with `t`.
 */
import { problem, problemEnglish, type Problem } from '../../shared/problems'

/** One value of a list field, with where it was typed so a problem can name the line. */
export interface Item {
  value: string
  /** 'form.line' or 'form.item' with its number: the renderer words it in the user's language. */
  where: Problem
}

/** Non-blank lines; `exact` keeps an argument's spaces, the others lose the spaces at their ends. */
export function lines(text: string, exact: boolean): Item[] {
  return text
    .split('\n')
    .map((line, index) => ({ value: exact ? line.replace(/\r$/, '') : line.trim(), where: problem('form.line', { n: index + 1 }) }))
    .filter((item) => item.value.trim() !== '')
}

/** The text looks like an attempt at a JSON array: `["…` or `[]`. */
const JSON_ARRAY_START = /^\[\s*(?:"|\])/

export type ExecForm = { ok: true; items: Item[] } | { ok: false; message: string; problem: Problem }

function failed(found: Problem): ExecForm {
  return { ok: false, message: problemEnglish(found), problem: found }
}

/** Exec-form arguments: a JSON array of strings when the text is one, else one argument per line. */
export function parseExecForm(text: string): ExecForm {
  const trimmed = text.trim()
  if (JSON_ARRAY_START.test(trimmed)) {
    let parsed: unknown
    try {
      parsed = JSON.parse(trimmed)
    } catch (error) {
      return failed(problem('form.notJsonArray', { reason: error instanceof Error ? error.message : String(error) }))
    }
    if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === 'string')) return failed(problem('form.jsonStrings'))
    return { ok: true, items: parsed.map((value: string, index) => ({ value, where: problem('form.item', { n: index + 1 }) })) }
  }
  return { ok: true, items: lines(text, true) }
}

/** A number as typed (seconds, or a count); '' leaves the engine's default. */
export function optionalNumber(text: string): { value?: number; error?: string; problem?: Problem } {
  const trimmed = text.trim()
  if (trimmed === '') return {}
  const value = Number(trimmed)
  if (!Number.isFinite(value)) {
    const found = problem('form.notNumber', { text: trimmed })
    return { error: problemEnglish(found), problem: found }
  }
  return { value }
}
