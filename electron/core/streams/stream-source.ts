import type { Readable } from 'node:stream'
import type { EngineConnection } from '../engine/connection'

/** What a source tells the hub; the hub does the counting, the pausing and the one end. */
export interface SourceEvents {
  opened(info: unknown): void
  data(chunk: unknown, bytes: number): void
  /** The source finished (null) or failed; called at most once, further calls are ignored. */
  end(error: unknown): void
}

/** One engine stream behind an open Strata stream. */
export interface StreamSource {
  /** Stop reading from the engine (the client is behind); resume() reads again. */
  pause(): void
  resume(): void
  /** A message from the client, already checked against the stream's schema. */
  send(message: unknown): Promise<void>
  /** Stops reading and releases the engine's connection (and session, for an exec). */
  close(): Promise<void>
}

export type OpenSource<I> = (connection: EngineConnection, input: I, events: SourceEvents) => Promise<StreamSource>

const STATUS_CODES = { 101: true, 200: true, 404: 'no such container', 409: 'container not running', 500: 'server error' }

/** GET `path` as a stream (dockerode returns some of these as one buffer unless asked to follow). */
export function dialStream(connection: EngineConnection, path: string, options: Record<string, unknown>): Promise<Readable> {
  return new Promise((resolve, reject) => {
    connection.docker.modem.dial({ path, method: 'GET', options, isStream: true, statusCodes: STATUS_CODES }, (error: unknown, stream: unknown) => {
      if (error !== null && error !== undefined) reject(error instanceof Error ? error : new Error(JSON.stringify(error)))
      else resolve(stream as Readable)
    })
  })
}
