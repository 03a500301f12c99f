import { problem, type Problem } from '../../shared/problems'
import { parseRepositoryTag } from '../../shared/reference'

/**
 * What is wrong with the name a tag or push target is given, as a problem the form words
 * with problemText (renderer/i18n/problems.ts); null when the engine will take it.
 * registry-view's targetProblem says the same in English.
 */
export function targetProblemOf(text: string): Problem | null {
  const trimmed = text.trim()
  if (trimmed === '') return problem('reference.targetMissing')
  const parsed = parseRepositoryTag(trimmed)
  return parsed.ok ? null : parsed.problem
}
