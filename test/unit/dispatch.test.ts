import { describe, expect, it } from 'vitest'
import { createStrataCore } from '../../electron/core/api/core'
import { validateCall } from '../../electron/core/api/dispatch'
import { METHOD_NAMES } from '../../shared/methods'
import { contract } from '../../shared/contract'

// A socket path where no engine listens: a call that got past validation would answer ENGINE_UNREACHABLE.
const core = createStrataCore({ host: 'unix:///nonexistent/strata-test.sock' })

describe('boundary validation', () => {
  it('declares a schema for every method name', () => {
    expect(Object.keys(contract).sort()).toEqual([...METHOD_NAMES].sort())
  })

  it('refuses an unknown method with INVALID_INPUT', async () => {
    const outcome = await core.call('images.destroyEverything', {})
    expect(outcome).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })

  it.each([
    ['images.get', {}],
    ['images.get', { id: 42 }],
    ['images.get', { id: '../../etc/passwd' }],
    ['images.get', { id: 'ok', extra: true }],
    ['images.list', { dangling: 'yes' }],
    ['engine.info', { verbose: true }],
    ['engine.info', 'not an object'],
  ])('refuses %s with %j before reaching the engine', async (method, input) => {
    const outcome = await core.call(method, input)
    expect(outcome.ok).toBe(false)
    if (!outcome.ok) {
      expect(outcome.error.code).toBe('INVALID_INPUT')
      expect(outcome.error.message).toContain(method)
    }
  })

  it('lets a well-formed call through to the engine', async () => {
    const outcome = await core.call('images.get', { id: 'busybox:latest' })
    expect(outcome).toMatchObject({ ok: false, error: { code: 'ENGINE_UNREACHABLE' } })
  })

  it('treats a missing input as an empty object', () => {
    expect(validateCall('engine.info', undefined)).toEqual({ method: 'engine.info', input: {} })
  })

  it('reads a path inside the image with or without its leading slash, and refuses .. in it', () => {
    expect(validateCall('layers.readFile', { ref: 'app:1', path: '/bin/busybox' }).input).toMatchObject({ path: 'bin/busybox' })
    expect(validateCall('layers.tree', { ref: 'app:1', path: '//etc' }).input).toMatchObject({ path: 'etc' })
    expect(() => validateCall('layers.readFile', { ref: 'app:1', path: '/etc/../root' })).toThrow(/not a path inside the image/)
  })
})
