import { describe, expect, it } from 'vitest'
import { columnsThatFit, widthOfShown } from '../../../renderer/lib/column-priority'

const COLUMNS = [
  { key: 'tags', width: 200 },
  { key: 'size', width: 80 },
  { key: 'platform', width: 100 },
  { key: 'created', width: 120 },
  { key: 'actions', width: 60 },
] as const
type Key = (typeof COLUMNS)[number]['key']
const ORDER: Key[] = ['platform', 'created', 'size']

describe('columnsThatFit', () => {
  it('shows every column when they fit', () => {
    expect([...columnsThatFit<Key>(600, COLUMNS, ORDER)]).toEqual(['tags', 'size', 'platform', 'created', 'actions'])
  })

  it('hides the optional columns in their order until the rest fit, never the others', () => {
    expect(columnsThatFit<Key>(500, COLUMNS, ORDER).has('platform')).toBe(false)
    expect(columnsThatFit<Key>(500, COLUMNS, ORDER).has('created')).toBe(true)
    expect([...columnsThatFit<Key>(380, COLUMNS, ORDER)]).toEqual(['tags', 'size', 'actions'])
    expect([...columnsThatFit<Key>(100, COLUMNS, ORDER)]).toEqual(['tags', 'actions'])
  })

  it("keeps the user's choices: a column shown by hand stays without pushing others out, one hidden by hand leaves its room", () => {
    const shownByHand = columnsThatFit<Key>(400, COLUMNS, ORDER, new Map([['platform', true]]))
    expect([...shownByHand]).toEqual(['tags', 'size', 'platform', 'actions'])
    // Wider than the box: the table scrolls sideways.
    expect(widthOfShown(COLUMNS, shownByHand)).toBe(440)
    const hiddenByHand = columnsThatFit<Key>(400, COLUMNS, ORDER, new Map([['size', false]]))
    expect([...hiddenByHand]).toEqual(['tags', 'created', 'actions'])
  })
})
