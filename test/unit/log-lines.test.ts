import { describe, expect, it } from 'vitest'
import { findLineMatches, lineSegments, LogLines } from '../../renderer/lib/log-lines'
import { sinceValue } from '../../renderer/lib/log-since'
import type { LogBatch, LogStreamName } from '../../shared/streams'

function batch(...entries: [LogStreamName, string][]): LogBatch {
  return { entries: entries.map(([stream, text]) => ({ stream, text })) }
}

function shown(lines: LogLines): string[] {
  return Array.from({ length: lines.count }, (_, index) => `${lines.isStderr(index) ? 'E' : 'O'} ${lines.text(index)}`)
}

describe('the log line store', () => {
  it('splits entries holding many lines, and lines spanning entries and batches', () => {
    const lines = new LogLines()
    lines.append(batch(['stdout', 'one\ntwo\nthr'], ['stdout', 'ee\nfo']))
    expect(shown(lines)).toEqual(['O one', 'O two', 'O three'])
    lines.append(batch(['stdout', 'u']))
    lines.append(batch(['stdout', 'r\n\nfive\n']))
    expect(shown(lines)).toEqual(['O one', 'O two', 'O three', 'O four', 'O ', 'O five'])
  })

  it('marks each line with its stream, and keeps each stream\'s unfinished line apart', () => {
    const lines = new LogLines()
    lines.append(batch(['stdout', 'out 1\nhalf'], ['stderr', 'err 1\n'], ['stdout', ' done\n'], ['stderr', 'err 2']))
    expect(shown(lines)).toEqual(['O out 1', 'E err 1', 'O half done'])
    // The last line without its newline is one when the log ends.
    lines.finish()
    expect(shown(lines)).toEqual(['O out 1', 'E err 1', 'O half done', 'E err 2'])
    expect(lines.joined()).toBe('out 1\nerr 1\nhalf done\nerr 2\n')
  })

  it('drops a terminal\'s carriage return at the end of a line', () => {
    const lines = new LogLines()
    lines.append(batch(['stdout', 'tty line\r\nnext\r\n']))
    expect(shown(lines)).toEqual(['O tty line', 'O next'])
  })

  it('keeps at most its cap, dropping the oldest lines and counting them', () => {
    const lines = new LogLines(100)
    for (let start = 0; start < 1000; start += 70) {
      const text = Array.from({ length: 70 }, (_, offset) => `${String(start + offset)}\n`).join('')
      lines.append(batch([start % 140 === 0 ? 'stdout' : 'stderr', text]))
    }
    // 15 batches of 70: 1050 lines, the newest 100 kept.
    expect(lines.count).toBe(100)
    expect(lines.dropped).toBe(950)
    expect(lines.total).toBe(1050)
    expect(lines.text(0)).toBe('950')
    expect(lines.text(99)).toBe('1049')
    // 1050 % 140: lines 980..1049 came in a batch with start 980 (980 % 140 === 0: stdout); 950..979 in stderr's.
    expect(lines.isStderr(0)).toBe(true)
    expect(lines.isStderr(99)).toBe(false)
    expect(lines.joined().split('\n').length).toBe(101)
  })

  it('starts empty', () => {
    const lines = new LogLines()
    lines.finish()
    expect(lines.count).toBe(0)
    expect(lines.joined()).toBe('')
  })
})

describe('searching a log', () => {
  const lines = new LogLines()
  lines.append(batch(['stdout', 'GET /a 200\nGET /b 404\n'], ['stderr', 'error: get failed, get again\n']))

  it('finds every match by line, case-insensitive, up to a limit, in a range of lines', () => {
    expect(findLineMatches(lines, 0, lines.count, 'get', 100)).toEqual([
      { line: 0, start: 0, end: 3 },
      { line: 1, start: 0, end: 3 },
      { line: 2, start: 7, end: 10 },
      { line: 2, start: 19, end: 22 },
    ])
    expect(findLineMatches(lines, 2, 3, 'get', 1)).toEqual([{ line: 2, start: 7, end: 10 }])
    expect(findLineMatches(lines, 0, lines.count, '', 100)).toEqual([])
    expect(findLineMatches(lines, 0, lines.count, '/b (', 100)).toEqual([])
  })

  it('cuts a line into plain runs and matches, marking the current one', () => {
    expect(lineSegments('error: get failed, get again', 'GET', { line: 2, start: 19, end: 22 }, 2)).toEqual([
      { text: 'error: ', match: 'none' },
      { text: 'get', match: 'match' },
      { text: ' failed, ', match: 'none' },
      { text: 'get', match: 'current' },
      { text: ' again', match: 'none' },
    ])
    expect(lineSegments('plain', '', null, 0)).toEqual([{ text: 'plain', match: 'none' }])
    expect(lineSegments('', 'x', null, 0)).toEqual([{ text: '', match: 'none' }])
  })
})

describe('the Logs tab\'s since choices', () => {
  it('map to Unix seconds back from now, or nothing for the whole log', () => {
    const now = Date.UTC(2026, 11, 4, 12, 0, 0, 700)
    const seconds = Math.floor(now / 1000)
    expect(sinceValue('all', now)).toBeUndefined()
    expect(sinceValue('5m', now)).toBe(String(seconds - 300))
    expect(sinceValue('1h', now)).toBe(String(seconds - 3600))
    expect(sinceValue('24h', now)).toBe(String(seconds - 86_400))
  })
})
