import { contract, type MethodResult } from '../../../shared/contract'
import { StrataError, type Outcome } from '../../../shared/errors'
import { isMethodName, type MethodName } from '../../../shared/methods'
import { engineError } from '../engine/errors'
import { handlerFor, type HandlerContext } from './handlers'

/** Validates a call from any transport against the contract; nothing malformed reaches the engine. */
export function validateCall(method: unknown, input: unknown): { method: MethodName; input: unknown } {
  if (!isMethodName(method)) {
    throw new StrataError('INVALID_INPUT', `Unknown method ${JSON.stringify(method)}.`, { method: String(method) })
  }
  const parsed = contract[method].input.safeParse(input ?? {})
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(input)'}: ${issue.message}`)
    throw new StrataError('INVALID_INPUT', `Invalid input for ${method}: ${issues.join('; ')}`, { method, issues })
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
