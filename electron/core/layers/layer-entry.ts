import type { IHasher } from 'hash-wasm'
import { detectCompression, looksLikeTar } from './compression'
import { LayerIndexer, layerReadFailure, type IndexedLayer } from './layer-index'
import type { TarBodySink } from './tar-reader'
import type { Capture } from './types'

/** Enough of an entry to tell a compressed layer, a plain tar, or neither. */
const HEAD_BYTES = 512

export interface LayerEntryOptions {
  /** Hashes file bodies; one is enough, as a tar's entries come one after the other. */
  hasher: IHasher
  capture?: Capture
  /** Chunks are views their source overwrites after the call: what waits must be copied. */
  lent: boolean
  /** Called with the index once the layer has ended. */
  onIndexed(files: IndexedLayer): void
  /** A layer this reader does not index in place: its bytes go on to the sink returned, in order. */
  openStream(): TarBodySink
}

/**
 * The body of one large export entry (a layer), indexed in the call that reads it from
 * the export: no queue, no promise and no copy per chunk. The export of a 108 MB image
 * arrives in ~4,800 pieces, and handing each to an async reader cost more than reading
 * it (see BENCHMARKS.md, issue 16).
 *
 * Its first bytes decide: a plain tar is indexed here; a compressed one, or one whose
 * captured file is written to disk, goes on to a stream reader (`openStream`), which
 * gets copies of lent chunks; anything else is skipped.
 */
export class LayerEntry implements TarBodySink {
  private head: Buffer[] = []
  private headLength = 0
  private mode: 'head' | 'index' | 'stream' | 'skip' = 'head'
  private indexer: LayerIndexer | null = null
  private stream: TarBodySink | null = null

  constructor(private readonly options: LayerEntryOptions) {}

  data(chunk: Buffer): void {
    if (this.mode === 'head') {
      this.head.push(this.options.lent ? Buffer.from(chunk) : chunk)
      this.headLength += chunk.length
      if (this.headLength >= HEAD_BYTES) this.decide()
      return
    }
    this.forward(chunk, this.options.lent)
  }

  end(): void {
    if (this.mode === 'head') this.decide()
    if (this.indexer !== null) {
      let files: IndexedLayer
      try {
        files = this.indexer.finish()
      } catch (error) {
        throw layerReadFailure(error)
      }
      this.options.onIndexed(files)
    }
    this.stream?.end()
  }

  private decide(): void {
    const head = this.head.length === 1 ? (this.head[0] as Buffer) : Buffer.concat(this.head)
    this.head = []
    const compressed = detectCompression(head) !== 'none'
    if (!compressed && !looksLikeTar(head)) {
      this.mode = 'skip'
      return
    }
    if (compressed || this.options.capture?.toFile !== undefined) {
      this.mode = 'stream'
      this.stream = this.options.openStream()
    } else {
      this.mode = 'index'
      this.indexer = new LayerIndexer(this.options.hasher, this.options.capture)
    }
    // The head is owned already (copied when lent).
    this.forward(head, false)
  }

  private forward(chunk: Buffer, lent: boolean): void {
    if (this.indexer !== null) {
      try {
        this.indexer.push(chunk)
      } catch (error) {
        throw layerReadFailure(error)
      }
    } else {
      this.stream?.data(lent ? Buffer.from(chunk) : chunk)
    }
  }
}
