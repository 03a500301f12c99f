import { problemEnglish, type Problem } from './problems'
import type { JsonValue } from './types'

/**
 * Errors cross every transport (IPC, HTTP, CLI) as plain `{ code, message, detail }`
 * objects; the codes are stable so callers can branch on them.
 */
export const ERROR_CODES = [
  'ENGINE_UNREACHABLE',
  'PERMISSION_DENIED',
  'API_TOO_OLD',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_INPUT',
  'UNAUTHORIZED',
  'CANCELLED',
  'ENGINE_ERROR',
  'INTERNAL',
  'REGISTRY_UNREACHABLE',
  'REGISTRY_ERROR',
  /** An ssh engine's host key is not in known_hosts: the user may accept it (engines.trustHostKey). */
  'HOST_KEY_UNKNOWN',
  /** An ssh engine's host key differs from (or is revoked in) known_hosts: refused, never overridable from Strata. */
  'HOST_KEY_CHANGED',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

export type ErrorDetail = Record<string, JsonValue>

export interface WireError {
  code: ErrorCode
  message: string
  detail: ErrorDetail
}

export class StrataError extends Error {
  readonly code: ErrorCode
  readonly detail: ErrorDetail

  constructor(code: ErrorCode, message: string, detail: ErrorDetail = {}) {
    super(message)
    this.name = 'StrataError'
    this.code = code
    this.detail = detail
  }

  toWire(): WireError {
    return { code: this.code, message: this.message, detail: this.detail }
  }

  static fromWire(wire: WireError): StrataError {
    return new StrataError(wire.code, wire.message, wire.detail)
  }

  /** Anything thrown, as a StrataError: itself when it is one, else INTERNAL with its message. */
  static from(error: unknown): StrataError {
    return error instanceof StrataError ? error : new StrataError('INTERNAL', error instanceof Error ? error.message : String(error))
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value)
}

/** Accepts anything that arrived over a transport and rebuilds a typed error from it. */
export function parseWireError(value: unknown): WireError {
  if (typeof value === 'object' && value !== null) {
    const candidate = value as { code?: unknown; message?: unknown; detail?: unknown }
    if (isErrorCode(candidate.code) && typeof candidate.message === 'string') {
      const detail = typeof candidate.detail === 'object' && candidate.detail !== null ? (candidate.detail as ErrorDetail) : {}
      return { code: candidate.code, message: candidate.message, detail }
    }
  }
  return { code: 'INTERNAL', message: 'Malformed error received from the Strata core', detail: {} }
}

/** HTTP status the browser host answers with for each code. */
export const HTTP_STATUS_BY_CODE: Record<ErrorCode, number> = {
  ENGINE_UNREACHABLE: 503,
  PERMISSION_DENIED: 403,
  API_TOO_OLD: 501,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_INPUT: 400,
  UNAUTHORIZED: 401,
  CANCELLED: 499,
  ENGINE_ERROR: 502,
  INTERNAL: 500,
  REGISTRY_UNREACHABLE: 504,
  REGISTRY_ERROR: 502,
  HOST_KEY_UNKNOWN: 503,
  HOST_KEY_CHANGED: 503,
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: WireError }

/**
 * A failure the renderer can word in the user's language: the English sentence as the
 * message, the problem (id and values) in the detail. `hint`, when given, is a problem too:
 * its English goes in `detail.hint`, its id in `detail.hintProblem`.
 */
export function failure(code: ErrorCode, found: Problem, detail: ErrorDetail = {}, hint?: Problem): StrataError {
  const hinted: ErrorDetail = hint === undefined ? {} : { hint: problemEnglish(hint), hintProblem: hint }
  return new StrataError(code, problemEnglish(found), { ...detail, ...hinted, problem: found })
}
