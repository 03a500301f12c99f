/**
 * Reads a `.dive-ci` file: the string values under its top-level `rules:` mapping.
 *
 * dive (cmd/dive/cli/internal/options/ci.go) unmarshals the file with yaml.v3 into
 * `rules: {lowestEfficiency, highestWastedBytes, highestUserWastedPercent}`, all
 * strings: a scalar's text is taken as written (0.95 stays "0.95"), a null or missing
 * value keeps the default, a quoted "" is an empty string (which disables the rule),
 * unknown keys are ignored, and a mapping or list where a string goes is an error.
 * This parser reads that subset of YAML: block mappings, plain and quoted scalars,
 * comments. What it cannot read (flow collections, anchors, block scalars, multi-line
 * scalars) inside `rules:` is an error naming the line; outside `rules:` it is skipped.
 */

export class CiConfigError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    message: string,
  ) {
    // Line 0: the file as a whole (missing, unreadable).
    super(line === 0 ? `${file}: ${message}` : `${file}:${String(line)}: ${message}`)
  }
}

/** A rule's value as written, with the line it is on; null for a YAML null (the default stays). */
export interface FileRule {
  value: string | null
  line: number
}

interface Line {
  number: number
  indent: number
  text: string
}

/** Cuts a comment: `#` at the start or after a blank, outside quotes. */
function withoutComment(text: string): string {
  let quote: string | null = null
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]
    if (quote !== null) {
      if (char === '\\' && quote === '"') index += 1
      else if (char === quote) quote = null
    } else if (char === "'" || char === '"') {
      if (index === 0 || /[\s:[{,-]/.test(text[index - 1] ?? '')) quote = char
    } else if (char === '#' && (index === 0 || /\s/.test(text[index - 1] ?? ''))) {
      return text.slice(0, index)
    }
  }
  return text
}

function meaningfulLines(text: string, file: string): Line[] {
  const lines: Line[] = []
  const raw = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  for (const [index, full] of raw.entries()) {
    const number = index + 1
    const content = withoutComment(full).trimEnd()
    if (content.trim() === '') continue
    const indent = /^ */.exec(content)?.[0].length ?? 0
    if (content[indent] === '\t') throw new CiConfigError(file, number, 'tabs cannot indent YAML; use spaces')
    if (indent === 0 && content === '---') {
      // A document start: only the first document is read, as yaml.v3's Unmarshal does.
      if (lines.length > 0) break
      continue
    }
    if (indent === 0 && content === '...') break
    lines.push({ number, indent, text: content.slice(indent) })
  }
  return lines
}

const DOUBLE_ESCAPES: Record<string, string> = { '0': '\0', a: '\x07', b: '\b', t: '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\u0085', _: '\u00a0' }

/** A quoted scalar at the start of `text`: its value and what follows it. */
function quoted(text: string, file: string, line: number): { value: string; rest: string } {
  const quote = text[0]
  let value = ''
  for (let index = 1; index < text.length; index += 1) {
    const char = text[index] ?? ''
    if (quote === "'" && char === "'") {
      if (text[index + 1] === "'") {
        value += "'"
        index += 1
        continue
      }
      return { value, rest: text.slice(index + 1) }
    }
    if (quote === '"' && char === '"') return { value, rest: text.slice(index + 1) }
    if (quote === '"' && char === '\\') {
      const next = text[index + 1] ?? ''
      const hex = { x: 2, u: 4, U: 8 }[next]
      if (hex !== undefined) {
        const digits = text.slice(index + 2, index + 2 + hex)
        if (!new RegExp(`^[0-9a-fA-F]{${String(hex)}}$`).test(digits)) throw new CiConfigError(file, line, `bad escape \\${next}${digits}`)
        value += String.fromCodePoint(parseInt(digits, 16))
        index += 1 + hex
        continue
      }
      const escaped = DOUBLE_ESCAPES[next]
      if (escaped === undefined) throw new CiConfigError(file, line, `unknown escape \\${next}`)
      value += escaped
      index += 1
      continue
    }
    value += char
  }
  throw new CiConfigError(file, line, 'a quoted value must end on its own line')
}

/** A scalar value as yaml.v3 hands it to a string: null for a plain null, else the text. */
function scalar(text: string, file: string, line: number): string | null {
  const value = text.trim()
  if (value === '' || value === '~' || value === 'null' || value === 'Null' || value === 'NULL') return null
  if (value.startsWith("'") || value.startsWith('"')) {
    const { value: inner, rest } = quoted(value, file, line)
    if (rest.trim() !== '') throw new CiConfigError(file, line, `unexpected "${rest.trim()}" after a quoted value`)
    return inner
  }
  if (/^[[{]/.test(value)) throw new CiConfigError(file, line, 'flow collections ({...} or [...]) are not read here: write one key per line')
  if (/^[&*!|>%@`]/.test(value)) throw new CiConfigError(file, line, `"${value}": anchors, aliases, tags and block scalars are not read here`)
  if (/:(\s|$)/.test(value)) throw new CiConfigError(file, line, `"${value}": a mapping value is not allowed here`)
  return value
}

/** `key: rest` on one line; null when the line is no mapping entry. */
function keyOf(text: string, file: string, line: number): { key: string; rest: string } | null {
  if (/^-(\s|$)/.test(text)) return null
  if (text.startsWith("'") || text.startsWith('"')) {
    const { value, rest } = quoted(text, file, line)
    const colon = /^\s*:(\s|$)/.exec(rest)
    return colon === null ? null : { key: value, rest: rest.slice(colon[0].length) }
  }
  const match = /^([^\s#'"?:][^:]*?|[^\s#'"?][^\s]*?)\s*:(\s|$)/.exec(text)
  if (match === null) return null
  return { key: match[1] ?? '', rest: text.slice(match[0].length) }
}

/** The `rules:` mapping of a `.dive-ci` file, each key with its value and line. */
export function parseDiveCiYaml(text: string, file: string): Map<string, FileRule> {
  const lines = meaningfulLines(text, file)
  const rules = new Map<string, FileRule>()
  const first = lines[0]
  if (first === undefined) return rules
  if (first.indent !== 0 && lines.some((line) => line.indent < first.indent)) throw new CiConfigError(file, first.number, 'the top level is indented unevenly')
  const top = first.indent
  const seen = new Set<string>()
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index]
    if (line === undefined || line.indent > top) continue
    const entry = keyOf(line.text, file, line.number)
    if (entry === null) throw new CiConfigError(file, line.number, line.text.startsWith('-') ? 'the file must be a mapping with a rules: key, not a list' : `"${line.text}" is not a "key: value" line`)
    if (seen.has(entry.key)) throw new CiConfigError(file, line.number, `the key "${entry.key}" is already defined`)
    seen.add(entry.key)
    if (entry.key !== 'rules') continue
    const body: Line[] = []
    while (lines[index + 1] !== undefined && (lines[index + 1]?.indent ?? 0) > top) body.push(lines[(index += 1)] as Line)
    const inline = scalar(entry.rest, file, line.number)
    if (inline !== null) throw new CiConfigError(file, line.number, 'rules: must be a mapping of rule names to values')
    readRules(body, file, rules)
  }
  return rules
}

function readRules(body: Line[], file: string, rules: Map<string, FileRule>): void {
  const indent = body[0]?.indent ?? 0
  const seen = new Set<string>()
  let owner: string | null = null
  for (const [index, line] of body.entries()) {
    if (line.indent < indent) throw new CiConfigError(file, line.number, 'the rules are indented unevenly')
    if (line.indent > indent) {
      // A block under an unknown key is skipped, as yaml.v3 skips unknown fields.
      if (owner !== null && !isRuleKey(owner)) continue
      throw new CiConfigError(file, line.number, `${owner ?? 'a rule'} must be a single value on one line`)
    }
    const entry = keyOf(line.text, file, line.number)
    if (entry === null) throw new CiConfigError(file, line.number, `"${line.text}" is not a "rule: value" line`)
    if (seen.has(entry.key)) throw new CiConfigError(file, line.number, `the rule "${entry.key}" is already defined`)
    seen.add(entry.key)
    owner = entry.key
    if (!isRuleKey(entry.key)) continue
    const nested = (body[index + 1]?.indent ?? -1) > indent
    if (nested && entry.rest.trim() === '') throw new CiConfigError(file, line.number, `${entry.key} must be a value such as 0.9 or disabled, not a mapping or list`)
    rules.set(entry.key, { value: scalar(entry.rest, file, line.number), line: line.number })
  }
}

/** The rule keys this file may set: dive's three and Strata's own. */
export const RULE_KEYS = ['lowestEfficiency', 'highestWastedBytes', 'highestUserWastedPercent', 'strataLowestEfficiency', 'strataHighestWastedBytes', 'strataHighestWastedPercent'] as const
export type RuleKey = (typeof RULE_KEYS)[number]

export function isRuleKey(key: string): key is RuleKey {
  return (RULE_KEYS as readonly string[]).includes(key)
}
