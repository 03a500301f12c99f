import type { IncomingHttpHeaders } from 'node:http'
import { describe, expect, it } from 'vitest'
import { cookieValue, headersCarryToken, isLoopbackRequest, sessionCookies, tokenCookieName } from '../../electron/host/auth'

const token = 'secret-token-value'
const headers = (values: Record<string, string>): IncomingHttpHeaders => values

describe('isLoopbackRequest', () => {
  it('accepts our own host and port, with or without a matching Origin', () => {
    expect(isLoopbackRequest(headers({ host: '127.0.0.1:4100' }), 4100)).toBe(true)
    expect(isLoopbackRequest(headers({ host: 'localhost:4100', origin: 'http://localhost:4100' }), 4100)).toBe(true)
  })

  it('refuses a rebound DNS name, another port, and a foreign Origin', () => {
    expect(isLoopbackRequest(headers({ host: 'evil.example:4100' }), 4100)).toBe(false)
    expect(isLoopbackRequest(headers({ host: '127.0.0.1:4101' }), 4100)).toBe(false)
    expect(isLoopbackRequest(headers({ host: '127.0.0.1:4100', origin: 'http://evil.example' }), 4100)).toBe(false)
    expect(isLoopbackRequest(headers({ host: '127.0.0.1:4100', origin: 'http://127.0.0.1:4101' }), 4100)).toBe(false)
    expect(isLoopbackRequest(headers({ host: '127.0.0.1:4100', origin: 'null' }), 4100)).toBe(false)
    expect(isLoopbackRequest(headers({}), 4100)).toBe(false)
  })
})

describe('the session cookie', () => {
  it('is named after the port, so two hosts on two ports keep their own', () => {
    expect(tokenCookieName(4100)).toBe('strata_token_4100')
    expect(tokenCookieName(4100)).not.toBe(tokenCookieName(4101))
  })

  it('is HttpOnly, SameSite=Strict and sent only under /api/; the unscoped cookie of older versions is removed', () => {
    const [session, cleanup] = sessionCookies(4100, token)
    expect(session).toBe(`strata_token_4100=${token}; HttpOnly; SameSite=Strict; Path=/api/`)
    expect(cleanup).toMatch(/^strata_token=; .*Path=\/; Max-Age=0$/)
  })
})

describe('headersCarryToken', () => {
  it('accepts the token as bearer or as this port\'s cookie', () => {
    expect(headersCarryToken(headers({ authorization: `Bearer ${token}` }), 4100, token)).toBe(true)
    expect(headersCarryToken(headers({ cookie: `a=b; strata_token_4100=${token}` }), 4100, token)).toBe(true)
  })

  it('refuses another port\'s cookie, the unscoped cookie, and a missing, wrong or truncated token', () => {
    expect(headersCarryToken(headers({ cookie: `strata_token_4101=${token}` }), 4100, token)).toBe(false)
    expect(headersCarryToken(headers({ cookie: `strata_token=${token}` }), 4100, token)).toBe(false)
    expect(headersCarryToken(headers({}), 4100, token)).toBe(false)
    expect(headersCarryToken(headers({ authorization: 'Bearer nope' }), 4100, token)).toBe(false)
    expect(headersCarryToken(headers({ cookie: `strata_token_4100=${token.slice(0, -1)}` }), 4100, token)).toBe(false)
    expect(headersCarryToken(headers({ authorization: token }), 4100, token)).toBe(false)
  })
})

describe('cookieValue', () => {
  it('finds one cookie among several, keeping = inside values, and not by prefix', () => {
    expect(cookieValue('x=1; strata_token_1=ab=c; y=2', 'strata_token_1')).toBe('ab=c')
    expect(cookieValue('strata_token_12=v', 'strata_token_1')).toBeNull()
    expect(cookieValue(undefined, 'strata_token_1')).toBeNull()
  })
})
