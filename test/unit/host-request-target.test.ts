import { describe, expect, it } from 'vitest'
import { isApiPath, readRequestTarget } from '../../electron/host/request-target'

describe('readRequestTarget', () => {
  it('decodes an origin-form path and keeps the query and the raw path', () => {
    const reading = readRequestTarget('/assets/a%20b.js?ref=fixture%2Fapp%3A1&path=%2Fbin%2Fbusybox')
    expect(reading).toMatchObject({ ok: true, target: { path: '/assets/a b.js', rawPath: '/assets/a%20b.js' } })
    if (!reading.ok) return
    expect(reading.target.query.get('ref')).toBe('fixture/app:1')
    expect(reading.target.query.get('path')).toBe('/bin/busybox')
  })

  it('accepts the root and a trailing slash', () => {
    expect(readRequestTarget('/')).toMatchObject({ ok: true, target: { path: '/' } })
    expect(readRequestTarget('/assets/')).toMatchObject({ ok: true, target: { path: '/assets/' } })
  })

  it('tolerates a badly encoded query value rather than failing the request', () => {
    const reading = readRequestTarget('/?token=%ff')
    expect(reading.ok).toBe(true)
    if (reading.ok) expect(reading.target.query.has('token')).toBe(true)
  })

  it.each([
    ['', 'no target'],
    ['*', 'asterisk form'],
    ['http://127.0.0.1:1/', 'absolute form'],
    ['http://[', 'a broken absolute form'],
    ['//', 'two slashes'],
    ['//evil.example/x', 'a protocol-relative path'],
    ['/%ff', 'percent-encoding that is not UTF-8'],
    ['/%zz', 'a broken escape'],
    ['/a%00b', 'an encoded NUL'],
    ['/a\u0000b', 'a raw NUL'],
    ['/a%0d%0aSet-Cookie:%20x', 'an encoded line break'],
    ['/..', 'a .. segment'],
    ['/assets/../../package.json', 'a climbing path'],
    ['/..%2f..%2fpackage.json', 'an encoded climbing path'],
    ['/%2e%2e/package.json', 'encoded dots'],
    ['/./index.html', 'a . segment'],
    ['/assets//a.js', 'an empty segment'],
    ['/a#b', 'a fragment'],
  ])('refuses %j (%s)', (raw) => {
    const reading = readRequestTarget(raw)
    expect(reading.ok).toBe(false)
    if (!reading.ok) expect(reading.problem.length).toBeGreaterThan(0)
  })

  it('refuses undefined (no target at all)', () => {
    expect(readRequestTarget(undefined).ok).toBe(false)
  })
})

describe('isApiPath', () => {
  it('covers /api and everything under it, and nothing that only starts alike', () => {
    expect(isApiPath('/api')).toBe(true)
    expect(isApiPath('/api/images.list')).toBe(true)
    expect(isApiPath('/apis')).toBe(false)
    expect(isApiPath('/')).toBe(false)
  })
})
