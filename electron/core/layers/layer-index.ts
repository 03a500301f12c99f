import { createHash, type Hash } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import { Readable, pipeline } from 'node:stream'
import { failure, StrataError } from '../../../shared/errors'
import { problem } from '../../../shared/problems'
import { destinationError } from '../transfer/file-errors'
import { decompressor, detectCompression, peek } from './compression'
import type { IHasher } from 'hash-wasm'
import { DigestSink, returnHasher, takeHasher } from './content-hash'
import { TarReader, type TarBodySink, type TarEntryKind, type TarHeader } from './tar-reader'
import { NO_DIGEST, PERMISSION_BITS, type Capture, type CapturedFile, type FileType, type LayerEntry, type LayerFiles } from './types'

const WHITEOUT_PREFIX = '.wh.'
const OPAQUE_MARKER = '.wh..wh..opq'

export function normalizePath(name: string): string {
  return name.replace(/^(\.\/|\/)+/, '').replace(/\/+$/, '')
}

function fileType(kind: TarEntryKind): FileType | null {
  return kind === 'other' ? null : kind
}

/** Adds one tar header to the index, turning whiteout files into removals. */
export function addHeader(files: LayerFiles, header: TarHeader): LayerEntry | null {
  const path = normalizePath(header.name)
  if (path === '' || path === '.') return null
  const slash = path.lastIndexOf('/')
  const base = path.slice(slash + 1)
  const dir = slash === -1 ? '' : path.slice(0, slash)
  if (base === OPAQUE_MARKER) {
    files.opaqueDirs.push(dir)
    return null
  }
  if (base.startsWith(WHITEOUT_PREFIX)) {
    files.whiteouts.push(dir === '' ? base.slice(WHITEOUT_PREFIX.length) : `${dir}/${base.slice(WHITEOUT_PREFIX.length)}`)
    return null
  }
  const type = fileType(header.kind)
  if (type === null) return null
  const entry: LayerEntry = {
    path,
    type,
    size: type === 'file' ? header.size : 0,
    // Docker's own layers keep the file-type bits (0o40755 for a folder), kaniko's and BuildKit's do not: one form for both.
    mode: header.mode & PERMISSION_BITS,
    uid: header.uid,
    gid: header.gid,
    link: type === 'symlink' || type === 'hardlink' ? normalizeLink(header.linkname, type) : null,
    digest: NO_DIGEST,
  }
  files.entries.push(entry)
  return entry
}

function bothSinks(first: TarBodySink, second: TarBodySink | null): TarBodySink {
  if (second === null) return first
  return {
    data: (chunk) => {
      first.data(chunk)
      second.data(chunk)
    },
    end: () => {
      first.end()
      second.end()
    },
  }
}

// Hardlink targets are archive paths; symlink targets are kept as written.
function normalizeLink(link: string, type: FileType): string {
  return type === 'hardlink' ? normalizePath(link) : link
}

/** A layer's bytes as they arrive: a Node stream, or any chunk sequence that can be stopped. */
export type LayerSource = AsyncIterable<Buffer> & { destroy?: (error?: Error) => unknown }

/** The uncompressed tar of a layer; a plain one is read as it came, through no stream at all. */
function plainTar(head: Buffer, chunks: AsyncIterableIterator<Buffer>): { tar: AsyncIterable<Buffer>; stop?: (error: Error) => void } {
  const compression = detectCompression(head)
  if (compression === 'none') return { tar: chunks }
  const tar = pipeline(Readable.from(chunks), decompressor(compression), () => undefined)
  return { tar, stop: (error) => tar.destroy(error) }
}

/** How a failure while reading a layer's tar is reported: a StrataError as it is, anything else as not a tar. */
export function layerReadFailure(error: unknown): StrataError {
  if (error instanceof StrataError) return error
  const message = error instanceof Error ? error.message : String(error)
  return failure('INVALID_INPUT', problem('layer.notTar', { cause: message }), { cause: message })
}

export type IndexedLayer = LayerFiles & { captured?: CapturedFile; diffId?: string }

/**
 * Indexes one plain (uncompressed) layer tar pushed to it chunk by chunk, in the
 * caller's call: headers are kept, bodies are hashed and skipped, so memory follows the
 * number of files, not their size. Nothing of a pushed chunk is kept past `push` but
 * copies, so a chunk may be a view of a buffer its source reuses (socket-get.ts).
 * A body being written to a file (`capture.toFile`) is the exception: see `writes`.
 */
export class LayerIndexer {
  readonly files: IndexedLayer = { entries: [], whiteouts: [], opaqueDirs: [], tarBytes: 0 }
  /** Bodies being written to files; the layer is done only once they are. */
  readonly writes: FileWrite[] = []
  /** A body written to disk slower than the layer arrives makes the caller wait (see `flow.drained`). */
  readonly flow: WriteFlow = { drained: null, failure: null }
  // When a file is being looked for, the layer is named exactly by its diff ID: the digest of the uncompressed tar.
  private readonly hash: Hash | null
  private readonly reader: TarReader

  constructor(hasher: IHasher, capture?: Capture) {
    this.hash = capture === undefined ? null : createHash('sha256')
    // Every regular file's body is hashed as it streams by (see content-hash.ts for the cost).
    const digests = new DigestSink(hasher)
    this.reader = new TarReader((header) => {
      const entry = addHeader(this.files, header)
      const digest = entry?.type === 'file' ? digests.start(entry) : null
      if (capture === undefined || header.kind !== 'file' || normalizePath(header.name) !== capture.path) return digest
      const sink = capture.toFile === undefined ? captureBytes(capture, header.size) : captureFile(capture, capture.toFile(), header.size, this.writes, this.flow)
      const captured: TarBodySink = {
        data: (chunk) => {
          sink.data(chunk)
        },
        end: () => {
          sink.end()
          this.files.captured = sink.result(capture.path)
        },
      }
      return digest === null ? captured : bothSinks(digest, captured)
    })
  }

  push(chunk: Buffer): void {
    this.files.tarBytes += chunk.length
    this.hash?.update(chunk)
    this.reader.push(chunk)
  }

  /** The index, once the tar has ended; throws when it stopped inside an entry. */
  finish(): IndexedLayer {
    this.reader.finish()
    if (this.hash !== null) this.files.diffId = `sha256:${this.hash.digest('hex')}`
    return this.files
  }
}

/**
 * Indexes one layer tar from a chunk sequence; compression is detected from its
 * first bytes.
 */
export async function indexLayer(source: LayerSource, signal?: AbortSignal, capture?: Capture): Promise<IndexedLayer> {
  const { head, chunks } = await peek(source, 6)
  const plain = plainTar(head, chunks)
  const hasher = await takeHasher()
  const indexer = new LayerIndexer(hasher, capture)
  const { writes, flow } = indexer
  const onAbort = (): void => {
    const cancelled = failure('CANCELLED', problem('layer.layerAnalysisCancelled'))
    plain.stop?.(cancelled)
    source.destroy?.(cancelled)
  }
  signal?.addEventListener('abort', onAbort, { once: true })
  let files: IndexedLayer
  try {
    for await (const chunk of plain.tar) {
      // A source that cannot be stopped still ends the reading at its next chunk.
      if (signal?.aborted === true) throw failure('CANCELLED', problem('layer.layerAnalysisCancelled'))
      indexer.push(chunk)
      if (flow.drained !== null) {
        await flow.drained
        flow.drained = null
      }
      if (flow.failure !== null) throw flow.failure
    }
    files = indexer.finish()
    await Promise.all(writes.map((write) => write.done))
  } catch (error) {
    // A file being written is closed before the caller removes it: no descriptor outlives the call.
    await Promise.all(writes.map((write) => write.stop()))
    // A write that failed is the destination's fault, whatever the reading saw next.
    if (flow.failure !== null) throw flow.failure
    // Stopping the source on a cancel makes the reading fail too: that failure is the cancel.
    if (signal?.aborted === true) throw failure('CANCELLED', problem('layer.layerAnalysisCancelled'))
    throw layerReadFailure(error)
  } finally {
    signal?.removeEventListener('abort', onAbort)
    returnHasher(hasher)
  }
  if (signal?.aborted === true) throw failure('CANCELLED', problem('layer.layerAnalysisCancelled'))
  return files
}

interface CaptureSink {
  data(chunk: Buffer): void
  end(): void
  result(path: string): CapturedFile
}

/** Keeps the first `maxBytes` of a body. */
function captureBytes(capture: Capture, size: number): CaptureSink {
  const chunks: Buffer[] = []
  let kept = 0
  return {
    data(chunk) {
      if (kept >= capture.maxBytes) return
      const part = Buffer.from(chunk.subarray(0, capture.maxBytes - kept))
      chunks.push(part)
      kept += part.length
    },
    end() {},
    result: (path) => ({ path, size, bytes: Buffer.concat(chunks), truncated: size > kept, file: null }),
  }
}

/** One body being written to a file: done when it is on disk, stop() to abandon it. */
interface FileWrite {
  done: Promise<void>
  stop(): Promise<void>
}

interface WriteFlow {
  drained: Promise<void> | null
  /** The first write failure, already said as the caller wants it said. */
  failure: Error | null
}

/** Writes a whole body to a new file; the layer is done only once the file is. */
function captureFile(capture: Capture, file: string, size: number, writes: FileWrite[], flow: WriteFlow): CaptureSink {
  const output = createWriteStream(file, { flags: 'wx', mode: 0o600 })
  const closed = new Promise<void>((resolve) => {
    output.once('close', () => {
      resolve()
    })
  })
  const written = new Promise<void>((resolve, reject) => {
    output.on('finish', resolve)
    output.on('error', (error) => {
      const writeError = capture.writeFailure?.(error) ?? destinationError(file, error)
      flow.failure ??= writeError
      reject(writeError)
    })
  })
  // Observed at the end through `writes`; this keeps an early failure from counting as unhandled meanwhile.
  written.catch(() => undefined)
  writes.push({
    done: written,
    stop: async () => {
      output.destroy()
      await closed
    },
  })
  return {
    data: (chunk) => {
      // A stream that is ending emits no 'drain', only 'finish': wait for whichever comes.
      if (!output.write(chunk)) flow.drained = Promise.race([once(output, 'drain').then(() => undefined), written])
    },
    end: () => output.end(),
    result: (path) => ({ path, size, bytes: Buffer.alloc(0), truncated: false, file }),
  }
}
