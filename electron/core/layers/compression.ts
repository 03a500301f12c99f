import { PassThrough, Transform, type Readable } from 'node:stream'
import { createGunzip } from 'node:zlib'
import { Decompress } from 'fzstd'

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

function zstdStream(): Transform {
  let decompressor: Decompress | null = null
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      try {
        decompressor ??= new Decompress((data) => {
          this.push(Buffer.from(data))
        })
        decompressor.push(chunk)
        callback()
      } catch (error) {
        callback(error instanceof Error ? error : new Error(String(error)))
      }
    },
    flush(callback) {
      try {
        decompressor?.push(new Uint8Array(0), true)
        callback()
      } catch (error) {
        callback(error instanceof Error ? error : new Error(String(error)))
      }
    },
  })
}

export function decompressor(kind: Compression): Transform {
  if (kind === 'gzip') return createGunzip()
  if (kind === 'zstd') return zstdStream()
  return new PassThrough()
}

/**
 * Reads the first `count` bytes of a stream without losing them: resolves with those
 * bytes and a stream that yields the whole content from the start.
 */
export function peek(source: Readable, count: number): Promise<{ head: Buffer; stream: Readable }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let length = 0
    const finish = (): void => {
      source.off('data', onData)
      source.off('end', finish)
      source.off('error', reject)
      source.pause()
      const head = Buffer.concat(chunks)
      const replay = new PassThrough()
      replay.write(head)
      source.pipe(replay)
      source.once('error', (error) => replay.destroy(error))
      resolve({ head: head.subarray(0, count), stream: replay })
    }
    const onData = (chunk: Buffer): void => {
      chunks.push(chunk)
      length += chunk.length
      if (length >= count) finish()
    }
    source.on('data', onData)
    source.once('end', finish)
    source.once('error', reject)
  })
}
