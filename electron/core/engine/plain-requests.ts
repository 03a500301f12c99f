import type { Endpoint } from './endpoint'

/**
 * The pure half of the listing path's engine client (plain-client.ts): where a request
 * goes, what its path is, and what an answer means. Each rule repeats what dockerode and
 * docker-modem do for the same call, so that the catalog gets the same values and the
 * same errors whichever client asked.
 */

/** Where a plain HTTP request is sent: a unix socket or named pipe, or host and port. */
export type PlainTarget = { socketPath: string } | { host: string; port: number }

/**
 * The target of an endpoint the plain client speaks to, or null where dockerode stays:
 * - unix sockets and Windows named pipes: Node's `http` takes either as `socketPath`,
 *   as docker-modem does;
 * - tcp without TLS: plain HTTP to host and port;
 * - tcp with TLS: null. Node's `https` loads `tls` and `crypto` (part of the very cost
 *   this client avoids, and the handshake dwarfs the rest), and the verify / no-verify
 *   and client-certificate rules live in dockerode-options.ts: one place for them;
 * - ssh: null. Only SshTransport has the keys, the host key check and the handshake limit.
 */
export function plainTarget(endpoint: Endpoint): PlainTarget | null {
  if (endpoint.kind === 'unix' || endpoint.kind === 'npipe') return { socketPath: endpoint.address }
  if (endpoint.kind !== 'tcp' || endpoint.tls !== null) return null
  const index = endpoint.address.lastIndexOf(':')
  const port = Number(endpoint.address.slice(index + 1))
  if (index <= 0 || !Number.isInteger(port) || port <= 0 || port > 65535) return null
  return { host: endpoint.address.slice(0, index).replace(/^\[|\]$/g, ''), port }
}

export type QueryValue = string | number | boolean | Record<string, unknown> | undefined

/**
 * `/v1.43/images/json?all=true`: the API version pinned at connection (null for the
 * unversioned first call, /version), the path, and the query as docker-modem writes it:
 * booleans as `true`/`false`, objects (filters) as JSON, undefined left out.
 */
export function enginePath(apiVersion: string | null, path: string, query: Record<string, QueryValue> = {}): string {
  const pairs = Object.entries(query).flatMap(([key, value]) => {
    if (value === undefined) return []
    const text = typeof value === 'object' ? JSON.stringify(value) : String(value)
    return [`${encodeURIComponent(key)}=${encodeURIComponent(text)}`]
  })
  return `${apiVersion === null ? '' : `/v${apiVersion}`}${path}${pairs.length === 0 ? '' : `?${pairs.join('&')}`}`
}

/** An image name or ID as a path segment: dockerode sends it as it is; here every reserved character is escaped. */
export function imagePath(name: string, what: 'json' | 'history'): string {
  return `/images/${encodeURIComponent(name)}/${what}`
}

/** dockerode's words for the failures each call expects (its `statusCodes`); an unexpected status has none. */
export const REASONS = {
  version: { 500: 'server error' },
  info: { 500: 'server error' },
  list: { 400: 'bad parameter', 500: 'server error' },
  image: { 404: 'no such image', 500: 'server error' },
} as const satisfies Record<string, Partial<Record<number, string>>>

export type ReasonSet = keyof typeof REASONS

/** The engine answered with a status other than 200: shaped as docker-modem's error, which engineError reads. */
export interface EngineHttpError extends Error {
  statusCode: number
  reason: string | undefined
  /** The parsed body, or the raw bytes when it is not JSON (as docker-modem keeps it). */
  json: unknown
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return null
  }
}

/**
 * What an answer means: its parsed JSON on a 200, else the error docker-modem would
 * have made of it (same message, status, reason and body). A 200 whose body is not
 * JSON is an error here; docker-modem would hand the raw bytes to the catalog instead.
 * A redirect is refused as modem-redirects.ts makes docker-modem refuse it.
 */
export function answerOf(answer: { status: number; location: string | undefined; body: Buffer }, reasons: ReasonSet, path: string): unknown {
  const { status, body } = answer
  if (status >= 300 && status < 400 && answer.location !== undefined) throw new Error('Max redirects exceeded. To allow more redirects, pass options.maxRedirects property.')
  const text = body.toString()
  // docker-modem: JSON, or the bytes themselves when the body does not parse (or is `null`).
  const json = parseJson(text) ?? body
  if (status === 200) {
    if (json === body) throw new Error(`the engine's answer to GET ${path} is not JSON`)
    return json
  }
  const reason = (REASONS[reasons] as Partial<Record<number, string>>)[status]
  const fields = typeof json === 'object' && !Buffer.isBuffer(json) ? (json as { message?: unknown; error?: unknown }) : {}
  // As docker-modem words it, falsy fields passed over alike.
  const cause: unknown = fields.message || fields.error || json
  const error = new Error(`(HTTP code ${String(status)}) ${reason ?? 'unexpected'} - ${String(cause)} `) as EngineHttpError
  error.statusCode = status
  error.reason = reason
  error.json = json
  throw error
}
