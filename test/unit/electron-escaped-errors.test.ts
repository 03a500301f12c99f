import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { installLastLineOfDefence, runGuarded } from '../../electron/core/api/call-guard'
import { logEscapedErrors } from '../../electron/main/escaped-errors'

type Listener = (...args: unknown[]) => void

/** Vitest reports uncaught errors itself; the app's handlers stand in for it while these tests run. */
let vitestListeners: { uncaught: Listener[]; rejection: Listener[] }
let uninstall: () => void = () => undefined
const write = vi.fn()

beforeEach(() => {
  vitestListeners = { uncaught: process.listeners('uncaughtException') as Listener[], rejection: process.listeners('unhandledRejection') as Listener[] }
  process.removeAllListeners('uncaughtException')
  process.removeAllListeners('unhandledRejection')
  write.mockReset()
  vi.spyOn(console, 'error').mockImplementation(() => undefined)
  // As electron/main/index.ts installs it.
  uninstall = installLastLineOfDefence(logEscapedErrors({ write }))
})

afterEach(() => {
  uninstall()
  vi.restoreAllMocks()
  for (const listener of vitestListeners.uncaught) process.on('uncaughtException', listener)
  for (const listener of vitestListeners.rejection) process.on('unhandledRejection', listener)
})

const tick = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

describe('errors that escape in the main process', () => {
  it('logs an unhandled rejection, with the error for its stack', async () => {
    const failure = new Error('docker socket closed')
    void Promise.reject(failure)
    await tick(10)
    expect(write).toHaveBeenCalledWith('error', 'unexpected error (background work)', failure)
  })

  it('logs an uncaught exception and says the call it came from was answered INTERNAL', async () => {
    const call = runGuarded(
      () =>
        new Promise(() => {
          setTimeout(() => {
            throw new Error('bad header')
          }, 1)
        }),
    ).catch(() => 'failed')
    expect(await call).toBe('failed')
    expect(write).toHaveBeenCalledTimes(1)
    expect(write.mock.calls[0]?.slice(0, 2)).toEqual(['error', 'unexpected error (that call was answered INTERNAL)'])
  })
})
