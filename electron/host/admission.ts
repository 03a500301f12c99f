import type { IncomingHttpHeaders } from 'node:http'
import { StrataError } from '../../shared/errors'
import { headersCarryToken, isLoopbackRequest, sameToken } from './auth'
import { isApiPath, readRequestTarget, type RequestTarget } from './request-target'

export interface RequestHead {
  method?: string | undefined
  url?: string | undefined
  headers: IncomingHttpHeaders
}

/** What the host does with a request, decided from its head alone before anything else runs. */
export type Admission =
  | { kind: 'refuse'; status: number; error: StrataError }
  /** A page load carrying the right `?token=`: set the session cookie and send the browser to `location`. */
  | { kind: 'start-session'; location: string }
  /** An authenticated call under /api/; `route` is the path after it (`images.list`, `events`, `download`). */
  | { kind: 'api'; route: string; target: RequestTarget }
  /** One of the renderer's files (public: they are the app's build, no data). */
  | { kind: 'page'; target: RequestTarget }

const refuse = (status: number, error: StrataError): Admission => ({ kind: 'refuse', status, error })

const UNAUTHORIZED = 'Open the URL with the token that `strata serve` printed.'

/**
 * Order matters: Host and Origin first (DNS rebinding), then the token from the
 * headers, and only then is the target read, so a caller without the token learns
 * nothing from how a malformed target is answered. The token in the address is
 * honoured for one thing only: a page load trading it for the session cookie.
 */
export function admit(request: RequestHead, port: number, token: string): Admission {
  if (!isLoopbackRequest(request.headers, port)) {
    return refuse(403, new StrataError('PERMISSION_DENIED', 'Host or Origin is not this Strata server.'))
  }
  const authenticated = headersCarryToken(request.headers, port, token)
  const reading = readRequestTarget(request.url)
  if (!reading.ok) {
    return authenticated
      ? refuse(400, new StrataError('INVALID_INPUT', reading.problem, { target: (request.url ?? '').slice(0, 200) }))
      : refuse(401, new StrataError('UNAUTHORIZED', UNAUTHORIZED))
  }
  const { target } = reading
  if (isApiPath(target.path)) {
    if (!authenticated) {
      const hint = target.query.has('token') ? ' The API takes the token as a bearer header or the session cookie, never in the address.' : ''
      return refuse(401, new StrataError('UNAUTHORIZED', `${UNAUTHORIZED}${hint}`))
    }
    return { kind: 'api', route: target.path.slice('/api/'.length), target }
  }
  const isRead = request.method === 'GET' || request.method === 'HEAD'
  if (!isRead) return refuse(405, new StrataError('INVALID_INPUT', `${request.method ?? 'This method'} is not allowed here.`))
  if (target.query.has('token')) {
    if (!sameToken(target.query.get('token'), token)) {
      return refuse(401, new StrataError('UNAUTHORIZED', 'The token in the address is not this server\'s; open the URL that `strata serve` printed last.'))
    }
    // Drop the token from the address bar and history; the path was checked above, so it is safe to echo.
    return { kind: 'start-session', location: target.rawPath }
  }
  return { kind: 'page', target }
}
