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

/** The problems an error's detail carries: one (`problem`), or one per field (`problems`, each with its path). */
function detailProblems(detail: Record<string, unknown> | undefined, t: Translate): string | null {
  if (detail === undefined) return null
  const single = parseProblem(detail.problem)
  if (single !== null) return problemText(single, t)
  const list = Array.isArray(detail.problems) ? detail.problems : []
  const worded = list.flatMap((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null) return []
    const { problem, path: at } = entry as { problem?: unknown; path?: unknown }
    const found = parseProblem(problem)
    if (found === null) return []
    const path = Array.isArray(at) ? at.join('.') : ''
    return [path === '' ? problemText(found, t) : problemAt(path, found, t)]
  })
  // Only when every problem could be worded: otherwise the core's message says more.
  return worded.length > 0 && worded.length === list.length ? worded.join(t('validation.separator')) : null
}

/** What went wrong, without the code's title: the problem's wording when the core sent one, else its message. */
export function failureDetail(error: FailureLike, t: Translate): string {
  return detailProblems(error.detail, t) ?? error.message
}

/** Any failure in words: the problem's own wording when the detail carries one, else the code's title and the core's message. */
export function failureText(error: FailureLike, t: Translate): string {
  return detailProblems(error.detail, t) ?? t('validation.failure', { title: t(`errors.code.${error.code}`), message: error.message })
}
