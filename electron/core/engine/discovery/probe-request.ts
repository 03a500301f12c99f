import { readFileSync } from 'node:fs'
import { request as httpRequest, type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http'
import { request as httpsRequest } from 'node:https'
import type { Endpoint } from '../endpoint'

/** /info of a busy engine is tens of KiB; anything far bigger is not an engine answering. */
const MAX_BODY_BYTES = 4 * 1024 * 1024

export interface ProbeAnswer {
  status: number
  /** Header names in lower case, as Node gives them. */
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** A TLS file that could not be read: reported as a TLS problem of the candidate, not a crash. */
export class TlsFileError extends Error {
  /** Node's words for why, kept apart so the sentence around them can be worded in another language. */
  readonly reason: string

  constructor(readonly path: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause)
    super(`Cannot read the TLS file ${path}: ${reason}`)
    this.reason = reason
  }
}

function readTlsFile(path: string | null): Buffer | undefined {
  if (path === null) return undefined
  try {
    return readFileSync(path)
  } catch (error) {
    throw new TlsFileError(path, error)
  }
}

function splitHostPort(address: string): { host: string; port: number } {
  const index = address.lastIndexOf(':')
  return { host: address.slice(0, index).replace(/^\[|\]$/g, ''), port: Number(address.slice(index + 1)) }
}

/**
 * One GET on a connection of its own: no agent (so nothing is kept alive or shared
 * with the core's session), the socket closed once the answer is read or the
 * signal fires. Rejects with Node's error (its code says why) or TlsFileError.
 */
export function probeGet(endpoint: Endpoint, path: string, signal: AbortSignal): Promise<ProbeAnswer> {
  return new Promise((resolve, reject) => {
    const common: RequestOptions = { method: 'GET', path, agent: false, signal, headers: { Connection: 'close' } }
    let request: ClientRequest
    const onAnswer = (response: IncomingMessage): void => {
      const chunks: Buffer[] = []
      let size = 0
      response.on('data', (chunk: Buffer) => {
        size += chunk.length
        if (size > MAX_BODY_BYTES) {
          request.destroy(Object.assign(new Error(`the answer to ${path} is larger than ${String(MAX_BODY_BYTES)} bytes`), { code: 'ERR_PROBE_TOO_LARGE' }))
          return
        }
        chunks.push(chunk)
      })
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') })
      })
      response.on('error', reject)
    }
    try {
      if (endpoint.kind === 'unix' || endpoint.kind === 'npipe') {
        request = httpRequest({ ...common, socketPath: endpoint.address }, onAnswer)
      } else if (endpoint.kind === 'tcp' && endpoint.tls === null) {
        request = httpRequest({ ...common, ...splitHostPort(endpoint.address) }, onAnswer)
      } else if (endpoint.kind === 'tcp' && endpoint.tls !== null) {
        const { tls } = endpoint
        request = httpsRequest(
          { ...common, ...splitHostPort(endpoint.address), ca: readTlsFile(tls.ca), cert: readTlsFile(tls.cert), key: readTlsFile(tls.key), rejectUnauthorized: tls.verify },
          onAnswer,
        )
      } else {
        reject(new Error(`${endpoint.url} is not probed over HTTP`))
        return
      }
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)))
      return
    }
    request.on('error', reject)
    request.end()
  })
}
