import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'

/**
 * Browsers scope cookies by host, never by port: every service on 127.0.0.1 shares
 * one cookie jar. The port in the name keeps two `strata serve` on two ports from
 * overwriting each other's session; the path keeps the cookie off requests to any
 * other service's pages (it is sent only under /api/, where all the data is).
 */
export function tokenCookieName(port: number): string {
  return `strata_token_${port}`
}

export const TOKEN_COOKIE_PATH = '/api/'

/** The name versions before the port was in it used (Path=/), sent to every service on 127.0.0.1. */
export const UNSCOPED_TOKEN_COOKIE = 'strata_token'

/** The Set-Cookie values that start a browser session, and remove a cookie an older version left. */
export function sessionCookies(port: number, token: string): string[] {
  return [
    `${tokenCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=${TOKEN_COOKIE_PATH}`,
    `${UNSCOPED_TOKEN_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`,
  ]
}

export function newToken(): string {
  return randomBytes(24).toString('base64url')
}

export function sameToken(candidate: string | null | undefined, token: string): boolean {
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

/**
 * The token as a bearer header (CLI, tests) or this port's session cookie (browser).
 * Never from the address: `?token=` is only traded for the cookie on a page load.
 */
export function headersCarryToken(headers: IncomingHttpHeaders, port: number, token: string): boolean {
  const header = headers.authorization
  const bearer = header?.startsWith('Bearer ') === true ? header.slice('Bearer '.length) : null
  return sameToken(bearer, token) || sameToken(cookieValue(headers.cookie, tokenCookieName(port)), token)
}

/**
 * Refuses requests whose Host or Origin is not this loopback server: a page on
 * another site that rebinds its DNS name to 127.0.0.1 still sends its own Host.
 */
export function isLoopbackRequest(headers: IncomingHttpHeaders, port: number): boolean {
  const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`]
  const host = headers.host
  if (host === undefined || !allowedHosts.includes(host.toLowerCase())) return false
  const origin = headers.origin
  if (origin === undefined) return true
  return allowedHosts.some((allowed) => origin.toLowerCase() === `http://${allowed}`)
}
