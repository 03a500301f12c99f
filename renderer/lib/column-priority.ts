/**
 * Which columns of a table fit a width: the optional ones give way one by one, in the
 * order given, until the rest fit. A column the user hid by hand stays hidden and leaves
 * its room to the others; one the user showed by hand is added to what fits without
 * pushing any other out (the table then scrolls sideways rather than clip it).
 */
export interface PriorityColumn<K extends string> {
  key: K
  /** The least width the column needs, in CSS pixels. */
  width: number
}

export function columnsThatFit<K extends string>(
  available: number,
  columns: readonly PriorityColumn<K>[],
  /** Keys of the columns that may hide, the first to hide first. */
  hideOrder: readonly K[],
  /** The user's own choices: true shows a column whatever the width, false hides it. */
  chosen: ReadonlyMap<K, boolean> = new Map(),
): Set<K> {
  const fits = new Set(columns.map((column) => column.key).filter((key) => chosen.get(key) !== false))
  const widthOf = new Map(columns.map((column) => [column.key, column.width]))
  const total = (): number => [...fits].reduce((sum, key) => sum + (widthOf.get(key) ?? 0), 0)
  for (const key of hideOrder) {
    if (total() <= available) break
    fits.delete(key)
  }
  // In the table's order, with the ones shown by hand.
  return new Set(columns.map((column) => column.key).filter((key) => fits.has(key) || chosen.get(key) === true))
}

/** The least width of the shown columns together: the table's min-width, so a column shown by hand scrolls instead of squeezing the rest. */
export function widthOfShown<K extends string>(columns: readonly PriorityColumn<K>[], shown: ReadonlySet<K>): number {
  return columns.filter((column) => shown.has(column.key)).reduce((sum, column) => sum + column.width, 0)
}
