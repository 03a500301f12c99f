import { describe, expect, it } from 'vitest'
import { diffHunks, diffLines, splitLines, type DiffLine } from '../../shared/line-diff'

/** A diff in the unified notation: ' same', '-removed', '+added'. */
function unified(lines: readonly DiffLine[] | null): string[] {
  return (lines ?? []).map((line) => `${line.kind === 'same' ? ' ' : line.kind === 'removed' ? '-' : '+'}${line.text}`)
}

/** Applying the diff to the old lines gives the new ones, and its kept lines are the old ones in order. */
function check(a: string[], b: string[], lines: readonly DiffLine[]): void {
  expect(lines.filter((line) => line.kind !== 'added').map((line) => line.text)).toEqual(a)
  expect(lines.filter((line) => line.kind !== 'removed').map((line) => line.text)).toEqual(b)
  expect(lines.filter((line) => line.aLine !== null).map((line) => line.aLine)).toEqual(a.map((_, index) => index + 1))
  expect(lines.filter((line) => line.bLine !== null).map((line) => line.bLine)).toEqual(b.map((_, index) => index + 1))
}

describe('line diff', () => {
  it('splits text into lines as people count them', () => {
    expect(splitLines('')).toEqual([])
    expect(splitLines('a\nb\n')).toEqual(['a', 'b'])
    expect(splitLines('a\r\nb')).toEqual(['a', 'b'])
    expect(splitLines('a\n\n')).toEqual(['a', ''])
  })

  it('says a changed line as one removal and one addition among the same lines', () => {
    const a = ['listen 80;', 'root /srv;', 'gzip on;']
    const b = ['listen 8080;', 'root /srv;', 'gzip on;']
    const lines = diffLines(a, b)
    expect(unified(lines)).toEqual(['-listen 80;', '+listen 8080;', ' root /srv;', ' gzip on;'])
    check(a, b, lines ?? [])
  })

  it('finds the shortest script (the classic example: 5 edits)', () => {
    const a = 'ABCABBA'.split('')
    const b = 'CBABAC'.split('')
    const lines = diffLines(a, b) ?? []
    expect(lines.filter((line) => line.kind !== 'same')).toHaveLength(5)
    check(a, b, lines)
  })

  it('handles an empty side and identical sides', () => {
    expect(unified(diffLines([], ['x', 'y']))).toEqual(['+x', '+y'])
    expect(unified(diffLines(['x'], []))).toEqual(['-x'])
    expect(unified(diffLines(['x', 'y'], ['x', 'y']))).toEqual([' x', ' y'])
  })

  it('stays a valid script over many random edits', () => {
    let seed = 7
    const random = (below: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return seed % below
    }
    for (let round = 0; round < 50; round += 1) {
      const a = Array.from({ length: random(40) }, () => `line ${random(8)}`)
      const b = Array.from({ length: random(40) }, () => `line ${random(8)}`)
      check(a, b, diffLines(a, b) ?? [])
    }
  })

  it('gives up past the edit limit rather than work in the square', () => {
    const a = Array.from({ length: 100 }, (_, index) => `a${index}`)
    const b = Array.from({ length: 100 }, (_, index) => `b${index}`)
    expect(diffLines(a, b, 50)).toBeNull()
    expect(diffLines(a, b, 200)).toHaveLength(200)
  })

  it('groups changes into hunks with three lines of context', () => {
    const a = Array.from({ length: 30 }, (_, index) => `l${index + 1}`)
    const b = [...a]
    b[4] = 'changed 5'
    b[6] = 'changed 7'
    b[24] = 'changed 25'
    const hunks = diffHunks(diffLines(a, b) ?? [])
    expect(hunks).toHaveLength(2)
    expect(hunks[0]?.lines[0]?.aLine).toBe(2)
    expect(hunks[0]?.lines.at(-1)?.aLine).toBe(10)
    expect(unified(hunks[1]?.lines ?? [])).toEqual([' l22', ' l23', ' l24', '-l25', '+changed 25', ' l26', ' l27', ' l28'])
  })
})
