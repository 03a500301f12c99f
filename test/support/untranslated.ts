import type { Page } from 'playwright-core'
import { en } from '../../renderer/i18n/messages/en'
import { zhCN } from '../../renderer/i18n/messages/zh-CN'

/** Every message text of a locale's tree but the names of keyboard keys, which the page shows as <kbd> in any language. */
function messageTexts(tree: object): string[] {
  return Object.entries(tree).flatMap(([key, value]: [string, unknown]) => {
    if (key === 'keys') return []
    return typeof value === 'object' && value !== null ? messageTexts(value) : [String(value)]
  })
}

const latinWords = (text: string): string[] => (text.replace(/\{\w+\}/g, ' ').match(/[A-Za-z]{3,}/g) ?? []).map((word) => word.toLowerCase())

/**
 * Tokens that look like data rather than wording: paths, references, IDs, sizes, key=value,
 * and words in capitals (Dockerfile instructions, variable names), which no language translates.
 */
const looksLikeData = (token: string): boolean => /[/:.=@_\d]/.test(token) || /^[^a-z]*[A-Z]{2,}[^a-z]*$/.test(token)

/** The words of a text outside its data-like tokens. */
const wordsOutsideData = (text: string): string[] =>
  text
    .replace(/\{\w+\}/g, ' ')
    .split(/\s+/)
    .filter((token) => !looksLikeData(token))
    .flatMap(latinWords)

/**
 * The words of Strata's English wording that its Chinese wording never uses: seeing one
 * on a zh-CN page means a string was not translated. Words Chinese keeps in Latin script
 * (Dockerfile, RUN, digest names, units) appear in some zh-CN message and so are not here.
 */
export const ENGLISH_ONLY_WORDS: ReadonlySet<string> = (() => {
  const kept = new Set(messageTexts(zhCN).flatMap(wordsOutsideData))
  return new Set(messageTexts(en).flatMap(latinWords).filter((word) => !kept.has(word)))
})()

/**
 * Runs in the page (as source text: the test's TypeScript has no DOM types). Data (names,
 * paths, commands, logs, terminals) is marked translate="no" or sits in code-like elements.
 */
const COLLECT_TEXTS = `(() => {
  const SKIP = '[translate="no"], code, pre, kbd, samp, script, style, textarea, .xterm'
  const found = []
  const shown = (element) => element.getClientRects().length > 0 && getComputedStyle(element).visibility !== 'hidden'
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    const parent = node.parentElement
    const text = (node.textContent ?? '').trim()
    if (text === '' || parent === null || parent.closest(SKIP) !== null || !shown(parent)) continue
    found.push(text)
  }
  for (const element of document.body.querySelectorAll('[title], [aria-label], [placeholder], [alt]')) {
    if (element.closest(SKIP) !== null || !shown(element)) continue
    for (const name of ['title', 'aria-label', 'placeholder', 'alt']) {
      const value = (element.getAttribute(name) ?? '').trim()
      if (value !== '') found.push(value)
    }
  }
  return found
})()`

/** What a page shows a reader: visible text nodes and the names and hints of its elements. */
export async function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(COLLECT_TEXTS)
}

/**
 * The texts on a zh-CN page that are neither Chinese wording nor data: those with an
 * English-only word of Strata's own wording once tokens that look like data (paths,
 * references, IDs, sizes, key=value) and the given data strings are taken out.
 */
export async function untranslatedTexts(page: Page, data: readonly string[] = []): Promise<string[]> {
  const texts = await visibleTexts(page)
  const flagged = new Set<string>()
  for (const text of texts) {
    let rest = text
    for (const datum of data) rest = rest.split(datum).join(' ')
    if (wordsOutsideData(rest).some((word) => ENGLISH_ONLY_WORDS.has(word))) flagged.add(text)
  }
  return [...flagged]
}
