import { describe, expect, it } from 'vitest'
import { clickRow, headerState, keepShown, NO_SELECTION, toggleAllShown, toggleRow, type RowSelection } from '../../renderer/lib/row-selection'

/** The Images table's Shift-click: the range added to what is selected. */
const selectRange = (selection: RowSelection, order: readonly string[], id: string): RowSelection => clickRow(selection, order, id, { range: true, toggle: true })

const rows = ['a', 'b', 'c', 'd', 'e']
const ids = (selection: { selected: ReadonlySet<string> }): string[] => [...selection.selected].sort()

describe('row selection', () => {
  it('toggles one row and moves the anchor to it', () => {
    const one = toggleRow(NO_SELECTION, 'b')
    expect(ids(one)).toEqual(['b'])
    expect(one.anchor).toBe('b')
    expect(ids(toggleRow(one, 'b'))).toEqual([])
  })

  it('Shift selects from the anchor to the row, either way, adding to the selection', () => {
    const start = toggleRow(toggleRow(NO_SELECTION, 'a'), 'd')
    expect(ids(selectRange(start, rows, 'b'))).toEqual(['a', 'b', 'c', 'd'])
    expect(ids(selectRange(toggleRow(NO_SELECTION, 'b'), rows, 'e'))).toEqual(['b', 'c', 'd', 'e'])
    // The anchor stays, so a second Shift-click re-aims from the same row.
    expect(selectRange(start, rows, 'b').anchor).toBe('d')
  })

  it('Shift without an anchor selects the one row', () => {
    expect(ids(selectRange(NO_SELECTION, rows, 'c'))).toEqual(['c'])
  })

  it('the header selects every row shown, then none', () => {
    const all = toggleAllShown(toggleRow(NO_SELECTION, 'a'), rows)
    expect(ids(all)).toEqual(rows)
    expect(headerState(all.selected, rows)).toBe('all')
    expect(ids(toggleAllShown(all, rows))).toEqual([])
  })

  it('says none, some or all for the header checkbox', () => {
    expect(headerState(NO_SELECTION.selected, rows)).toBe('none')
    expect(headerState(toggleRow(NO_SELECTION, 'c').selected, rows)).toBe('some')
    expect(headerState(NO_SELECTION.selected, [])).toBe('none')
  })

  it('drops rows no longer shown, and keeps the same object when nothing changes', () => {
    const selection = toggleRow(toggleRow(NO_SELECTION, 'a'), 'c')
    expect(keepShown(selection, rows)).toBe(selection)
    const kept = keepShown(selection, ['a', 'b'])
    expect(ids(kept)).toEqual(['a'])
    expect(kept.anchor).toBeNull()
  })
})
