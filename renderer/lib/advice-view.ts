import type { AdviceFinding, AdviceKind } from '../../shared/advice'

/** A run of remedy text: plain words, or a command or Dockerfile fragment to show as code. */
export interface RemedyPart {
  code: boolean
  text: string
}

/**
 * Splits remedy text on its backtick spans, so the interface can show them as code
 * without rendering HTML from strings. An unpaired backtick stays plain text.
 */
export function remedyParts(remedy: string): RemedyPart[] {
  const parts: RemedyPart[] = []
  const span = /`([^`]+)`/g
  let from = 0
  for (let match = span.exec(remedy); match !== null; match = span.exec(remedy)) {
    if (match.index > from) parts.push({ code: false, text: remedy.slice(from, match.index) })
    parts.push({ code: true, text: match[1] ?? '' })
    from = match.index + match[0].length
  }
  if (from < remedy.length) parts.push({ code: false, text: remedy.slice(from) })
  return parts
}

/** A part of a whole as a fraction in [0, 1]; nothing of nothing is 0. */
export function shareOf(part: number, whole: number): number {
  if (!(whole > 0) || !(part > 0)) return 0
  return Math.min(1, part / whole)
}

/** "12.3 %", as the Wasted panel writes its efficiency; a share too small to show one decimal says so. */
export function formatShare(share: number): string {
  if (share > 0 && share < 0.001) return '< 0.1 %'
  return `${(share * 100).toFixed(1)} %`
}

export const KIND_LABEL: Record<AdviceKind, string> = {
  wasted: 'wasted',
  removable: 'removable',
  duplicate: 'duplicate',
}

/** Tells the findings of one cause apart in the list and in test selectors. */
export function findingKey(finding: AdviceFinding): string {
  const stored = finding.storedBy.map((layer) => layer.index).join(',')
  return `${finding.cause}|${finding.cache ?? ''}|${stored}|${String(finding.hiddenBy?.index ?? '')}`
}

/** The advisor panel's element ID: the image header's chip moves focus there. */
export const ADVICE_PANEL_ID = 'files-advice-panel'
