import { describe, expect, it } from 'vitest'
import { EMPTY_SELECTION, headerState, keepListed, selectRange, toggleAll, toggleRow } from '../../renderer/lib/row-selection'

const rows = ['a', 'b', 'c', 'd', 'e']
const ids = (selection: { selected: ReadonlySet<string> }): string[] => [...selection.selected].sort()

describe('row selection', () => {
  it('toggles one row and moves the anchor to it', () => {
    const one = toggleRow(EMPTY_SELECTION, 'b')
    expect(ids(one)).toEqual(['b'])
    expect(one.anchor).toBe('b')
    expect(ids(toggleRow(one, 'b'))).toEqual([])
  })

  it('Shift selects from the anchor to the row, either way, adding to the selection', () => {
    const start = toggleRow(toggleRow(EMPTY_SELECTION, 'a'), 'd')
    expect(ids(selectRange(start, rows, 'b'))).toEqual(['a', 'b', 'c', 'd'])
    expect(ids(selectRange(toggleRow(EMPTY_SELECTION, 'b'), rows, 'e'))).toEqual(['b', 'c', 'd', 'e'])
    // The anchor stays, so a second Shift-click re-aims from the same row.
    expect(selectRange(start, rows, 'b').anchor).toBe('d')
  })

  it('Shift without an anchor selects the one row', () => {
    expect(ids(selectRange(EMPTY_SELECTION, rows, 'c'))).toEqual(['c'])
  })

  it('the header selects every row shown, then none', () => {
    const all = toggleAll(toggleRow(EMPTY_SELECTION, 'a'), rows)
    expect(ids(all)).toEqual(rows)
    expect(headerState(all, rows)).toBe('all')
    expect(ids(toggleAll(all, rows))).toEqual([])
  })

  it('says none, some or all for the header checkbox', () => {
    expect(headerState(EMPTY_SELECTION, rows)).toBe('none')
    expect(headerState(toggleRow(EMPTY_SELECTION, 'c'), rows)).toBe('some')
    expect(headerState(EMPTY_SELECTION, [])).toBe('none')
  })

  it('drops rows no longer shown, and keeps the same object when nothing changes', () => {
    const selection = toggleRow(toggleRow(EMPTY_SELECTION, 'a'), 'c')
    expect(keepListed(selection, rows)).toBe(selection)
    const kept = keepListed(selection, ['a', 'b'])
    expect(ids(kept)).toEqual(['a'])
    expect(kept.anchor).toBeNull()
  })
})
