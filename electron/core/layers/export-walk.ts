import { createHash } from 'node:crypto'
import { Readable } from 'node:stream'
import { failure, StrataError } from '../../../shared/errors'
import { problem } from '../../../shared/problems'
import { isLendingBody } from '../engine/socket-get'
import { detectCompression, looksLikeTar } from './compression'
import { returnHasher, takeHasher } from './content-hash'
import { ChunkBudget, EntryChannel, type Pausable } from './entry-channel'
import type { ReadOptions } from './export-reader'
import { LayerEntry } from './layer-entry'
import { indexLayer, normalizePath, type IndexedLayer, type LayerSource } from './layer-index'
import { TarReader, type TarBodySink } from './tar-reader'
import type { LayerFiles } from './types'

/**
 * One pass over an image export's outer tar: small entries (configs, manifests, indexes)
 * are kept, layers are indexed as they stream by and never held. What the entries mean
 * is export-reader.ts's business.
 */

/** Small entries (configs, manifests, indexes) are buffered; anything larger is a layer and streams. */
const BUFFER_LIMIT = 4 * 1024 * 1024

/** Thrown internally when onLayer asked to stop: not an error for the caller. */
export class StopReading extends Error {}

export interface ArchiveContents {
  json: Map<string, { text: string; digest: string }>
  layers: Map<string, LayerFiles>
  links: Map<string, string>
}

/** A small entry's whole body, copied out of its chunks as they come (they may be lent). */
class EntryBytes implements TarBodySink {
  private readonly bytes: Buffer
  private length = 0

  constructor(
    size: number,
    private readonly onEnd: (bytes: Buffer) => void,
  ) {
    this.bytes = Buffer.allocUnsafe(size)
  }

  data(chunk: Buffer): void {
    this.length += chunk.copy(this.bytes, this.length)
  }

  end(): void {
    this.onEnd(this.bytes.subarray(0, this.length))
  }
}

function addLayer(contents: ArchiveContents, name: string, files: IndexedLayer, options: ReadOptions): void {
  contents.layers.set(name, files)
  if (options.onLayer?.(files, files.captured, files.diffId) === true) throw new StopReading()
}

async function readLayerStream(contents: ArchiveContents, name: string, stream: LayerSource, options: ReadOptions): Promise<void> {
  addLayer(contents, name, await indexLayer(stream, options.signal, options.capture), options)
}

/** A config, manifest or index is kept as JSON; a small layer is indexed; anything else is skipped. */
async function readSmallEntry(contents: ArchiveContents, name: string, bytes: Buffer, options: ReadOptions): Promise<void> {
  const first = bytes.subarray(0, 1).toString('latin1')
  if (first === '{' || first === '[') {
    contents.json.set(name, { text: bytes.toString('utf8'), digest: `sha256:${createHash('sha256').update(bytes).digest('hex')}` })
    return
  }
  if (detectCompression(bytes) !== 'none' || looksLikeTar(bytes) || bytes.length === 0 || isEmptyTar(bytes)) await readLayerStream(contents, name, Readable.from([bytes]), options)
}

// An empty layer is a tar of two zero blocks.
function isEmptyTar(bytes: Buffer): boolean {
  return bytes.length >= 1024 && bytes.every((byte) => byte === 0)
}

/** Entry bytes read but not yet indexed, over which the export is paused (see entry-channel.ts). */
const WAITING_HIGH = 8 * 1024 * 1024

export async function walkExport(source: Readable, options: ReadOptions): Promise<ArchiveContents> {
  const contents: ArchiveContents = { json: new Map(), layers: new Map(), links: new Map() }
  let bytesRead = 0
  // What pauses the export: the stream itself, or, once its bytes are lent, its socket.
  let feed: Pausable = source
  const budget = new ChunkBudget(
    {
      pause: () => {
        feed.pause()
      },
      resume: () => {
        feed.resume()
      },
    },
    WAITING_HIGH,
  )
  const lent = isLendingBody(source)
  // Layers indexed in place hash with this one (they come one after the other); it is taken before the first byte.
  const hasher = await takeHasher()
  // Entries that need waiting for are read one after the other, as they come.
  let reading: Promise<void> = Promise.resolve()
  const open = new Set<EntryChannel>()
  let settled = false
  try {
    await new Promise<void>((resolve, reject) => {
      const cancelled = (): StrataError => failure('CANCELLED', problem('layer.analysisCancelled'))
      /** Stops reading, and answers once the entry being read has let go of what it opened (a file being written). */
      const stop = (answer: () => Error): void => {
        if (settled) return
        settled = true
        options.signal?.removeEventListener('abort', onAbort)
        // The engine's answer is let go, not left paused with its connection open.
        source.off('data', onData)
        source.destroy()
        const error = answer()
        for (const channel of open) channel.destroy(error)
        const settle = (): void => {
          // Stopping the streams on a cancel makes the entry fail too; that failure is the cancel.
          reject(options.signal?.aborted === true ? cancelled() : error)
        }
        reading.then(settle, settle)
      }
      const fail = (error: unknown): void => {
        stop(() => (error instanceof StopReading || error instanceof StrataError ? error : failure('INVALID_INPUT', problem('layer.exportUnreadable', { cause: error instanceof Error ? error.message : String(error) }))))
      }
      const onAbort = (): void => {
        stop(cancelled)
      }
      const later = (read: () => Promise<void>): void => {
        reading = reading.then(async () => {
          if (!settled) await read()
        })
        reading.catch(fail)
      }
      /** A layer read as a stream (compressed, or a captured file written to disk), after the entries before it. */
      const streamed = (name: string): TarBodySink => {
        const body = new EntryChannel(budget)
        open.add(body)
        later(async () => {
          try {
            await readLayerStream(contents, name, body, options)
          } finally {
            open.delete(body)
            // Whatever the reader left unread is not waited for.
            void body.return()
          }
        })
        return body
      }
      const tar = new TarReader((header) => {
        const name = normalizePath(header.name)
        if (header.kind === 'symlink' || header.kind === 'hardlink') {
          // Newer engines store a repeated layer once and link the other places to it.
          contents.links.set(name, header.kind === 'hardlink' ? normalizePath(header.linkname) : joinRelative(name, header.linkname))
          return null
        }
        if (header.kind !== 'file') return null
        if (header.size <= BUFFER_LIMIT) {
          return new EntryBytes(header.size, (bytes) => {
            // Kept until the entries before it are read: counted, so that many small layers behind a slow one pause the export.
            budget.add(bytes.length)
            later(async () => {
              try {
                await readSmallEntry(contents, name, bytes, options)
              } finally {
                budget.take(bytes.length)
              }
            })
          })
        }
        return new LayerEntry({
          hasher,
          ...(options.capture === undefined ? {} : { capture: options.capture }),
          lent,
          onIndexed: (files) => {
            addLayer(contents, name, files, options)
          },
          openStream: () => streamed(name),
        })
      })
      let ended = false
      /** The archive is whole: once the entries being read are done, the answer is ready. */
      const finished = (): void => {
        ended = true
        try {
          tar.finish()
        } catch (error) {
          fail(error)
          return
        }
        reading.then(() => {
          if (settled) return
          settled = true
          options.signal?.removeEventListener('abort', onAbort)
          resolve()
        }, fail)
      }
      function onData(chunk: Buffer): void {
        if (settled || ended) return
        bytesRead += chunk.length
        options.onBytes?.(bytesRead)
        try {
          tar.push(chunk)
        } catch (error) {
          fail(error)
          return
        }
        if (tar.complete) {
          // The archive's end marker came: an engine sends the end of its answer only once it
          // has removed the export's temporary files (~0.1 s for 275 MB), and nothing after
          // the marker belongs to the archive, so the rest of the answer is not waited for.
          finished()
          source.off('data', onData)
          source.destroy()
        }
      }
      if (options.signal?.aborted === true) {
        onAbort()
        return
      }
      options.signal?.addEventListener('abort', onAbort, { once: true })
      source.on('error', (error) => {
        if (!ended) fail(error)
      })
      if (source.errored !== null) {
        fail(source.errored)
        return
      }
      source.on('close', () => {
        // A connection that closed without an error or an end is as broken as one that failed.
        if (!ended) fail(new Error('the export stopped before its end'))
      })
      source.on('end', () => {
        if (!ended) finished()
      })
      if (lent) feed = source.lend(onData)
      else source.on('data', onData)
    })
  } finally {
    // Nothing indexes in place once the promise has settled: every push happens in onData, which is over.
    returnHasher(hasher)
  }
  return contents
}

function joinRelative(from: string, target: string): string {
  const parts = from.split('/').slice(0, -1)
  for (const part of target.split('/')) {
    if (part === '..') parts.pop()
    else if (part !== '.' && part !== '') parts.push(part)
  }
  return parts.join('/')
}

