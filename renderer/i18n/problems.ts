import { StrataError } from '../../shared/errors'
import { parseProblem, type Problem } from '../../shared/problems'
import type { Translate } from './translator'

/**
 * Input problems and failures in the user's language. The core keeps stable codes and
 * problem ids (shared/problems.ts) with English beside them; the wording here is the renderer's.
 */

/** A problem of the shared checks, worded from messages/<locale>/validation.ts. */
export function problemText(found: Problem, t: Translate): string {
  return t(`validation.${found.id}`, found.params)
}

/** A problem placed where it was found: "line 2: …". */
export function problemAt(where: string, found: Problem, t: Translate): string {
  return t('validation.at', { where, problem: problemText(found, t) })
}

/** A failure as the views keep it: a WireError, or the code and message of one with its detail when it was kept. */
export interface FailureLike {
  code: string
  message: string
  detail?: Record<string, unknown> | undefined
}

/** Anything thrown, as a plain failure a view can keep: a StrataError's code, message and detail, else INTERNAL with its message. */
export function failureOf(error: unknown): FailureLike {
  const failure = StrataError.from(error)
  return { code: failure.code, message: failure.message, detail: failure.detail }
}

export interface PlacedProblem {
  /** The field, as the request names it: ['ports', 0, 'hostPort']. */
  path: (string | number)[]
  problem: Problem
}

/**
 * The per-field problems of an INVALID_INPUT's detail (`problems`), for a form to file
 * under its fields; empty when there are none or one could not be read.
 */
export function detailProblemList(detail: Record<string, unknown> | undefined): PlacedProblem[] {
  const list: unknown[] = Array.isArray(detail?.problems) ? detail.problems : []
  const placed = list.flatMap((entry): PlacedProblem[] => {
    if (typeof entry !== 'object' || entry === null) return []
    const { problem, path } = entry as { problem?: unknown; path?: unknown }
    const found = parseProblem(problem)
    if (found === null) return []
    const parts = Array.isArray(path) ? path.filter((part): part is string | number => typeof part === 'string' || typeof part === 'number') : []
    return [{ path: parts, problem: found }]
  })
  // Only when every problem could be read: otherwise the core's message says more.
  return placed.length === list.length ? placed : []
}

/** The problems an error's detail carries, worded: one (`problem`), or one per field (`problems`, each after its path). */
function detailProblems(detail: Record<string, unknown> | undefined, t: Translate): string | null {
  const single = parseProblem(detail?.problem)
  if (single !== null) return problemText(single, t)
  const placed = detailProblemList(detail)
  if (placed.length === 0) return null
  return placed.map((entry) => (entry.path.length === 0 ? problemText(entry.problem, t) : problemAt(entry.path.join('.'), entry.problem, t))).join(t('validation.separator'))
}

/** What went wrong, without the code's title: the problem's wording when the core sent one, else its message. */
export function failureDetail(error: FailureLike, t: Translate): string {
  return detailProblems(error.detail, t) ?? error.message
}

/** Any failure in words: the problem's own wording when the detail carries one, else the code's title and the core's message. */
export function failureText(error: FailureLike, t: Translate): string {
  return detailProblems(error.detail, t) ?? t('validation.failure', { title: t(`errors.code.${error.code}`), message: error.message })
}

/** The remedy a failure carries, in the user's language when the core gave it as a problem (`hintProblem`), else as the core said it. */
export function failureHint(error: FailureLike, t: Translate): string | null {
  const worded = parseProblem(error.detail?.hintProblem)
  if (worded !== null) return problemText(worded, t)
  return typeof error.detail?.hint === 'string' ? error.detail.hint : null
}

/** failureText of anything thrown. */
export function errorText(error: unknown, t: Translate): string {
  return failureText(failureOf(error), t)
}

/** failureDetail of anything thrown. */
export function errorDetail(error: unknown, t: Translate): string {
  return failureDetail(failureOf(error), t)
}
