import { PassThrough, Transform, type TransformCallback } from 'node:stream'
import { createGunzip } from 'node:zlib'
import type * as Fzstd from 'fzstd'

export type Compression = 'none' | 'gzip' | 'zstd'

/** Layers may be plain tar, gzip or zstd whatever their media type says: the magic bytes decide. */
export function detectCompression(head: Uint8Array): Compression {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip'
  if (head.length >= 4 && head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) return 'zstd'
  return 'none'
}

/** A tar stream starts with a header whose "ustar" magic sits at offset 257 (or is an old v7 header). */
export function looksLikeTar(head: Uint8Array): boolean {
  return head.length >= 262 && Buffer.from(head.subarray(257, 262)).toString('latin1') === 'ustar'
}

// Loaded with the first zstd layer: most images have none, and every analysis would pay its load.
let fzstd: Promise<typeof Fzstd> | null = null

function zstdStream(): Transform {
  let decompressor: Fzstd.Decompress | null = null
  const fail = (callback: TransformCallback, error: unknown): void => {
    callback(error instanceof Error ? error : new Error(String(error)))
  }
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      fzstd ??= import('fzstd')
      fzstd.then(({ Decompress }) => {
        try {
          decompressor ??= new Decompress((data) => {
            this.push(Buffer.from(data))
          })
          decompressor.push(chunk)
          callback()
        } catch (error) {
          fail(callback, error)
        }
      }, (error: unknown) => {
        fail(callback, error)
      })
    },
    flush(callback) {
      try {
        decompressor?.push(new Uint8Array(0), true)
        callback()
      } catch (error) {
        fail(callback, error)
      }
    },
  })
}

export function decompressor(kind: Compression): Transform {
  if (kind === 'gzip') return createGunzip()
  if (kind === 'zstd') return zstdStream()
  return new PassThrough()
}

/** Chunks handed out again before the rest of their source; ending early ends the source too. */
class Replay implements AsyncIterableIterator<Buffer> {
  constructor(
    private readonly seen: Buffer[],
    private readonly rest: AsyncIterator<Buffer>,
  ) {}

  [Symbol.asyncIterator](): this {
    return this
  }

  next(): Promise<IteratorResult<Buffer>> {
    const chunk = this.seen.shift()
    return chunk === undefined ? this.rest.next() : Promise.resolve({ value: chunk, done: false })
  }

  async return(): Promise<IteratorResult<Buffer>> {
    this.seen.length = 0
    await this.rest.return?.()
    return { value: undefined, done: true }
  }
}

/**
 * Reads the first `count` bytes of a chunk sequence without losing them: resolves with
 * those bytes and the whole sequence from the start. An iterator, not a replay stream:
 * every chunk of a layer passes here, and each stream it crossed cost a hop of its own
 * (bench/analyze: three such hops were a fifth of the CPU spent while an export streamed).
 */
export async function peek(source: AsyncIterable<Buffer>, count: number): Promise<{ head: Buffer; chunks: AsyncIterableIterator<Buffer> }> {
  const rest = source[Symbol.asyncIterator]()
  const seen: Buffer[] = []
  let length = 0
  while (length < count) {
    const next = await rest.next()
    if (next.done === true) break
    seen.push(next.value)
    length += next.value.length
  }
  const head = seen.length === 1 ? (seen[0] as Buffer) : Buffer.concat(seen)
  return { head: head.subarray(0, count), chunks: new Replay(seen, rest) }
}
