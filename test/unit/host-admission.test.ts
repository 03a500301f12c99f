import { describe, expect, it } from 'vitest'
import { admit, type Admission, type RequestHead } from '../../electron/host/admission'

const port = 4100
const token = 'secret-token-value'
const own = { host: `127.0.0.1:${port}` }
const bearer = { ...own, authorization: `Bearer ${token}` }

function head(method: string, url: string, headers: Record<string, string> = own): RequestHead {
  return { method, url, headers }
}

function statusOf(admission: Admission): number | string {
  return admission.kind === 'refuse' ? admission.status : admission.kind
}

describe('admit', () => {
  it('checks Host and Origin before anything, even a malformed target', () => {
    expect(statusOf(admit(head('GET', 'http://[', { host: `evil.example:${port}` }), port, token))).toBe(403)
    expect(statusOf(admit(head('GET', '/', { ...bearer, origin: 'http://evil.example' }), port, token))).toBe(403)
  })

  it('answers a malformed target 401 without the token and 400 with it', () => {
    for (const target of ['/%ff', '//', 'http://[', '/a/../b', '/a%00']) {
      expect(statusOf(admit(head('GET', target), port, token))).toBe(401)
      const withToken = admit(head('GET', target, bearer), port, token)
      expect(statusOf(withToken)).toBe(400)
      if (withToken.kind === 'refuse') expect(withToken.error.code).toBe('INVALID_INPUT')
    }
  })

  it('lets API calls in with the bearer or this port\'s cookie only', () => {
    expect(admit(head('POST', '/api/images.list', bearer), port, token)).toMatchObject({ kind: 'api', route: 'images.list' })
    expect(admit(head('POST', '/api/images.list', { ...own, cookie: `strata_token_${port}=${token}` }), port, token)).toMatchObject({ kind: 'api' })
    expect(statusOf(admit(head('POST', '/api/images.list', { ...own, cookie: `strata_token_${port + 1}=${token}` }), port, token))).toBe(401)
    expect(statusOf(admit(head('POST', '/api/images.list'), port, token))).toBe(401)
  })

  it('never takes the token from the address of an API call or the events socket', () => {
    for (const target of [`/api/images.list?token=${token}`, `/api/events?token=${token}`, `/api/download?ref=a&path=b&token=${token}`]) {
      const admission = admit(head('GET', target), port, token)
      expect(statusOf(admission)).toBe(401)
      if (admission.kind === 'refuse') expect(admission.error.message).toMatch(/never in the address/)
    }
  })

  it('trades the right token in a page address for a session, keeping the path and dropping the query', () => {
    expect(admit(head('GET', `/?token=${token}`), port, token)).toEqual({ kind: 'start-session', location: '/' })
    expect(admit(head('HEAD', `/assets/a%20b.js?x=1&token=${token}`), port, token)).toEqual({ kind: 'start-session', location: '/assets/a%20b.js' })
    expect(statusOf(admit(head('GET', '/?token=wrong'), port, token))).toBe(401)
    // A page load is a GET: a POST carrying the token is not traded.
    expect(statusOf(admit(head('POST', `/?token=${token}`), port, token))).toBe(405)
  })

  it('serves the renderer\'s files without the token, to GET and HEAD only', () => {
    expect(admit(head('GET', '/'), port, token)).toMatchObject({ kind: 'page', target: { path: '/' } })
    expect(admit(head('HEAD', '/assets/app.js'), port, token)).toMatchObject({ kind: 'page' })
    expect(statusOf(admit(head('DELETE', '/'), port, token))).toBe(405)
  })
})
