import type { Readable } from 'node:stream'
import { failure, StrataError } from '../../../shared/errors'
import { problem } from '../../../shared/problems'
import type { EngineConnection } from '../engine/connection'
import { engineError } from '../engine/errors'
import type { EngineAuthConfig } from './access'

/** GET /distribution/{name}/json: the descriptor the reference resolves to and the platforms it offers. */
export interface DistributionAnswer {
  Descriptor: { mediaType: string; digest: string; size: number }
  Platforms?: { os: string; architecture: string; variant?: string }[] | null
}

interface DialOptions {
  path: string
  method: 'GET' | 'POST'
  options?: Record<string, unknown>
  authconfig?: EngineAuthConfig
  file?: Readable
  isStream?: boolean
  signal?: AbortSignal
  statusCodes: Record<number, boolean | string>
}

/** The modem itself: dockerode has no call for /distribution, and its pull does not take a platform with auth in one place. */
function dial<T>(connection: EngineConnection, options: DialOptions): Promise<T> {
  return new Promise((resolve, reject) => {
    connection.docker.modem.dial(
      {
        path: options.path,
        method: options.method,
        options: options.options ?? {},
        ...(options.authconfig === undefined ? {} : { authconfig: options.authconfig }),
        ...(options.file === undefined ? {} : { file: options.file }),
        ...(options.isStream === true ? { isStream: true } : {}),
        ...(options.signal === undefined ? {} : { abortSignal: options.signal }),
        statusCodes: options.statusCodes,
      },
      (error, data) => {
        if (error !== null) reject(error)
        else resolve(data as T)
      },
    )
  })
}

const ERRORS = { 200: true, 400: 'bad parameter', 401: 'unauthorized', 403: 'forbidden', 404: 'not found', 409: 'conflict', 500: 'server error' }

export function distributionInspect(connection: EngineConnection, reference: string, auth: EngineAuthConfig | undefined, signal?: AbortSignal): Promise<DistributionAnswer> {
  if (!connection.supports('1.30')) return Promise.reject(failure('API_TOO_OLD', problem('registry.noDistribution')))
  return dial(connection, { path: `/distribution/${reference}/json`, method: 'GET', ...(auth === undefined ? {} : { authconfig: auth }), ...(signal === undefined ? {} : { signal }), statusCodes: ERRORS })
}

/** POST /images/create: a stream of JSON progress lines. */
export function engineCreateImage(connection: EngineConnection, query: { fromImage: string; tag?: string; platform?: string }, auth: EngineAuthConfig | undefined, signal: AbortSignal): Promise<Readable> {
  return dial(connection, { path: '/images/create?', method: 'POST', options: query, ...(auth === undefined ? {} : { authconfig: auth }), isStream: true, signal, statusCodes: ERRORS })
}

/** POST /images/{name}/push; the engine insists on an X-Registry-Auth header, even an empty one. */
export function enginePush(connection: EngineConnection, name: string, tag: string, auth: EngineAuthConfig | undefined, signal: AbortSignal): Promise<Readable> {
  return dial(connection, { path: `/images/${name}/push?`, method: 'POST', options: { tag }, authconfig: auth ?? { serveraddress: '' }, isStream: true, signal, statusCodes: ERRORS })
}

/** POST /images/load with a tar body; the answer is a stream of JSON lines. */
export function engineLoad(connection: EngineConnection, body: Readable, signal: AbortSignal): Promise<Readable> {
  return dial(connection, { path: '/images/load?', method: 'POST', options: { quiet: false }, file: body, isStream: true, signal, statusCodes: ERRORS })
}

/**
 * The words the engine uses when a registry fails it, turned into codes a caller can
 * branch on. The engine answers these as 500s or as error lines inside a 200 stream.
 */
export function registryFailure(message: string, domain: string, status?: number): StrataError {
  const detail = { registry: domain, engineMessage: message, ...(status === undefined ? {} : { status }) }
  if (/server gave HTTP response to HTTPS client/i.test(message)) {
    return failure('REGISTRY_UNREACHABLE', problem('registry.plainHttp', { registry: domain, message }), detail, problem('registry.plainHttpHint', { registry: domain }))
  }
  if (/connection refused|no such host|i\/o timeout|network is unreachable|no route to host|dial tcp|TLS handshake timeout|connection reset/i.test(message)) {
    return failure('REGISTRY_UNREACHABLE', problem('registry.engineUnreachable', { registry: domain, message }), detail)
  }
  // "denied" is the registry knowing who asks and refusing this repository or action (a push without write access), not a bad password.
  if (/denied|forbidden/i.test(message) && !/unauthorized|authentication required|incorrect username or password/i.test(message)) {
    return failure('UNAUTHORIZED', problem('registry.engineDenied', { registry: domain, message }), detail, problem('registry.deniedHint', { registry: domain }))
  }
  if (/unauthorized|authentication required|no basic auth credentials|incorrect username or password/i.test(message)) {
    return failure('UNAUTHORIZED', problem('registry.engineRefusedCredentials', { registry: domain, message }), detail, problem('registry.loginHint', { registry: domain }))
  }
  // The engine's own words, with nothing of Strata's to word: left without a problem, the renderer puts the code's title before them in the user's language.
  if (/no matching manifest|manifest unknown|not found|does not exist|name unknown|no such image/i.test(message)) return new StrataError('NOT_FOUND', message, detail)
  return new StrataError('ENGINE_ERROR', message, detail)
}

/** An engine call's failure: registry trouble by its words, anything else as the engine's errors are. */
export function engineCallError(error: unknown, connection: EngineConnection, domain: string): StrataError {
  const raw = error as { statusCode?: unknown; json?: unknown; message?: unknown }
  // For a streamed call the modem puts the engine's message only into its own text: "(HTTP code 500) server error - <message>".
  const streamed = raw.json === null && typeof raw.message === 'string' ? /^\(HTTP code \d+\) [^-]*- ([\s\S]*)$/.exec(raw.message)?.[1]?.trim() : undefined
  if (typeof raw.statusCode === 'number' && raw.statusCode >= 400 && streamed !== undefined) return registryFailure(streamed, domain, raw.statusCode)
  const mapped = engineError(error, connection.endpoint)
  const status = mapped.detail.status
  if (typeof status === 'number' && status >= 400 && mapped.code !== 'INVALID_INPUT') return registryFailure(mapped.message.replace(/^The engine answered \d+: /, ''), domain, status)
  return mapped
}
