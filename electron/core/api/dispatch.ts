import { contract, type MethodResult } from '../../../shared/contract'
import { failure, StrataError, type Outcome } from '../../../shared/errors'
import { isMethodName, type MethodName } from '../../../shared/methods'
import { parseProblem, problem, type Problem } from '../../../shared/problems'
import { engineError } from '../engine/errors'
import { handlerFor, type HandlerContext } from './handlers'

/**
 * The shared checks' problems (carried in a custom issue's params), so the renderer words
 * them; only when every issue has one, since the others exist only in the English message.
 */
function problemsOf(issues: readonly { path: readonly PropertyKey[]; params?: unknown }[]): { problems?: { path: (string | number)[]; problem: Problem }[] } {
  const problems = issues.flatMap((issue) => {
    const found = typeof issue.params === 'object' && issue.params !== null ? parseProblem((issue.params as { problem?: unknown }).problem) : null
    return found === null ? [] : [{ path: issue.path.map((part) => (typeof part === 'number' ? part : String(part))), problem: found }]
  })
  return problems.length > 0 && problems.length === issues.length ? { problems } : {}
}

/** Validates a call from any transport against the contract; nothing malformed reaches the engine. */
export function validateCall(method: unknown, input: unknown): { method: MethodName; input: unknown } {
  if (!isMethodName(method)) {
    // JSON.stringify(undefined) is undefined, whatever its declared type says.
    const quoted: unknown = JSON.stringify(method)
    throw failure('INVALID_INPUT', problem('engine.unknownMethod', { method: String(quoted) }), { method: String(method) })
  }
  const parsed = contract[method].input.safeParse(input ?? {})
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(input)'}: ${issue.message}`)
    // No problem id of its own: the per-field problems word themselves, and the schema's issues exist only in English.
    throw new StrataError('INVALID_INPUT', `Invalid input for ${method}: ${issues.join('; ')}`, { method, issues, ...problemsOf(parsed.error.issues) })
  }
  return { method, input: parsed.data }
}

export async function dispatch(method: unknown, input: unknown, context: HandlerContext): Promise<Outcome<unknown>> {
  try {
    const call = validateCall(method, input)
    const handler = (await handlerFor(call.method)) as (input: unknown, context: HandlerContext) => Promise<MethodResult<MethodName>>
    const value = await handler(call.input, context)
    return { ok: true, value }
  } catch (error) {
    return { ok: false, error: engineError(error, context.session.endpoint).toWire() }
  }
}
