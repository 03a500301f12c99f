import type { IncomingMessage } from 'node:http'
import { StrataError } from '../../shared/errors'

export const MAX_BODY_BYTES = 1024 * 1024

export type BodyReading = { ok: true; text: string } | { ok: false; status: 400 | 413; error: StrataError }

function tooLarge(limit: number): BodyReading {
  return { ok: false, status: 413, error: new StrataError('INVALID_INPUT', `The request body is larger than ${limit / (1024 * 1024)} MiB.`, { limitBytes: limit }) }
}

/**
 * Reads a request body up to `limit` bytes. A declared Content-Length over it is
 * refused before a byte is read; a body that turns out longer stops being kept.
 * Either way the caller answers 413 and then calls discardRest.
 */
export function readBody(request: IncomingMessage, limit = MAX_BODY_BYTES): Promise<BodyReading> {
  const declared = Number(request.headers['content-length'] ?? 0)
  if (declared > limit) return Promise.resolve(tooLarge(limit))
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    const keep = (chunk: Buffer): void => {
      size += chunk.length
      if (size <= limit) {
        chunks.push(chunk)
        return
      }
      request.off('data', keep)
      request.pause()
      resolve(tooLarge(limit))
    }
    request.on('data', keep)
    request.on('end', () => {
      resolve({ ok: true, text: Buffer.concat(chunks).toString('utf8') })
    })
    // The client went away mid-body: nobody reads the answer, but the promise must settle.
    const cutShort = (): void => {
      resolve({ ok: false, status: 400, error: new StrataError('INVALID_INPUT', 'The request body was cut short.') })
    }
    request.on('error', cutShort)
    request.on('aborted', cutShort)
  })
}

export const LINGER_MS = 2000
export const LINGER_BYTES = 64 * 1024 * 1024

/**
 * After the answer to a refused body is written, reads the rest of that body into
 * nothing for a while before the connection is closed. Closing a socket with bytes
 * still unread makes the kernel send a reset, and a reset can wipe the answer from
 * the client's receive buffer before the client reads it (EPIPE instead of 413).
 * A client that keeps sending past the bounds is cut off.
 */
export function discardRest(request: IncomingMessage, bounds = { ms: LINGER_MS, bytes: LINGER_BYTES }): Promise<void> {
  if (request.readableEnded || request.destroyed) return Promise.resolve()
  return new Promise((resolve) => {
    let discarded = 0
    const done = (): void => {
      clearTimeout(timer)
      request.off('data', count)
      resolve()
    }
    const giveUp = (): void => {
      request.socket.destroy()
      done()
    }
    const timer = setTimeout(giveUp, bounds.ms)
    const count = (chunk: Buffer): void => {
      discarded += chunk.length
      if (discarded > bounds.bytes) giveUp()
    }
    request.on('data', count)
    request.once('end', done)
    request.once('close', done)
    request.once('error', done)
    request.resume()
  })
}
