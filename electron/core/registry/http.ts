import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { request as httpsRequest } from 'node:https'
import type { SecureContext } from 'node:tls'
import { failure, StrataError } from '../../../shared/errors'
import { problem } from '../../../shared/problems'

export interface HttpAnswer {
  status: number
  headers: IncomingHttpHeaders
  body: Buffer
}

export interface HttpOptions {
  method?: string
  headers?: Record<string, string>
  body?: string
  signal?: AbortSignal
  timeoutMs?: number
  /** Accept any certificate: the engine's insecure registries. */
  insecureTls?: boolean
  /** What HTTPS trusts and presents (certs.d and the system's CAs); Node's defaults without it. */
  secureContext?: SecureContext
  /** Larger bodies are refused: manifests and configs are small, layers are never read here. */
  maxBytes?: number
}

const DEFAULT_TIMEOUT_MS = 30_000
const DEFAULT_MAX_BYTES = 16 * 1024 * 1024

/** One HTTP(S) exchange with the whole (bounded) body; network failures reject with Node's error (its code says which). */
export function fetchBuffer(url: URL, options: HttpOptions = {}): Promise<HttpAnswer> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest
    const request = send(
      url,
      {
        method: options.method ?? 'GET',
        headers: options.headers ?? {},
        timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        ...(options.signal === undefined ? {} : { signal: options.signal }),
        ...(url.protocol === 'https:' ? { rejectUnauthorized: options.insecureTls !== true, ...(options.secureContext === undefined ? {} : { secureContext: options.secureContext }) } : {}),
      },
      (response) => {
        const chunks: Buffer[] = []
        let length = 0
        response.on('data', (chunk: Buffer) => {
          length += chunk.length
          if (length > maxBytes) {
            request.destroy(failure('REGISTRY_ERROR', problem('registry.answerTooLarge', { path: url.pathname, max: String(maxBytes) })))
            return
          }
          chunks.push(chunk)
        })
        response.on('end', () => {
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) })
        })
        response.on('error', reject)
      },
    )
    request.on('timeout', () => {
      request.destroy(Object.assign(new Error(`no answer from ${url.host} within the timeout`), { code: 'ETIMEDOUT' }))
    })
    request.on('error', reject)
    request.end(options.body)
  })
}

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EPIPE'])

/** Whether a failed exchange was the connection (so plain HTTP is worth a try for an insecure registry), not an answer. */
export function isConnectionFailure(error: unknown): boolean {
  const code = (error as { code?: unknown }).code
  return typeof code === 'string' && (UNREACHABLE_CODES.has(code) || code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS') || code === 'EPROTO' || /CERT|SELF_SIGNED/.test(code))
}

/** Turns a network failure into the error a person can act on; `certFolders` are where a CA for this registry would be read from. */
export function networkError(error: unknown, origin: string, certFolders: string[] = []): StrataError {
  if (error instanceof StrataError) return error
  const raw = error as { code?: unknown; name?: unknown; message?: unknown }
  const code = typeof raw.code === 'string' ? raw.code : 'unknown'
  const message = typeof raw.message === 'string' ? raw.message : String(error)
  if (raw.name === 'AbortError' || code === 'ABORT_ERR') return failure('CANCELLED', problem('registry.cancelled'), { registry: origin })
  if (/CERT|SELF_SIGNED|ERR_TLS|ERR_SSL|EPROTO/.test(code)) {
    const hint = certFolders.length === 0 ? problem('registry.tlsHintMachine') : problem('registry.tlsHint', { folders: certFolders.join(' or ') })
    return failure('REGISTRY_UNREACHABLE', problem('registry.tlsFailed', { registry: origin, cause: message }), { registry: origin, cause: code }, hint)
  }
  return failure('REGISTRY_UNREACHABLE', problem('registry.noAnswer', { registry: origin, cause: code }), { registry: origin, cause: code })
}
