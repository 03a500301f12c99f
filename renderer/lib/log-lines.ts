import type { LogBatch, LogStreamName } from '../../shared/streams'

/** Lines kept at most: beyond it the oldest go, so a container that logs for days cannot fill the page's memory. */
export const MAX_LOG_LINES = 200_000

/**
 * A log as lines, compact enough for hundreds of thousands: the texts and a one-byte
 * stream mark per line, in two plain arrays. Batches cut text anywhere, so each stream's
 * unfinished last line waits for the rest (kept per stream: stdout's half line is not
 * finished by a stderr line written in between, as the engine keeps them apart too).
 * A line appears once its newline arrives, or when the log ends.
 */
export class LogLines {
  private texts: string[] = []
  private stderrMarks: number[] = []
  /** Lines at the front that no longer count (dropped for the cap), removed in bulk now and then. */
  private first = 0
  private readonly partial: Record<LogStreamName, string> = { stdout: '', stderr: '' }
  /** Lines dropped from the front for the cap, over the whole log. */
  dropped = 0

  constructor(private readonly maxLines = MAX_LOG_LINES) {}

  get count(): number {
    return this.texts.length - this.first
  }

  /** Lines ever added, dropped ones included. */
  get total(): number {
    return this.count + this.dropped
  }

  text(index: number): string {
    return this.texts[this.first + index] ?? ''
  }

  isStderr(index: number): boolean {
    return this.stderrMarks[this.first + index] === 1
  }

  append(batch: LogBatch): void {
    for (const entry of batch.entries) {
      const pieces = entry.text.split('\n')
      // The last piece has no newline yet: it is (the start of) the next line.
      const rest = pieces.pop() ?? ''
      for (const [index, piece] of pieces.entries()) {
        this.push(index === 0 ? this.partial[entry.stream] + piece : piece, entry.stream)
      }
      this.partial[entry.stream] = pieces.length === 0 ? this.partial[entry.stream] + rest : rest
    }
    this.enforceCap()
  }

  /** The log ended: a last line without its newline is a line too. */
  finish(): void {
    for (const stream of ['stdout', 'stderr'] as const) {
      if (this.partial[stream] !== '') this.push(this.partial[stream], stream)
      this.partial[stream] = ''
    }
    this.enforceCap()
  }

  /** Every line kept, as one text (what Download saves). */
  joined(): string {
    const kept = this.texts.slice(this.first)
    return kept.length === 0 ? '' : `${kept.join('\n')}\n`
  }

  private push(text: string, stream: LogStreamName): void {
    // A TTY's lines end in \r\n; the \r would show as nothing but still count in searches.
    this.texts.push(text.endsWith('\r') ? text.slice(0, -1) : text)
    this.stderrMarks.push(stream === 'stderr' ? 1 : 0)
  }

  private enforceCap(): void {
    const over = this.count - this.maxLines
    if (over <= 0) return
    this.first += over
    this.dropped += over
    // Shifting arrays of 200,000 on every batch would cost more than the batch: compact once a quarter is dead.
    if (this.first >= this.maxLines / 4) {
      this.texts = this.texts.slice(this.first)
      this.stderrMarks = this.stderrMarks.slice(this.first)
      this.first = 0
    }
  }
}

/** A match of a search: which line, and where in it. */
export interface LineMatch {
  line: number
  start: number
  end: number
}

function escaped(query: string): RegExp {
  return new RegExp(query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'giu')
}

/** Case-insensitive matches of `query` in lines [from, to), at most `limit`. */
export function findLineMatches(lines: Pick<LogLines, 'text'>, from: number, to: number, query: string, limit: number): LineMatch[] {
  if (query === '' || limit <= 0) return []
  const pattern = escaped(query)
  const matches: LineMatch[] = []
  for (let line = from; line < to; line += 1) {
    const text = lines.text(line)
    pattern.lastIndex = 0
    for (let found = pattern.exec(text); found !== null; found = pattern.exec(text)) {
      matches.push({ line, start: found.index, end: found.index + found[0].length })
      if (matches.length >= limit) return matches
      if (found[0].length === 0) pattern.lastIndex += 1
    }
  }
  return matches
}

/** A run of one line's text: plain, or a match (current when it is the one the find box is on). */
export interface LineSegment {
  text: string
  match: 'none' | 'match' | 'current'
}

export function lineSegments(text: string, query: string, current: LineMatch | null, line: number): LineSegment[] {
  if (query === '') return [{ text, match: 'none' }]
  const segments: LineSegment[] = []
  let at = 0
  for (const found of text.matchAll(escaped(query))) {
    if (found.index > at) segments.push({ text: text.slice(at, found.index), match: 'none' })
    const isCurrent = current !== null && current.line === line && current.start === found.index
    segments.push({ text: found[0], match: isCurrent ? 'current' : 'match' })
    at = found.index + found[0].length
  }
  if (at < text.length || segments.length === 0) segments.push({ text: text.slice(at), match: 'none' })
  return segments
}
