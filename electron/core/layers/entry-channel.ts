import type { Pausable } from '../engine/socket-get'
import type { TarBodySink } from './tar-reader'

/**
 * Hands the body chunks of archive entries from a push parser (the export's outer tar,
 * read in the socket's 'data' handler) to the async readers that index them.
 *
 * A generic tar stream (tar-stream, 16 KiB high-water marks) paused the engine's answer
 * every few chunks, and on a busy machine each pause cost a wait for the engine to be
 * scheduled again: the export of an ordinary image came in about twice as slowly as a
 * bare reader takes it. Here the source is paused only when `highBytes` wait unread
 * across all entries, and resumed once half of them are taken.
 */
export type { Pausable }

/** Bytes pushed but not yet taken, over every entry: decides when the source pauses. */
export class ChunkBudget {
  private waiting = 0
  private paused = false

  constructor(
    private readonly source: Pausable,
    private readonly highBytes: number,
  ) {}

  /** Bytes waiting unread now. */
  get bytes(): number {
    return this.waiting
  }

  add(bytes: number): void {
    this.waiting += bytes
    if (!this.paused && this.waiting > this.highBytes) {
      this.paused = true
      this.source.pause()
    }
  }

  take(bytes: number): void {
    this.waiting -= bytes
    if (this.paused && this.waiting <= this.highBytes / 2) {
      this.paused = false
      this.source.resume()
    }
  }
}

/**
 * One entry's body as an async chunk sequence. A chunk pushed while the reader waits
 * goes to it directly; others queue (counted in the budget). The reader stopping early
 * (`return`) drops what is queued and whatever comes after; `destroy` fails the reader.
 */
export class EntryChannel implements AsyncIterableIterator<Buffer>, TarBodySink {
  private readonly queued: Buffer[] = []
  private head = 0
  private ended = false
  private stopped = false
  private error: Error | null = null
  private waiter: { resolve: (result: IteratorResult<Buffer>) => void; reject: (error: Error) => void } | null = null

  constructor(private readonly budget: ChunkBudget) {}

  [Symbol.asyncIterator](): this {
    return this
  }

  data(chunk: Buffer): void {
    if (this.ended || this.stopped || this.error !== null) return
    const waiter = this.waiter
    if (waiter !== null) {
      this.waiter = null
      waiter.resolve({ value: chunk, done: false })
      return
    }
    this.queued.push(chunk)
    this.budget.add(chunk.length)
  }

  end(): void {
    if (this.ended) return
    this.ended = true
    const waiter = this.waiter
    this.waiter = null
    waiter?.resolve({ value: undefined, done: true })
  }

  /** Fails the reader at its next read; what was queued is dropped. */
  destroy(error?: Error): void {
    if (this.error !== null || this.stopped) return
    this.error = error ?? new Error('entry destroyed')
    this.drop()
    const waiter = this.waiter
    this.waiter = null
    waiter?.reject(this.error)
  }

  next(): Promise<IteratorResult<Buffer>> {
    if (this.error !== null) return Promise.reject(this.error)
    if (this.head < this.queued.length) {
      const chunk = this.queued[this.head] as Buffer
      this.head += 1
      // Compacted now and then, not shifted per chunk.
      if (this.head === this.queued.length) {
        this.queued.length = 0
        this.head = 0
      }
      this.budget.take(chunk.length)
      return Promise.resolve({ value: chunk, done: false })
    }
    if (this.ended || this.stopped) return Promise.resolve({ value: undefined, done: true })
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject }
    })
  }

  return(): Promise<IteratorResult<Buffer>> {
    this.stopped = true
    this.drop()
    return Promise.resolve({ value: undefined, done: true })
  }

  private drop(): void {
    let bytes = 0
    for (let index = this.head; index < this.queued.length; index += 1) bytes += (this.queued[index] as Buffer).length
    this.queued.length = 0
    this.head = 0
    if (bytes > 0) this.budget.take(bytes)
  }
}
