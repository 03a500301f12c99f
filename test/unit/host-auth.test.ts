import type { IncomingMessage } from 'node:http'
import { describe, expect, it } from 'vitest'
import { cookieValue, isLoopbackRequest, requestHasToken } from '../../electron/host/auth'

function request(headers: Record<string, string>): IncomingMessage {
  return { headers } as unknown as IncomingMessage
}

const token = 'secret-token-value'

describe('isLoopbackRequest', () => {
  it('accepts our own host and port, with or without a matching Origin', () => {
    expect(isLoopbackRequest(request({ host: '127.0.0.1:4100' }), 4100)).toBe(true)
    expect(isLoopbackRequest(request({ host: 'localhost:4100', origin: 'http://localhost:4100' }), 4100)).toBe(true)
  })

  it('refuses a rebound DNS name, another port, and a foreign Origin', () => {
    expect(isLoopbackRequest(request({ host: 'evil.example:4100' }), 4100)).toBe(false)
    expect(isLoopbackRequest(request({ host: '127.0.0.1:4101' }), 4100)).toBe(false)
    expect(isLoopbackRequest(request({ host: '127.0.0.1:4100', origin: 'http://evil.example' }), 4100)).toBe(false)
    expect(isLoopbackRequest(request({ host: '127.0.0.1:4100', origin: 'null' }), 4100)).toBe(false)
    expect(isLoopbackRequest(request({}), 4100)).toBe(false)
  })
})

describe('requestHasToken', () => {
  const url = (query: string): URL => new URL(`http://127.0.0.1:1/api/x${query}`)

  it('accepts the token as bearer, cookie or query parameter', () => {
    expect(requestHasToken(request({ authorization: `Bearer ${token}` }), url(''), token)).toBe(true)
    expect(requestHasToken(request({ cookie: `a=b; strata_token=${token}` }), url(''), token)).toBe(true)
    expect(requestHasToken(request({}), url(`?token=${token}`), token)).toBe(true)
  })

  it('refuses a missing, wrong or truncated token', () => {
    expect(requestHasToken(request({}), url(''), token)).toBe(false)
    expect(requestHasToken(request({ authorization: 'Bearer nope' }), url(''), token)).toBe(false)
    expect(requestHasToken(request({ cookie: `strata_token=${token.slice(0, -1)}` }), url(''), token)).toBe(false)
    expect(requestHasToken(request({ authorization: token }), url(''), token)).toBe(false)
  })
})

describe('cookieValue', () => {
  it('finds one cookie among several, keeping = inside values', () => {
    expect(cookieValue('x=1; strata_token=ab=c; y=2', 'strata_token')).toBe('ab=c')
    expect(cookieValue(undefined, 'strata_token')).toBeNull()
  })
})
