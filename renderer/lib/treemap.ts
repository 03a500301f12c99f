/** A rectangle in whatever unit the caller lays out in (CSS pixels here). */
export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

export interface Placed<T> {
  item: T
  rect: Rect
}

/** The worst (largest) aspect ratio of a row of areas laid along a side of length `side`. */
function worstRatio(areas: readonly number[], side: number): number {
  let sum = 0
  let max = 0
  let min = Infinity
  for (const area of areas) {
    sum += area
    max = Math.max(max, area)
    min = Math.min(min, area)
  }
  const sideSquared = side * side
  const sumSquared = sum * sum
  return Math.max((sideSquared * max) / sumSquared, sumSquared / (sideSquared * min))
}

/**
 * Lays one row along the shorter side of `free` and answers what is left. The last
 * rectangle of a row ends exactly at the edge, so rounding leaves no slivers.
 */
function layRow<T>(row: readonly { item: T; area: number }[], free: Rect, placed: Placed<T>[], last: boolean): Rect {
  const sum = row.reduce((total, entry) => total + entry.area, 0)
  const vertical = free.width >= free.height
  const side = vertical ? free.height : free.width
  // The last row takes all that is left; otherwise its thickness follows from its area.
  const thickness = last ? (vertical ? free.width : free.height) : Math.min(sum / side, vertical ? free.width : free.height)
  let offset = 0
  row.forEach((entry, index) => {
    const length = index === row.length - 1 ? side - offset : (entry.area / sum) * side
    placed.push({
      item: entry.item,
      rect: vertical
        ? { x: free.x, y: free.y + offset, width: thickness, height: length }
        : { x: free.x + offset, y: free.y, width: length, height: thickness },
    })
    offset += length
  })
  return vertical
    ? { x: free.x + thickness, y: free.y, width: free.width - thickness, height: free.height }
    : { x: free.x, y: free.y + thickness, width: free.width, height: free.height - thickness }
}

/**
 * Squarified treemap (Bruls, Huizing, van Wijk 2000): each item gets a rectangle
 * inside `bounds` whose area is proportional to its value, as close to square as the
 * greedy row filling allows. Items with no positive value get no rectangle; the rest
 * come out largest first. Pure, so the geometry is unit-tested.
 */
export function squarify<T>(items: readonly T[], valueOf: (item: T) => number, bounds: Rect): Placed<T>[] {
  const weighted = items
    .map((item) => ({ item, value: valueOf(item) }))
    .filter((entry) => Number.isFinite(entry.value) && entry.value > 0)
    .sort((a, b) => b.value - a.value)
  const total = weighted.reduce((sum, entry) => sum + entry.value, 0)
  if (total <= 0 || bounds.width <= 0 || bounds.height <= 0) return []
  const scale = (bounds.width * bounds.height) / total
  const entries = weighted.map((entry) => ({ item: entry.item, area: entry.value * scale }))

  const placed: Placed<T>[] = []
  let free: Rect = { ...bounds }
  let row: { item: T; area: number }[] = []
  for (const [index, entry] of entries.entries()) {
    const side = Math.min(free.width, free.height)
    const areas = row.map((member) => member.area)
    if (row.length === 0 || worstRatio([...areas, entry.area], side) <= worstRatio(areas, side)) {
      row.push(entry)
    } else {
      free = layRow(row, free, placed, false)
      row = [entry]
    }
    if (index === entries.length - 1) layRow(row, free, placed, true)
  }
  return placed
}

/** `rect` shrunk by `inset` on every side, never below nothing. */
export function insetRect(rect: Rect, inset: number): Rect {
  const width = Math.max(0, rect.width - 2 * inset)
  const height = Math.max(0, rect.height - 2 * inset)
  return { x: rect.x + Math.min(inset, rect.width / 2), y: rect.y + Math.min(inset, rect.height / 2), width, height }
}
