/**
 * Streams: long-lived answers a method cannot give (a log that grows, a terminal,
 * live stats). Kept free of schema code so the sandboxed preload can bundle it;
 * the inputs are checked in shared/stream-contract.ts.
 *
 * Every stream crosses every transport as the same messages. The client opens it,
 * the core sends data until the end, and the client acknowledges the bytes it has
 * taken: the core stops reading from the engine while more than STREAM_WINDOW_BYTES
 * are unacknowledged, so a page that cannot keep up slows the engine down instead
 * of filling memory on either side.
 */
export const STREAM_NAMES = ['containers.logs', 'containers.stats', 'containers.terminal'] as const

export type StreamName = (typeof STREAM_NAMES)[number]

export function isStreamName(value: unknown): value is StreamName {
  return typeof value === 'string' && (STREAM_NAMES as readonly string[]).includes(value)
}

/** Unacknowledged bytes the core sends before it pauses its source. */
export const STREAM_WINDOW_BYTES = 1024 * 1024

export type LogStreamName = 'stdout' | 'stderr'

/** Log text as the engine gave it, in order; one entry per run of one stream (a line may span entries). */
export interface LogEntry {
  stream: LogStreamName
  text: string
}

export interface LogBatch {
  entries: LogEntry[]
}

/** One sample of `docker stats`, computed as the docker CLI computes its columns. */
export interface StatsSample {
  /** When the engine read it (ISO 8601). */
  read: string
  /** Percent of one CPU, as docker stats shows it (200 = two CPUs busy); null for the first sample, which has nothing to compare with. */
  cpuPercent: number | null
  onlineCpus: number
  /** Memory in use without the page cache, as docker stats counts it. */
  memoryBytes: number
  memoryLimitBytes: number
  networkRxBytes: number
  networkTxBytes: number
  blockReadBytes: number
  blockWriteBytes: number
  pids: number
}

/** Terminal output as text (the TTY merges both streams). */
export interface TerminalOutput {
  data: string
}

/** What the client may send on an open stream: keystrokes and pane sizes, for a terminal. */
export type TerminalMessage = { kind: 'input'; data: string } | { kind: 'resize'; cols: number; rows: number }

export interface StreamChunks {
  'containers.logs': LogBatch
  'containers.stats': StatsSample
  'containers.terminal': TerminalOutput
}

export interface StreamMessages {
  'containers.logs': never
  'containers.stats': never
  'containers.terminal': TerminalMessage
}

/** What the core says when a stream is open, before its first data. */
export interface StreamOpened {
  'containers.logs': { tty: boolean }
  'containers.stats': { running: boolean }
  'containers.terminal': { shell: string; execId: string }
}

/** Client to core. `ack` counts bytes as the core counted them in `data`. */
export type StreamClientMessage = { op: 'open'; stream: StreamName; input: unknown } | { op: 'ack'; bytes: number } | { op: 'send'; message: unknown } | { op: 'close' }

/** Core to client. `end` with an error is a failure; without, the source finished (or the client closed it). */
export type StreamServerMessage =
  | { op: 'opened'; info: unknown }
  | { op: 'data'; chunk: unknown; bytes: number }
  | { op: 'end'; error: { code: string; message: string; detail: Record<string, unknown> } | null }

/** A client message read from the wire, or why it is not one. */
export function parseStreamClientMessage(value: unknown): StreamClientMessage | { invalid: string } {
  if (typeof value !== 'object' || value === null) return { invalid: 'a stream message is a JSON object' }
  const message = value as Record<string, unknown>
  switch (message.op) {
    case 'open':
      return isStreamName(message.stream) ? { op: 'open', stream: message.stream, input: message.input } : { invalid: `no stream named ${JSON.stringify(message.stream)}` }
    case 'ack':
      return typeof message.bytes === 'number' && Number.isSafeInteger(message.bytes) && message.bytes >= 0 ? { op: 'ack', bytes: message.bytes } : { invalid: 'ack counts bytes: a whole number of 0 or more' }
    case 'send':
      return { op: 'send', message: message.message }
    case 'close':
      return { op: 'close' }
    default:
      return { invalid: 'op is one of open, ack, send, close' }
  }
}

/** The renderer's side of one open stream. */
export interface StreamHandlers<N extends StreamName> {
  opened?(info: StreamOpened[N]): void
  data(chunk: StreamChunks[N]): void
  /** Exactly once: null when the stream finished or was closed by the client. */
  end(error: { code: string; message: string; detail: Record<string, unknown> } | null): void
}

export interface StreamClient<N extends StreamName> {
  send(message: StreamMessages[N]): void
  close(): void
}

/** IPC: the renderer sends { id, message: StreamClientMessage } here; the main process answers on IPC_STREAM_CHANNEL. */
export const IPC_STREAM_CONTROL_CHANNEL = 'strata:stream-control'
/** IPC: the main process sends { id, message: StreamServerMessage } here. */
export const IPC_STREAM_CHANNEL = 'strata:stream'

/** A stream id a renderer chooses: short, printable, unique per window. */
export function isStreamId(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(value)
}
