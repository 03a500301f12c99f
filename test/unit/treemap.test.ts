import { describe, expect, it } from 'vitest'
import { insetRect, squarify, type Placed, type Rect } from '../../renderer/lib/treemap'

const EPSILON = 1e-6

function area(rect: Rect): number {
  return rect.width * rect.height
}

function overlap(a: Rect, b: Rect): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  return width > 0 && height > 0 ? width * height : 0
}

function aspect(rect: Rect): number {
  return Math.max(rect.width / rect.height, rect.height / rect.width)
}

/** Every property a treemap must hold, for any input. */
function expectSound(placed: Placed<number>[], bounds: Rect): void {
  const total = placed.reduce((sum, entry) => sum + entry.item, 0)
  for (const { item, rect } of placed) {
    expect(rect.width).toBeGreaterThan(0)
    expect(rect.height).toBeGreaterThan(0)
    expect(rect.x).toBeGreaterThanOrEqual(bounds.x - EPSILON)
    expect(rect.y).toBeGreaterThanOrEqual(bounds.y - EPSILON)
    expect(rect.x + rect.width).toBeLessThanOrEqual(bounds.x + bounds.width + EPSILON)
    expect(rect.y + rect.height).toBeLessThanOrEqual(bounds.y + bounds.height + EPSILON)
    // Area proportional to value.
    expect(area(rect) / area(bounds)).toBeCloseTo(item / total, 6)
  }
  for (let i = 0; i < placed.length; i += 1) {
    for (let j = i + 1; j < placed.length; j += 1) {
      expect(overlap((placed[i] as Placed<number>).rect, (placed[j] as Placed<number>).rect)).toBeLessThan(EPSILON)
    }
  }
  // Together they cover the bounds: nothing overlaps, so the areas add up to the whole.
  expect(placed.reduce((sum, entry) => sum + area(entry.rect), 0)).toBeCloseTo(area(bounds), 6)
}

describe('squarify', () => {
  const bounds = { x: 10, y: 20, width: 600, height: 400 }

  it('lays the classic example (6, 6, 4, 3, 2, 2, 1) proportionally, inside the bounds, without overlap', () => {
    const values = [6, 6, 4, 3, 2, 2, 1]
    const placed = squarify(values, (value) => value, bounds)
    expect(placed.map((entry) => entry.item)).toEqual(values)
    expectSound(placed, bounds)
    // The paper's own result on a 6 x 4 box: the first two share a column, each 3 x 2.
    const paper = squarify(values, (value) => value, { x: 0, y: 0, width: 6, height: 4 })
    expect(paper[0]?.rect).toEqual({ x: 0, y: 0, width: 3, height: 2 })
    expect(paper[1]?.rect).toEqual({ x: 0, y: 2, width: 3, height: 2 })
  })

  it('keeps rectangles close to square where slicing would make slivers', () => {
    const values = Array.from({ length: 40 }, () => 1)
    const placed = squarify(values, (value) => value, { x: 0, y: 0, width: 800, height: 500 })
    expectSound(placed, { x: 0, y: 0, width: 800, height: 500 })
    // Slicing 40 equal items across 800 px would give 20 x 500 (aspect 25).
    expect(Math.max(...placed.map((entry) => aspect(entry.rect)))).toBeLessThan(3)
  })

  it('holds for skewed sizes, as disk use has them (one huge, many tiny)', () => {
    const values = [1e9, 3e7, 5e6, ...Array.from({ length: 200 }, (_, index) => 1000 + index * 37)]
    const placed = squarify(values, (value) => value, bounds)
    expect(placed).toHaveLength(values.length)
    expectSound(placed, bounds)
  })

  it('sorts largest first and gives zero, negative and non-finite values no rectangle', () => {
    const placed = squarify([1, 0, 5, -3, Number.NaN, Number.POSITIVE_INFINITY, 2], (value) => value, bounds)
    expect(placed.map((entry) => entry.item)).toEqual([5, 2, 1])
    expectSound(placed, bounds)
  })

  it('gives one item the whole box, and nothing for no items or an empty box', () => {
    expect(squarify([7], (value) => value, bounds)).toEqual([{ item: 7, rect: bounds }])
    expect(squarify([], (value: number) => value, bounds)).toEqual([])
    expect(squarify([0, 0], (value) => value, bounds)).toEqual([])
    expect(squarify([1, 2], (value) => value, { x: 0, y: 0, width: 0, height: 100 })).toEqual([])
  })

  it('works on tall boxes as on wide ones', () => {
    const tall = { x: 0, y: 0, width: 120, height: 900 }
    expectSound(squarify([9, 7, 5, 3, 1, 1, 1], (value) => value, tall), tall)
  })
})

describe('insetRect', () => {
  it('shrinks on every side and never below nothing', () => {
    expect(insetRect({ x: 0, y: 0, width: 100, height: 50 }, 2)).toEqual({ x: 2, y: 2, width: 96, height: 46 })
    expect(insetRect({ x: 10, y: 10, width: 3, height: 2 }, 2)).toEqual({ x: 11.5, y: 11, width: 0, height: 0 })
  })
})
