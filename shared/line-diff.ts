/**
 * A line diff by Myers' O(ND) algorithm (the one `diff` and git use by default): the
 * shortest edit script, so a changed line reads as one removal and one addition, never
 * as a run of unrelated edits. Pure, for the compare view's content diff.
 */

export interface DiffLine {
  kind: 'same' | 'removed' | 'added'
  text: string
  /** 1-based line numbers in the old (a) and new (b) text; null where the line is not there. */
  aLine: number | null
  bLine: number | null
}

export interface DiffHunk {
  lines: DiffLine[]
}

/** Lines of a text as people count them: a final newline ends the last line and starts none. */
export function splitLines(text: string): string[] {
  if (text === '') return []
  const lines = text.split(/\r?\n/)
  if (lines[lines.length - 1] === '') lines.pop()
  return lines
}

/**
 * Every line of both sides, in order, marked same / removed / added; null when more than
 * `maxEdits` lines differ (the work grows with the square of the edits: such a pair is
 * said to differ throughout rather than computed).
 */
export function diffLines(a: readonly string[], b: readonly string[], maxEdits = 2000): DiffLine[] | null {
  // Common head and tail cost nothing to match and often are most of a config file.
  let head = 0
  while (head < a.length && head < b.length && a[head] === b[head]) head += 1
  let tail = 0
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail += 1
  const middle = shortestEdit(a.slice(head, a.length - tail), b.slice(head, b.length - tail), maxEdits)
  if (middle === null) return null
  const lines: DiffLine[] = []
  for (let index = 0; index < head; index += 1) lines.push({ kind: 'same', text: a[index] ?? '', aLine: index + 1, bLine: index + 1 })
  for (const line of middle) lines.push({ ...line, aLine: line.aLine === null ? null : line.aLine + head, bLine: line.bLine === null ? null : line.bLine + head })
  for (let index = tail; index > 0; index -= 1) {
    lines.push({ kind: 'same', text: a[a.length - index] ?? '', aLine: a.length - index + 1, bLine: b.length - index + 1 })
  }
  return lines
}

function shortestEdit(a: readonly string[], b: readonly string[], maxEdits: number): DiffLine[] | null {
  const n = a.length
  const m = b.length
  const limit = Math.min(n + m, maxEdits)
  const offset = limit + 1
  const v = new Int32Array(2 * limit + 3)
  // After each round d, the furthest x on each diagonal k in [-d, d]: enough to walk back.
  const trace: Int32Array[] = []
  for (let d = 0; d <= limit; d += 1) {
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0))
      let x = down ? (v[offset + k + 1] ?? 0) : (v[offset + k - 1] ?? 0) + 1
      let y = x - k
      while (x < n && y < m && a[x] === b[y]) {
        x += 1
        y += 1
      }
      v[offset + k] = x
      if (x >= n && y >= m) {
        trace.push(v.slice(offset - d, offset + d + 1))
        return walkBack(a, b, trace)
      }
    }
    trace.push(v.slice(offset - d, offset + d + 1))
  }
  return null
}

function walkBack(a: readonly string[], b: readonly string[], trace: readonly Int32Array[]): DiffLine[] {
  const reversed: DiffLine[] = []
  let x = a.length
  let y = b.length
  const same = (): void => {
    x -= 1
    y -= 1
    reversed.push({ kind: 'same', text: a[x] ?? '', aLine: x + 1, bLine: y + 1 })
  }
  for (let d = trace.length - 1; d > 0; d -= 1) {
    const previous = trace[d - 1]
    if (previous === undefined) break
    // previous[k + (d - 1)] is the furthest x on diagonal k after round d - 1.
    const at = (k: number): number => previous[k + d - 1] ?? 0
    const k = x - y
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1))
    const previousK = down ? k + 1 : k - 1
    const previousX = at(previousK)
    const previousY = previousX - previousK
    while (x > previousX && y > previousY) same()
    if (down) reversed.push({ kind: 'added', text: b[previousY] ?? '', aLine: null, bLine: previousY + 1 })
    else reversed.push({ kind: 'removed', text: a[previousX] ?? '', aLine: previousX + 1, bLine: null })
    x = previousX
    y = previousY
  }
  while (x > 0 && y > 0) same()
  return reversed.reverse()
}

/** The changed lines with `context` unchanged lines around each run; runs closer than twice that share a hunk. */
export function diffHunks(lines: readonly DiffLine[], context = 3): DiffHunk[] {
  const hunks: DiffHunk[] = []
  let start = -1
  let end = -1
  const close = (): void => {
    if (start !== -1) hunks.push({ lines: lines.slice(start, Math.min(lines.length, end + 1 + context)) })
  }
  for (let index = 0; index < lines.length; index += 1) {
    if (lines[index]?.kind === 'same') continue
    if (start === -1 || index - end > 2 * context) {
      close()
      start = Math.max(0, index - context)
    }
    end = index
  }
  close()
  return hunks
}
