import type { StreamInput } from '../../../../shared/stream-contract'
import type { LogEntry } from '../../../../shared/streams'
import { dialStream, type OpenSource } from '../../streams/stream-source'
import { LogDemuxer, TtyLogDecoder, appendEntry } from './log-demuxer'

/** Log text is sent in batches: often enough to read as live, seldom enough not to flood the page with messages. */
const FLUSH_MS = 50
const FLUSH_BYTES = 64 * 1024

/**
 * containers.logs: GET /containers/{id}/logs as a stream, demultiplexed into stdout and
 * stderr when the container has no TTY (with one, the engine sends the terminal's text
 * as it is). With follow it runs until the container's log ends or the client closes it.
 */
export const openLogs: OpenSource<StreamInput<'containers.logs'>> = async (connection, input, events) => {
  const inspected = await connection.docker.getContainer(input.id).inspect()
  const tty = inspected.Config.Tty
  const query: Record<string, unknown> = { follow: input.follow, stdout: true, stderr: true, timestamps: input.timestamps }
  if (input.since !== undefined) query.since = input.since
  if (input.tail !== undefined) query.tail = input.tail
  const stream = await dialStream(connection, `/containers/${encodeURIComponent(inspected.Id)}/logs?`, query)
  events.opened({ tty })
  const reader = tty ? new TtyLogDecoder() : new LogDemuxer()
  let batch: LogEntry[] = []
  let batchBytes = 0
  let timer: NodeJS.Timeout | null = null
  const flush = (): void => {
    if (timer !== null) clearTimeout(timer)
    timer = null
    if (batch.length === 0) return
    events.data({ entries: batch }, batchBytes)
    batch = []
    batchBytes = 0
  }
  const add = (entries: LogEntry[], bytes: number): void => {
    for (const entry of entries) appendEntry(batch, entry.stream, entry.text)
    batchBytes += bytes
    if (batchBytes >= FLUSH_BYTES) flush()
    else timer ??= setTimeout(flush, FLUSH_MS)
  }
  stream.on('data', (chunk: Buffer) => {
    add(reader.push(chunk), chunk.length)
  })
  stream.on('end', () => {
    add(reader.end(), 0)
    flush()
    events.end(null)
  })
  stream.on('error', (error) => {
    flush()
    events.end(error)
  })
  return {
    pause: () => stream.pause(),
    resume: () => stream.resume(),
    send: () => Promise.reject(new Error('A log stream takes no messages.')),
    close: () => {
      if (timer !== null) clearTimeout(timer)
      stream.destroy()
      return Promise.resolve()
    },
  }
}
