import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

export const TOKEN_COOKIE = 'strata_token'

export function newToken(): string {
  return randomBytes(24).toString('base64url')
}

function sameToken(candidate: string | null | undefined, token: string): boolean {
  if (candidate === null || candidate === undefined) return false
  const a = Buffer.from(candidate)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

export function cookieValue(header: string | undefined, name: string): string | null {
  if (header === undefined) return null
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=')
    if (key === name) return rest.join('=')
  }
  return null
}

/** The token may come as a bearer header (CLI, tests), the session cookie (browser) or ?token= (first load). */
export function requestHasToken(request: IncomingMessage, url: URL, token: string): boolean {
  const header = request.headers.authorization
  const bearer = header?.startsWith('Bearer ') === true ? header.slice('Bearer '.length) : null
  return sameToken(bearer, token) || sameToken(cookieValue(request.headers.cookie, TOKEN_COOKIE), token) || sameToken(url.searchParams.get('token'), token)
}

/**
 * Refuses requests whose Host or Origin is not this loopback server: a page on
 * another site that rebinds its DNS name to 127.0.0.1 still sends its own Host.
 */
export function isLoopbackRequest(request: IncomingMessage, port: number): boolean {
  const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`]
  const host = request.headers.host
  if (host === undefined || !allowedHosts.includes(host.toLowerCase())) return false
  const origin = request.headers.origin
  if (origin === undefined) return true
  return allowedHosts.some((allowed) => origin.toLowerCase() === `http://${allowed}`)
}
