import { failure, type StrataError, type WireError } from '../../../shared/errors'
import { problem } from '../../../shared/problems'
import { STREAM_WINDOW_BYTES, type StreamName } from '../../../shared/streams'
import type { EngineConnection } from '../engine/connection'
import type { OpenSource, StreamSource } from './stream-source'

const MAX_EARLY_MESSAGES = 256

/** Where an open stream's messages go: one WebSocket, one IPC sender, the command line. */
export interface StreamSink {
  opened(info: unknown): void
  data(chunk: unknown, bytes: number): void
  /** Exactly once per stream. */
  end(error: WireError | null): void
}

/** The transport's handle on one stream. Every method is safe to call at any time, after the end too. */
export interface OpenStream {
  ack(bytes: number): void
  send(message: unknown): void
  close(): void
}

/** The schemas and sources, loaded on first use: a one-shot command never loads either. */
interface StreamKind {
  parseInput(input: unknown): { ok: true; value: unknown } | { ok: false; error: StrataError }
  parseMessage(message: unknown): { ok: true; value: unknown } | { ok: false; error: StrataError }
  source: OpenSource<never>
}

export interface StreamHubOptions {
  connection(): Promise<EngineConnection>
  /** Turns an engine's error into the Strata error the client sees. */
  explain(error: unknown): StrataError
  kinds?: (name: StreamName) => Promise<StreamKind>
}

/**
 * Every open stream of one core. It checks the input before the engine is asked,
 * counts the bytes a client has not acknowledged (pausing the source above the window,
 * resuming below half of it), and makes sure each stream ends once, however it ends:
 * the source finishing or failing, the client closing, or the engine being switched.
 */
export class StreamHub {
  private readonly open = new Set<() => void>()

  constructor(private readonly options: StreamHubOptions) {}

  /** How many streams are open now (tests check that closing a tab leaves none). */
  get size(): number {
    return this.open.size
  }

  start(name: StreamName, input: unknown, unguardedSink: StreamSink): OpenStream {
    const sink = guarded(unguardedSink)
    let ended = false
    let source: StreamSource | null = null
    let kind: StreamKind | null = null
    let unacked = 0
    let paused = false
    const isPaused = (): boolean => paused
    // Messages sent between `opened` and the source being ready (a terminal's first keys) wait here.
    const early: unknown[] = []
    const end = (error: unknown): void => {
      if (ended) return
      ended = true
      this.open.delete(closeNow)
      const closing = source
      source = null
      if (closing !== null) void closing.close().catch(() => undefined)
      sink.end(error === null ? null : this.options.explain(error).toWire())
    }
    // A function, not the variable itself: `ended` changes in callbacks while this opens.
    const isEnded = (): boolean => ended
    const closeNow = (): void => {
      end(failure('CANCELLED', problem('container.streamsEngineSwitched')))
    }
    this.open.add(closeNow)
    void (async () => {
      kind = await (this.options.kinds ?? loadKind)(name)
      const parsed = kind.parseInput(input)
      if (!parsed.ok) throw parsed.error
      const connection = await this.options.connection()
      if (isEnded()) return
      const opened = await kind.source(connection, parsed.value as never, {
        opened: (info) => {
          if (!ended) sink.opened(info)
        },
        data: (chunk, bytes) => {
          if (ended) return
          unacked += bytes
          sink.data(chunk, bytes)
          if (!paused && unacked > STREAM_WINDOW_BYTES) {
            paused = true
            source?.pause()
          }
        },
        end,
      })
      // Closed while the engine was being asked: release what was just opened.
      if (isEnded()) {
        await opened.close()
        return
      }
      source = opened
      if (isPaused()) opened.pause()
      for (const message of early.splice(0)) await opened.send(message)
    })().catch(end)
    return {
      ack: (bytes) => {
        if (ended) return
        unacked = Math.max(0, unacked - bytes)
        if (paused && unacked <= STREAM_WINDOW_BYTES / 2) {
          paused = false
          source?.resume()
        }
      },
      send: (message) => {
        if (ended) return
        if (kind === null) {
          end(failure('CONFLICT', problem('container.streamNotOpen')))
          return
        }
        const checked = kind.parseMessage(message)
        if (!checked.ok) {
          end(checked.error)
          return
        }
        if (source !== null) source.send(checked.value).catch(end)
        else if (early.length < MAX_EARLY_MESSAGES) early.push(checked.value)
        else end(failure('CONFLICT', problem('container.streamEarlyMessages', { max: MAX_EARLY_MESSAGES })))
      },
      close: () => {
        end(null)
      },
    }
  }

  /** Ends every open stream (the engine was switched, or the core closes). */
  closeAll(): void {
    for (const close of [...this.open]) close()
  }
}

/** A transport that throws (a socket gone mid-send) must not throw into an engine stream's event handlers. */
function guarded(sink: StreamSink): StreamSink {
  const attempt = (work: () => void): void => {
    try {
      work()
    } catch {
      // The transport is gone; its own close handler ends the stream.
    }
  }
  return {
    opened: (info) => {
      attempt(() => {
        sink.opened(info)
      })
    },
    data: (chunk, bytes) => {
      attempt(() => {
        sink.data(chunk, bytes)
      })
    },
    end: (error) => {
      attempt(() => {
        sink.end(error)
      })
    },
  }
}

async function loadKind(name: StreamName): Promise<StreamKind> {
  const { streamKind } = await import('./stream-kinds')
  return streamKind(name)
}
