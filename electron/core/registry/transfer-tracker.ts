import type { Readable } from 'node:stream'
import type { TransferLayer, TransferLayerStatus } from '../../../shared/types'
import { createJsonLineSplitter } from '../engine/json-lines'

/** One line of the engine's pull, push or load stream. */
export interface EngineProgressLine {
  id?: string
  status?: string
  stream?: string
  progressDetail?: { current?: number; total?: number }
  error?: string
  errorDetail?: { message?: string; code?: number }
  aux?: { Tag?: string; Digest?: string; Size?: number; ID?: string }
}

const STATUS_OF: [RegExp, TransferLayerStatus][] = [
  [/^(Waiting|Pulling fs layer|Preparing)$/, 'waiting'],
  [/^Downloading/, 'downloading'],
  [/^(Verifying Checksum|Download complete)$/, 'verifying'],
  [/^Extracting/, 'extracting'],
  [/^Pushing/, 'uploading'],
  [/^Loading layer/, 'loading'],
  [/^(Pull complete|Pushed)$/, 'done'],
  [/^(Already exists|Layer already exists)$/, 'exists'],
  [/^Mounted from/, 'mounted'],
]

/** Layer lines carry the layer's short ID; other lines with an id (the tag in "Pulling from") do not. */
const LAYER_ID = /^[0-9a-f]{12}$/

export function layerStatusOf(status: string): TransferLayerStatus | null {
  return STATUS_OF.find(([pattern]) => pattern.test(status))?.[1] ?? null
}

export interface TrackerOptions {
  /** Compressed sizes known beforehand (from the registry), by short ID: totals before the engine says them. */
  knownSizes?: Map<string, number>
  /** A layer changed status, or its bytes moved (at most every `intervalMs` per layer). */
  onLayer?: (layer: TransferLayer) => void
  /** Bytes moved over all layers, and their total when known. */
  onBytes?: (done: number, total: number | null) => void
  intervalMs?: number
}

/**
 * Follows an engine transfer stream: per-layer states, the bytes moved, the engine's
 * status lines, and the error line that a 200 answer may carry instead of success.
 */
export class TransferTracker {
  readonly layers = new Map<string, TransferLayer>()
  readonly statusLines: string[] = []
  readonly streamLines: string[] = []
  readonly aux: NonNullable<EngineProgressLine['aux']>[] = []
  error: { message: string; code: number | null } | null = null
  private readonly moved = new Map<string, number>()
  private readonly lastSent = new Map<string, number>()

  constructor(private readonly options: TrackerOptions = {}) {}

  get bytes(): number {
    let total = 0
    for (const value of this.moved.values()) total += value
    return total
  }

  /** Sum of the totals of layers that move bytes (not those that exist already); null while none is known. */
  get totalBytes(): number | null {
    let total = 0
    let known = false
    for (const layer of this.layers.values()) {
      if (layer.status === 'exists' || layer.status === 'mounted' || layer.total === null) continue
      total += layer.total
      known = true
    }
    return known ? total : null
  }

  line(line: EngineProgressLine): void {
    if (line.error !== undefined || line.errorDetail !== undefined) {
      this.error = { message: line.errorDetail?.message ?? line.error ?? 'unknown error', code: line.errorDetail?.code ?? null }
      return
    }
    if (line.aux !== undefined) this.aux.push(line.aux)
    if (line.stream !== undefined && line.stream.trim() !== '') this.streamLines.push(line.stream.trim())
    const status = line.status
    if (status === undefined) return
    if (line.id === undefined || !LAYER_ID.test(line.id)) {
      this.statusLines.push(line.id === undefined ? status : `${line.id}: ${status}`)
      return
    }
    this.layerLine(line.id, status, line.progressDetail)
  }

  private layerLine(id: string, message: string, detail: EngineProgressLine['progressDetail']): void {
    const previous = this.layers.get(id)
    const status = layerStatusOf(message) ?? previous?.status ?? 'waiting'
    const known = this.options.knownSizes?.get(id) ?? null
    const current = typeof detail?.current === 'number' ? detail.current : null
    const reported = typeof detail?.total === 'number' && detail.total > 0 ? detail.total : null
    // Extracting and loading count other bytes (uncompressed) than the transfer: keep the transfer's total.
    const transferTotal = status === 'downloading' || status === 'uploading' ? (reported ?? previous?.total ?? known) : (previous?.total ?? known)
    const layer: TransferLayer = { id, status, message, current: current ?? (status === previous?.status ? previous.current : null), total: status === 'loading' ? reported : transferTotal }
    this.layers.set(id, layer)
    if (status === 'downloading' || status === 'uploading' || status === 'loading') this.moved.set(id, current ?? this.moved.get(id) ?? 0)
    else if ((status === 'verifying' || status === 'done' || status === 'extracting') && previous?.status !== 'exists') this.moved.set(id, layer.total ?? this.moved.get(id) ?? 0)
    else if (status === 'exists' || status === 'mounted') this.moved.delete(id)
    this.report(layer, previous)
  }

  private report(layer: TransferLayer, previous: TransferLayer | undefined): void {
    const now = Date.now()
    const changed = previous?.status !== layer.status
    if (!changed && now - (this.lastSent.get(layer.id) ?? 0) < (this.options.intervalMs ?? 100)) return
    this.lastSent.set(layer.id, now)
    this.options.onLayer?.(layer)
    this.options.onBytes?.(this.bytes, this.totalBytes)
  }
}

/** Reads a whole engine stream into the tracker; resolves when the engine ends it (an error line included). */
export function followStream(stream: Readable, tracker: TransferTracker, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const splitter = createJsonLineSplitter(
      (value) => {
        tracker.line(value as EngineProgressLine)
      },
      () => undefined,
    )
    const onAbort = (): void => {
      stream.destroy()
      reject(Object.assign(new Error('The operation was cancelled.'), { name: 'AbortError' }))
    }
    if (signal?.aborted === true) {
      onAbort()
      return
    }
    signal?.addEventListener('abort', onAbort, { once: true })
    stream.on('data', (chunk: Buffer) => {
      splitter.push(chunk)
    })
    stream.on('end', () => {
      signal?.removeEventListener('abort', onAbort)
      splitter.push('\n')
      resolve()
    })
    stream.on('error', (error) => {
      signal?.removeEventListener('abort', onAbort)
      reject(error)
    })
  })
}
