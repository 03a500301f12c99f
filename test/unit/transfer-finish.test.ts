import { describe, expect, it } from 'vitest'
import { applyLayer, finishRows, startTransfer } from '../../renderer/lib/transfer-state'

describe('a finished transfer', () => {
  it('leaves no layer waiting: one the engine never named was on disk already', () => {
    const state = startTransfer('t', 'Pulling', [
      { id: 'aaaaaaaaaaaa', size: 100 },
      { id: 'bbbbbbbbbbbb', size: 50 },
    ])
    const rows = applyLayer(state.rows, { id: 'bbbbbbbbbbbb', status: 'done', message: 'Pull complete', current: null, total: 50 })
    const finished = finishRows(rows, [])
    expect(finished.map((row) => [row.id, row.status, row.message])).toEqual([
      ['aaaaaaaaaaaa', 'exists', ''],
      ['bbbbbbbbbbbb', 'done', 'Pull complete'],
    ])
  })

  it("takes the engine's final word from the result when an event was missed", () => {
    const state = startTransfer('t', 'Pulling', [{ id: 'aaaaaaaaaaaa', size: 100 }])
    const finished = finishRows(state.rows, [{ id: 'aaaaaaaaaaaa', status: 'done', message: 'Pull complete', current: null, total: null }])
    expect(finished).toEqual([{ id: 'aaaaaaaaaaaa', status: 'done', message: 'Pull complete', current: null, total: 100 }])
  })
})
