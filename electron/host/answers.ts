import { STATUS_CODES, type ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import { HTTP_STATUS_BY_CODE, type Outcome, type StrataError } from '../../shared/errors'

export const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
}

/** Writes the whole answer (its Content-Length says where it ends) but leaves the response open for the caller to end. */
function writeOutcome(response: ServerResponse, outcome: Outcome<unknown>, statusOverride?: number, extraHeaders: Record<string, string> = {}): void {
  if (response.headersSent) return
  const status = statusOverride ?? (outcome.ok ? 200 : HTTP_STATUS_BY_CODE[outcome.error.code])
  const body = JSON.stringify(outcome)
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    ...extraHeaders,
  })
  response.write(body)
}

export function sendOutcome(response: ServerResponse, outcome: Outcome<unknown>, statusOverride?: number, extraHeaders: Record<string, string> = {}): void {
  writeOutcome(response, outcome, statusOverride, extraHeaders)
  response.end()
}

export function sendError(response: ServerResponse, error: StrataError, status?: number, extraHeaders: Record<string, string> = {}): void {
  sendOutcome(response, { ok: false, error: error.toWire() }, status, extraHeaders)
}

/** An error answer sent in full while the response stays open (see discardRest in request-body.ts). */
export function writeError(response: ServerResponse, error: StrataError, status: number, extraHeaders: Record<string, string> = {}): void {
  writeOutcome(response, { ok: false, error: error.toWire() }, status, extraHeaders)
}

/**
 * A whole HTTP/1.1 answer as bytes, for sockets no ServerResponse owns: a refused
 * WebSocket upgrade, a request Node's parser could not read. It always closes.
 */
export function rawErrorAnswer(status: number, error: StrataError): string {
  const body = JSON.stringify({ ok: false, error: error.toWire() })
  const headers = {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    'Cache-Control': 'no-store',
    Connection: 'close',
  }
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`)
  return `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n${lines.join('\r\n')}\r\n\r\n${body}`
}

export const CLOSE_GRACE_MS = 1000

/**
 * Writes a raw answer, half-closes, and destroys the socket shortly after. Not at
 * once: bytes the client sent that were never read would turn the close into a
 * reset, which can wipe the answer from the client's buffer before it is read.
 */
export function answerAndClose(socket: Duplex, answer: string): void {
  socket.end(answer)
  setTimeout(() => socket.destroy(), CLOSE_GRACE_MS).unref()
}
