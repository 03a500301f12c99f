import { describe, expect, it } from 'vitest'
import { findMatches, matchCounter, segmentsOf, stepMatch } from '../../renderer/lib/text-search'
import { localeFormat } from '../../renderer/i18n/format'
import { translator } from '../../renderer/i18n/translator'

describe('findMatches', () => {
  it('finds every case-insensitive occurrence, the query taken literally', () => {
    expect(findMatches('Host host HOST', 'host')).toEqual([
      { start: 0, end: 4 },
      { start: 5, end: 9 },
      { start: 10, end: 14 },
    ])
    expect(findMatches('a.b axb (a.b)', 'a.b')).toEqual([
      { start: 0, end: 3 },
      { start: 9, end: 12 },
    ])
    expect(findMatches('[x] $y ^z', '$y')).toEqual([{ start: 4, end: 6 }])
    expect(findMatches('anything', '')).toEqual([])
  })

  it('keeps offsets into the text where lowercasing would change its length', () => {
    const text = 'İstanbul Port'
    const [match] = findMatches(text, 'port')
    expect(match === undefined ? '' : text.slice(match.start, match.end)).toBe('Port')
  })

  it('stops at the limit', () => {
    expect(findMatches('aaaaa', 'a', 3)).toHaveLength(3)
  })
})

describe('segmentsOf', () => {
  it('cuts the text into plain runs and numbered matches that join back into it', () => {
    const text = '"Binds": ["/h:/data"], "Destination": "/data"'
    const segments = segmentsOf(text, findMatches(text, '/data'))
    expect(segments.map((segment) => segment.text).join('')).toBe(text)
    expect(segments.filter((segment) => segment.match !== null).map((segment) => [segment.match, segment.text])).toEqual([
      [0, '/data'],
      [1, '/data'],
    ])
    expect(segmentsOf('', [])).toEqual([{ text: '', match: null }])
  })
})

describe('stepping and counting', () => {
  it('wraps around both ways', () => {
    expect(stepMatch(0, 3, false)).toBe(1)
    expect(stepMatch(2, 3, false)).toBe(0)
    expect(stepMatch(0, 3, true)).toBe(2)
    expect(stepMatch(-1, 3, true)).toBe(2)
    expect(stepMatch(-1, 0, false)).toBe(-1)
  })

  it('says "3 of 12", "No matches", or nothing', () => {
    const english = translator('en')
    expect(matchCounter(2, 12, 'x', english)).toBe('3 of 12')
    expect(matchCounter(-1, 0, 'x', english)).toBe('No matches')
    expect(matchCounter(-1, 0, '', english)).toBe('')
    expect(matchCounter(0, 5000, 'a', english, localeFormat('en').number)).toBe('1 of 5,000+')
    expect(matchCounter(2, 12, 'x', translator('zh-CN'))).not.toContain('of')
    expect(matchCounter(-1, 0, 'x', translator('zh-CN'))).not.toBe('No matches')
  })
})
