import type { AdviceFinding, AdviceLayer } from '../../shared/advice'
import type { Translate } from '../i18n/translator'

/** The numbers a finding's wording writes, in the reader's locale (useFormat() or localeFormat()). */
export interface AdviceNumbers {
  number: (value: number) => string
  bytes: (bytes: number) => string
}

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

/**
 * "12.3 %" ("12.3%" in Chinese), as the Wasted panel writes its efficiency; a share too
 * small to show one decimal says so. One decimal always, so figures line up as they change.
 */
export function formatShare(share: number, t: Translate): string {
  if (share > 0 && share < 0.001) return t('files.shareTiny')
  return t('files.share', { value: (share * 100).toFixed(1) })
}

/**
 * The advisor's findings in the reader's language. The CLI words them through
 * shared/advice-text (English only); these say the same from the message files.
 */
export function findingTitle(finding: AdviceFinding, t: Translate): string {
  return finding.cause === 'package-cache' && finding.cache !== undefined ? t(`files.advice.cache.${finding.cache}`) : t(`files.advice.cause.${finding.cause}`)
}

/** "layer 3 (RUN apt-get install …)", the instruction cut at 80 characters as the CLI does. */
export function layerName(layer: AdviceLayer, t: Translate): string {
  const instruction = layer.createdBy.length > 80 ? `${layer.createdBy.slice(0, 79)}…` : layer.createdBy
  return instruction === '' ? t('files.layerNumber', { layer: layer.index }) : t('files.advice.layerName', { layer: layer.index, instruction })
}

/** The first three layers by name, then how many more. */
function layersNamed(layers: readonly AdviceLayer[], t: Translate, numbers: AdviceNumbers): string {
  const names = layers
    .slice(0, 3)
    .map((layer) => layerName(layer, t))
    .join(t('files.listSeparator'))
  return layers.length > 3 ? t('files.advice.andMore', { names, n: numbers.number(layers.length - 3) }) : names
}

/** What happened, naming the instructions involved. */
export function findingSummary(finding: AdviceFinding, t: Translate, numbers: AdviceNumbers): string {
  const files = t('units.files', { count: numbers.number(finding.files) }, finding.files)
  const what = t('files.advice.what', { files, bytes: numbers.bytes(finding.bytes) })
  const stored = layersNamed(finding.storedBy, t, numbers)
  const hider = finding.hiddenBy === null ? '' : layerName(finding.hiddenBy, t)
  return t(`files.advice.summary.${finding.cause}`, { what, stored, hider, title: findingTitle(finding, t) })
}

/** The usual Dockerfile fix; backtick spans are code (see remedyParts). */
export function findingRemedy(finding: AdviceFinding, t: Translate): string {
  if (finding.cause === 'package-cache' && finding.cache !== undefined) return t(`files.advice.cacheRemedy.${finding.cache}`)
  return t(`files.advice.remedy.${finding.cause}`)
}

/** Tells the findings of one cause apart in the list and in test selectors. */
export function findingKey(finding: AdviceFinding): string {
  const stored = finding.storedBy.map((layer) => layer.index).join(',')
  return `${finding.cause}|${finding.cache ?? ''}|${stored}|${String(finding.hiddenBy?.index ?? '')}`
}

/** The advisor panel's element ID: the image header's chip moves focus there. */
export const ADVICE_PANEL_ID = 'files-advice-panel'
