import Docker from 'dockerode'
import { inject } from 'vitest'
import { createStrataCore, type StrataCore } from '../../electron/core/api/core'
import { StrataError } from '../../shared/errors'
import type { MethodResult } from '../../shared/contract'
import type { MethodName } from '../../shared/methods'

/** dockerode on the run's private daemon, for arranging state outside Strata (as the docker CLI would). */
export function privateDocker(): Docker {
  return new Docker({ socketPath: inject('dockerSocket') })
}

export function privateCore(): StrataCore {
  return createStrataCore({
    host: inject('dockerHost'),
    onBackgroundError: (error) => {
      // Live-update failures would otherwise vanish; a test that depends on one then says why.
      console.error('strata background error:', error)
    },
  })
}

export async function callOk<N extends MethodName>(core: StrataCore, method: N, input: unknown): Promise<MethodResult<N>> {
  const outcome = await core.call(method, input)
  if (!outcome.ok) throw StrataError.fromWire(outcome.error)
  return outcome.value as MethodResult<N>
}

/** The error a call must end with; a call that succeeds fails the test with what it answered. */
export async function callError(core: StrataCore, method: MethodName, input: unknown): Promise<StrataError> {
  const outcome = await core.call(method, input)
  if (outcome.ok) throw new Error(`${method} succeeded: ${JSON.stringify(outcome.value)}`)
  return StrataError.fromWire(outcome.error)
}

/** Resolves with the first value `probe` returns that is not undefined, polling until the timeout. */
export async function eventually<T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
