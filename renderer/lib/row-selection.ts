/**
 * Multi-select over a list of rows, as file managers do: a plain toggle moves the
 * anchor, Shift selects from the anchor to the row, and the selection only ever
 * holds IDs of rows still listed. Pure, so the rules are tested without a DOM.
 */
export interface RowSelection {
  selected: ReadonlySet<string>
  /** Where a Shift range starts: the last row toggled on its own. */
  anchor: string | null
}

export const EMPTY_SELECTION: RowSelection = { selected: new Set(), anchor: null }

export function toggleRow(selection: RowSelection, id: string): RowSelection {
  const selected = new Set(selection.selected)
  if (selected.has(id)) selected.delete(id)
  else selected.add(id)
  return { selected, anchor: id }
}

/**
 * Selects every row from the anchor to `id` in the order shown, adding to what is
 * selected; without an anchor (or one no longer listed) it toggles `id` alone.
 */
export function selectRange(selection: RowSelection, ids: readonly string[], id: string): RowSelection {
  const from = selection.anchor === null ? -1 : ids.indexOf(selection.anchor)
  const to = ids.indexOf(id)
  if (from === -1 || to === -1) return toggleRow(selection, id)
  const selected = new Set(selection.selected)
  for (let index = Math.min(from, to); index <= Math.max(from, to); index += 1) selected.add(ids[index] ?? '')
  return { selected, anchor: selection.anchor }
}

/** The header checkbox: all rows shown when not all are selected, none when they are. */
export function toggleAll(selection: RowSelection, ids: readonly string[]): RowSelection {
  if (ids.length > 0 && ids.every((id) => selection.selected.has(id))) return EMPTY_SELECTION
  return { selected: new Set(ids), anchor: selection.anchor }
}

/** The selection limited to rows still shown: a search or a delete never leaves hidden rows selected. */
export function keepListed(selection: RowSelection, ids: readonly string[]): RowSelection {
  const listed = new Set(ids)
  if ([...selection.selected].every((id) => listed.has(id)) && (selection.anchor === null || listed.has(selection.anchor))) return selection
  return { selected: new Set([...selection.selected].filter((id) => listed.has(id))), anchor: selection.anchor !== null && listed.has(selection.anchor) ? selection.anchor : null }
}

export type HeaderState = 'none' | 'some' | 'all'

export function headerState(selection: RowSelection, ids: readonly string[]): HeaderState {
  const count = ids.filter((id) => selection.selected.has(id)).length
  if (count === 0) return 'none'
  return count === ids.length ? 'all' : 'some'
}
