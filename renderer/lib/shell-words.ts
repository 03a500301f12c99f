/**
 * A command typed on one line, split into arguments as a POSIX shell would split
 * it (quotes and backslashes, no expansion), or a JSON array of strings. The run
 * dialog reads its command and entrypoint with it, so what works in a terminal
 * after `docker run IMAGE` works there too.
 */

import type { Translate } from '../i18n/translator'

export type Words = { ok: true; words: string[] } | { ok: false; message: string }

function jsonWords(text: string, t: Translate): Words {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    return { ok: false, message: t('run.words.notJsonArray', { reason: error instanceof Error ? error.message : String(error) }) }
  }
  if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === 'string')) return { ok: false, message: t('run.words.onlyStrings') }
  return { ok: true, words: parsed }
}

/** In double quotes a backslash escapes only these, as in sh. */
const ESCAPABLE_IN_DOUBLE = new Set(['"', '\\', '$', '`', '\n'])

/** Problems are worded by `t`, in the caller's language. */
export function splitShellWords(text: string, t: Translate): Words {
  const trimmed = text.trim()
  if (/^\[\s*("|\])/.test(trimmed)) return jsonWords(trimmed, t)
  const words: string[] = []
  let word = ''
  let inWord = false
  let quote: "'" | '"' | null = null
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charAt(index)
    if (quote === "'") {
      if (char === "'") quote = null
      else word += char
    } else if (quote === '"') {
      if (char === '"') quote = null
      else if (char === '\\' && ESCAPABLE_IN_DOUBLE.has(text.charAt(index + 1))) {
        index += 1
        word += text.charAt(index)
      } else word += char
    } else if (char === "'" || char === '"') {
      quote = char
      inWord = true
    } else if (char === '\\') {
      if (index + 1 >= text.length) return { ok: false, message: t('run.words.loneBackslash') }
      index += 1
      word += text.charAt(index)
      inWord = true
    } else if (/\s/.test(char)) {
      if (inWord) words.push(word)
      word = ''
      inWord = false
    } else {
      word += char
      inWord = true
    }
  }
  if (quote !== null) return { ok: false, message: t(quote === "'" ? 'run.words.singleQuoteOpen' : 'run.words.doubleQuoteOpen') }
  if (inWord) words.push(word)
  return { ok: true, words }
}
