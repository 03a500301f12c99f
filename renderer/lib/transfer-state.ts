import type { TransferLayer, TransferLayerStatus } from '../../shared/types'
import type { FailureView } from './registry-view'

/** A layer row of a transfer: what the engine last said, or what the registry said to expect. */
export interface TransferRow {
  id: string
  status: TransferLayerStatus
  message: string
  current: number | null
  total: number | null
}

export interface TransferState<Result> {
  taskId: string
  title: string
  running: boolean
  /** Overall bytes from the 'progress' events. */
  done: number
  total: number | null
  rows: TransferRow[]
  result: Result | null
  failure: FailureView | null
  cancelled: boolean
}

/** `expected` lists the layers the registry announced (short ID and compressed size), shown as waiting before the engine names them. */
export function startTransfer<Result>(taskId: string, title: string, expected: { id: string; size: number }[] = []): TransferState<Result> {
  const seen = new Set<string>()
  const rows: TransferRow[] = []
  for (const layer of expected) {
    if (seen.has(layer.id)) continue
    seen.add(layer.id)
    // No engine words yet: the view shows its own word for the status.
    rows.push({ id: layer.id, status: 'waiting', message: '', current: null, total: layer.size })
  }
  return { taskId, title, running: true, done: 0, total: null, rows, result: null, failure: null, cancelled: false }
}

/** The engine's word for a layer replaces the previous one; a total it does not say keeps the one known. */
export function applyLayer(rows: TransferRow[], layer: TransferLayer): TransferRow[] {
  const index = rows.findIndex((row) => row.id === layer.id)
  const previous = index === -1 ? undefined : rows[index]
  const row: TransferRow = { id: layer.id, status: layer.status, message: layer.message, current: layer.current, total: layer.total ?? previous?.total ?? null }
  if (index === -1) return [...rows, row]
  return rows.map((existing, position) => (position === index ? row : existing))
}

/** Bytes moved for one row: a finished layer counts whole, one that was already here counts nothing. */
export function rowDone(row: TransferRow): number | null {
  if (row.status === 'done' || row.status === 'verifying' || row.status === 'extracting') return row.total
  if (row.status === 'exists' || row.status === 'mounted') return null
  return row.current
}

/**
 * The rows once the transfer has succeeded. The engine's final word for each layer (the
 * result's layer list) replaces what the events left, in case one came late; a layer the
 * registry announced but the engine never named was already on disk (an image up to date
 * says only "Status: Image is up to date"), so it ends as "exists" rather than "waiting".
 */
export function finishRows(rows: readonly TransferRow[], finalLayers: readonly TransferLayer[]): TransferRow[] {
  let finished = [...rows]
  for (const layer of finalLayers) finished = applyLayer(finished, layer)
  return finished.map((row) => (row.status === 'waiting' ? { ...row, status: 'exists', message: '', current: null } : row))
}
