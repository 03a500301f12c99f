import { StringDecoder } from 'node:string_decoder'
import type { LogEntry, LogStreamName } from '../../../../shared/streams'

/** Stream types in the engine's multiplexed framing: 0 stdin (echoed), 1 stdout, 2 stderr. */
const STREAM_OF_TYPE: Record<number, LogStreamName> = { 0: 'stdout', 1: 'stdout', 2: 'stderr' }
const HEADER_BYTES = 8

/**
 * Splits the engine's multiplexed log stream (containers without a TTY) into stdout and
 * stderr text. Each frame is an 8-byte header (stream type, three zero bytes, payload
 * length as uint32 big-endian) and its payload; frames and UTF-8 characters may be cut
 * anywhere between chunks, so both are carried over to the next push.
 */
export class LogDemuxer {
  private pending: Buffer = Buffer.alloc(0)
  private readonly decoders: Record<LogStreamName, StringDecoder> = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') }
  private current: { stream: LogStreamName; left: number } | null = null

  push(chunk: Buffer): LogEntry[] {
    const entries: LogEntry[] = []
    let buffer = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk])
    this.pending = Buffer.alloc(0)
    while (buffer.length > 0) {
      if (this.current === null) {
        if (buffer.length < HEADER_BYTES) break
        const type = buffer.readUInt8(0)
        this.current = { stream: STREAM_OF_TYPE[type] ?? 'stdout', left: buffer.readUInt32BE(4) }
        buffer = buffer.subarray(HEADER_BYTES)
        continue
      }
      const take = Math.min(this.current.left, buffer.length)
      const text = this.decoders[this.current.stream].write(buffer.subarray(0, take))
      if (text !== '') appendEntry(entries, this.current.stream, text)
      this.current.left -= take
      buffer = buffer.subarray(take)
      if (this.current.left === 0) this.current = null
    }
    this.pending = Buffer.from(buffer)
    return entries
  }

  /** What is left when the stream ends: a character cut at the very end comes out as U+FFFD. */
  end(): LogEntry[] {
    const entries: LogEntry[] = []
    for (const stream of ['stdout', 'stderr'] as const) {
      const text = this.decoders[stream].end()
      if (text !== '') appendEntry(entries, stream, text)
    }
    return entries
  }
}

/** Plain text of a TTY container (one stream), decoded across chunk boundaries. */
export class TtyLogDecoder {
  private readonly decoder = new StringDecoder('utf8')

  push(chunk: Buffer): LogEntry[] {
    const text = this.decoder.write(chunk)
    return text === '' ? [] : [{ stream: 'stdout', text }]
  }

  end(): LogEntry[] {
    const text = this.decoder.end()
    return text === '' ? [] : [{ stream: 'stdout', text }]
  }
}

/** Runs of one stream stay one entry: fewer, larger entries for the page to lay out. */
export function appendEntry(entries: LogEntry[], stream: LogStreamName, text: string): void {
  const last = entries.at(-1)
  if (last?.stream === stream) last.text += text
  else entries.push({ stream, text })
}
