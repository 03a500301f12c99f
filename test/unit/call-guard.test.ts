import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { attributeEscapedErrors, installLastLineOfDefence, runGuarded } from '../../electron/core/api/call-guard'
import { StrataError } from '../../shared/errors'

type Listener = (...args: unknown[]) => void

/** Vitest reports uncaught errors itself; these tests stand in for it while they run. */
let vitestListeners: { uncaught: Listener[]; rejection: Listener[] }
let uninstall: () => void = () => undefined
const reported: { message: string; origin: string }[] = []

beforeEach(() => {
  vitestListeners = { uncaught: process.listeners('uncaughtException') as Listener[], rejection: process.listeners('unhandledRejection') as Listener[] }
  process.removeAllListeners('uncaughtException')
  process.removeAllListeners('unhandledRejection')
  reported.length = 0
  uninstall = installLastLineOfDefence((error, origin) => {
    reported.push({ message: error instanceof Error ? error.message : String(error), origin })
  })
})

afterEach(() => {
  uninstall()
  for (const listener of vitestListeners.uncaught) process.on('uncaughtException', listener)
  for (const listener of vitestListeners.rejection) process.on('unhandledRejection', listener)
})

/** Work that starts a callback which throws where no promise can catch it, then never settles. */
function workThatThrowsFromATimer(message: string): Promise<string> {
  return new Promise(() => {
    setTimeout(() => {
      throw new Error(message)
    }, 5)
  })
}

describe('the last line of defence', () => {
  it('fails the one call an escaped error came from with INTERNAL, and the process goes on', async () => {
    const failing = runGuarded(() => workThatThrowsFromATimer('Invalid URL'))
    const healthy = runGuarded(() => new Promise<string>((resolve) => setTimeout(() => {
          resolve('fine')
        }, 30)))
    const error = await failing.then(
      () => null,
      (caught: unknown) => caught,
    )
    expect(error).toBeInstanceOf(StrataError)
    expect((error as StrataError).code).toBe('INTERNAL')
    expect((error as StrataError).message).toContain('Invalid URL')
    expect(await healthy).toBe('fine')
    expect(reported).toEqual([{ message: 'Invalid URL', origin: 'call' }])
  })

  it('reports an error outside any call as background work and fails no call', async () => {
    const call = runGuarded(() => new Promise<string>((resolve) => setTimeout(() => {
          resolve('done')
        }, 30)))
    setTimeout(() => {
      throw new Error('outside')
    }, 1)
    expect(await call).toBe('done')
    expect(reported).toEqual([{ message: 'outside', origin: 'background' }])
  })

  it('passes a call’s own result and its own rejection through unchanged', async () => {
    expect(await runGuarded(() => Promise.resolve(42))).toBe(42)
    const own = new StrataError('NOT_FOUND', 'no such image')
    await expect(runGuarded(() => Promise.reject(own))).rejects.toBe(own)
    expect(reported).toEqual([])
  })
})

describe('a one-shot command (scope "process")', () => {
  beforeEach(() => {
    uninstall()
    uninstall = installLastLineOfDefence(
      (error, origin) => {
        reported.push({ message: error instanceof Error ? error.message : String(error), origin })
      },
      { scope: 'process' },
    )
  })

  afterEach(() => {
    attributeEscapedErrors('per-call')
  })

  it('fails the command’s call in flight with INTERNAL, whatever context the error arose in', async () => {
    const failing = runGuarded(() => new Promise<string>(() => undefined))
    setTimeout(() => {
      throw new Error('socket callback')
    }, 1)
    const error = await failing.then(
      () => null,
      (caught: unknown) => caught,
    )
    expect((error as StrataError).code).toBe('INTERNAL')
    expect((error as StrataError).message).toContain('socket callback')
    expect(reported).toEqual([{ message: 'socket callback', origin: 'call' }])
  })

  it('reports an error after the calls have settled as background work', async () => {
    expect(await runGuarded(() => Promise.resolve('done'))).toBe('done')
    setTimeout(() => {
      throw new Error('late')
    }, 1)
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(reported).toEqual([{ message: 'late', origin: 'background' }])
  })

  it('goes back to per-call attribution when serve asks for it', async () => {
    attributeEscapedErrors('per-call')
    const failing = runGuarded(() => workThatThrowsFromATimer('only me'))
    const bystander = runGuarded(() => new Promise<string>((resolve) => setTimeout(() => {
          resolve('untouched')
        }, 30)))
    await expect(failing).rejects.toThrow('only me')
    expect(await bystander).toBe('untouched')
  })
})
