/**
 * Multi-selection of table rows by ID, as file managers do it: a plain click selects one
 * row, Ctrl/Cmd-click toggles one, Shift-click selects the range from the anchor (the
 * last row clicked without Shift). Pure, so the table only wires events to it.
 */
export interface RowSelection {
  selected: ReadonlySet<string>
  /** Where a Shift range starts; null before the first click. */
  anchor: string | null
}

export const NO_SELECTION: RowSelection = { selected: new Set(), anchor: null }

export interface ClickModifiers {
  /** Shift held: select a range. */
  range: boolean
  /** Ctrl (Cmd on macOS) held: toggle, keeping the rest. */
  toggle: boolean
}

/** The IDs from `from` to `to` inclusive in the order shown, either way round; just `to` when `from` is not shown. */
export function rangeBetween(order: readonly string[], from: string | null, to: string): string[] {
  const end = order.indexOf(to)
  if (end === -1) return []
  const start = from === null ? -1 : order.indexOf(from)
  if (start === -1) return [to]
  return order.slice(Math.min(start, end), Math.max(start, end) + 1)
}

export function selectOnly(id: string): RowSelection {
  return { selected: new Set([id]), anchor: id }
}

export function toggleRow(selection: RowSelection, id: string): RowSelection {
  const selected = new Set(selection.selected)
  if (selected.has(id)) selected.delete(id)
  else selected.add(id)
  return { selected, anchor: id }
}

/**
 * A click on row `id` in `order` (the rows as shown). Shift alone replaces the selection
 * with the range; Ctrl+Shift adds the range to it. The anchor stays put for a range, so
 * a second Shift-click re-draws from the same row.
 */
export function clickRow(selection: RowSelection, order: readonly string[], id: string, modifiers: ClickModifiers): RowSelection {
  if (modifiers.range) {
    const range = rangeBetween(order, selection.anchor, id)
    const selected = modifiers.toggle ? new Set([...selection.selected, ...range]) : new Set(range)
    return { selected, anchor: selection.anchor !== null && order.includes(selection.anchor) ? selection.anchor : id }
  }
  if (modifiers.toggle) return toggleRow(selection, id)
  return selectOnly(id)
}

/** The header checkbox: every shown row selected, some, or none. */
export function headerState(selected: ReadonlySet<string>, order: readonly string[]): 'all' | 'some' | 'none' {
  const count = order.filter((id) => selected.has(id)).length
  if (count === 0) return 'none'
  return count === order.length ? 'all' : 'some'
}

/** The header checkbox clicked: selects every shown row, or clears them all when they already were. */
export function toggleAllShown(selection: RowSelection, order: readonly string[]): RowSelection {
  if (order.length > 0 && headerState(selection.selected, order) === 'all') return NO_SELECTION
  return { selected: new Set(order), anchor: selection.anchor ?? order[0] ?? null }
}

/** Drops the IDs no longer shown (removed, or filtered out), so an action never touches a row the user cannot see. */
export function keepShown(selection: RowSelection, order: readonly string[]): RowSelection {
  const shown = new Set(order)
  const kept = [...selection.selected].filter((id) => shown.has(id))
  const anchor = selection.anchor !== null && shown.has(selection.anchor) ? selection.anchor : null
  if (kept.length === selection.selected.size && anchor === selection.anchor) return selection
  return { selected: new Set(kept), anchor }
}
