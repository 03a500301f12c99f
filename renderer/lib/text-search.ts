import type { Translate } from '../i18n/translator'
/**
 * Finding a query in a long text (an inspect answer), for a view that highlights
 * every match and steps through them. Case-insensitive by a regular expression of
 * the escaped query, so match offsets are offsets into the text itself (lowercasing
 * the text could change its length).
 */

export interface TextMatch {
  start: number
  end: number
}

/** Most matches highlighted at once: a one-letter query over a big answer would otherwise make tens of thousands of nodes. */
export const MATCH_LIMIT = 5000

export function findMatches(text: string, query: string, limit = MATCH_LIMIT): TextMatch[] {
  if (query === '') return []
  const pattern = new RegExp(query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'giu')
  const matches: TextMatch[] = []
  for (const found of text.matchAll(pattern)) {
    matches.push({ start: found.index, end: found.index + found[0].length })
    if (matches.length >= limit) break
  }
  return matches
}

/** A run of the text: plain, or the match with this index. */
export interface TextSegment {
  text: string
  match: number | null
}

export function segmentsOf(text: string, matches: readonly TextMatch[]): TextSegment[] {
  const segments: TextSegment[] = []
  let at = 0
  for (const [index, match] of matches.entries()) {
    if (match.start > at) segments.push({ text: text.slice(at, match.start), match: null })
    segments.push({ text: text.slice(match.start, match.end), match: index })
    at = match.end
  }
  if (at < text.length || segments.length === 0) segments.push({ text: text.slice(at), match: null })
  return segments
}

/** The next (or previous) match, wrapping around; -1 when there are none. */
export function stepMatch(current: number, count: number, backwards: boolean): number {
  if (count === 0) return -1
  if (current < 0) return backwards ? count - 1 : 0
  return backwards ? (current - 1 + count) % count : (current + 1) % count
}

/** "3 of 12", "No matches", or nothing before anything is asked; worded by `t`, digits by `number`. */
export function matchCounter(current: number, count: number, query: string, t: Translate, number: (value: number) => string = String, limit = MATCH_LIMIT): string {
  if (query === '') return ''
  if (count === 0) return t('shell.find.noMatches')
  const total = count >= limit ? t('shell.find.atLeast', { n: number(limit) }) : number(count)
  return t('shell.find.counter', { current: number(current + 1), count: total })
}
