import type { CommitChanges, HealthcheckChange } from './types'

/**
 * Reads Dockerfile lines as `docker commit --change` takes them into structured
 * CommitChanges, so that typed lines and form fields go through one validation.
 * Quotes and escapes are read as the engine reads them; $VARIABLES are refused
 * because the engine would expand them against the container's environment,
 * which this pure parser cannot see.
 */

export type ParsedChanges = { ok: true; changes: CommitChanges } | { ok: false; message: string }

const SUPPORTED = ['CMD', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'LABEL', 'USER', 'WORKDIR', 'VOLUME', 'STOPSIGNAL', 'HEALTHCHECK', 'ONBUILD']

class ChangeSyntaxError extends Error {}

/** Splits at white space outside quotes, keeping quotes and escapes in the words. */
function rawWords(text: string): string[] {
  const words: string[] = []
  let word: string | null = null
  let quote: string | null = null
  for (let at = 0; at < text.length; at++) {
    const char = text.charAt(at)
    if (quote === null && /\s/.test(char)) {
      if (word !== null) words.push(word)
      word = null
      continue
    }
    word = (word ?? '') + char
    if (char === '\\' && quote !== "'" && at + 1 < text.length) {
      word += text.charAt(++at)
    } else if (quote === null && (char === '"' || char === "'")) {
      quote = char
    } else if (char === quote) {
      quote = null
    }
  }
  if (quote !== null) throw new ChangeSyntaxError(`a ${quote === '"' ? 'double' : 'single'} quote is not closed in: ${text}`)
  if (word !== null) words.push(word)
  return words
}

/** Removes quotes and escapes; white space inside is kept. */
function unquote(text: string): string {
  let out = ''
  let quote: string | null = null
  for (let at = 0; at < text.length; at++) {
    const char = text.charAt(at)
    const next = text.charAt(at + 1)
    if (quote === "'") {
      if (char === "'") quote = null
      else out += char
    } else if (char === '\\' && next !== '' && (quote === null || '"$\\'.includes(next))) {
      out += next
      at++
    } else if (char === '$' && /[A-Za-z0-9_{]/.test(next)) {
      throw new ChangeSyntaxError(`'${text}' refers to a variable: write the value out, or escape the $ as \\$`)
    } else if (char === '"' || (char === "'" && quote === null)) {
      quote = quote === null ? char : null
    } else {
      out += char
    }
  }
  if (quote !== null) throw new ChangeSyntaxError(`a quote is not closed in: ${text}`)
  return out
}

function jsonList(text: string): string[] | null {
  if (!text.startsWith('[')) return null
  try {
    const parsed: unknown = JSON.parse(text)
    return Array.isArray(parsed) && parsed.every((item) => typeof item === 'string') ? parsed : null
  } catch {
    return null
  }
}

/** Exec form when the text is a JSON list of strings; otherwise shell form, run by /bin/sh -c. */
function command(text: string, instruction: string): string[] {
  if (text === '') throw new ChangeSyntaxError(`${instruction} needs a command`)
  return jsonList(text) ?? ['/bin/sh', '-c', text]
}

/** NAME=value pairs, or the old form NAME value (the value being the rest of the line). */
function keyValues(text: string, instruction: string): [string, string][] {
  const words = rawWords(text)
  const first = words[0]
  if (first === undefined) throw new ChangeSyntaxError(`${instruction} needs name=value`)
  if (!first.includes('=')) {
    const old = /^(\S+)\s+(\S[\s\S]*)$/.exec(text)
    if (old === null) throw new ChangeSyntaxError(`${instruction} ${first} has no value: write ${instruction} ${first}=value`)
    return [[unquote(old[1] ?? ''), unquote(old[2] ?? '')]]
  }
  return words.map((word): [string, string] => {
    const equals = word.indexOf('=')
    if (equals === -1) throw new ChangeSyntaxError(`'${word}' in ${instruction} is not name=value`)
    return [unquote(word.slice(0, equals)), unquote(word.slice(equals + 1))]
  })
}

const DURATION_UNITS: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 }

/** Go's duration syntax, which HEALTHCHECK options use: 30s, 1m30s, 500ms. */
export function parseDuration(text: string): number | null {
  if (!/^(?:(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:ns|us|µs|ms|s|m|h))+$/.test(text)) return null
  let seconds = 0
  for (const [, amount, unit] of text.matchAll(/([0-9.]+)(ns|us|µs|ms|s|m|h)/g)) seconds += Number(amount) * (DURATION_UNITS[unit ?? 's'] ?? 1)
  return seconds
}

const HEALTHCHECK_OPTIONS: Record<string, 'intervalSeconds' | 'timeoutSeconds' | 'startPeriodSeconds' | 'retries'> = {
  interval: 'intervalSeconds',
  timeout: 'timeoutSeconds',
  'start-period': 'startPeriodSeconds',
  retries: 'retries',
}

function healthcheck(text: string): HealthcheckChange {
  let rest = text
  const options: Partial<Record<'intervalSeconds' | 'timeoutSeconds' | 'startPeriodSeconds' | 'retries', number>> = {}
  for (let option = /^--([a-z-]+)=(\S*)\s*/.exec(rest); option !== null; option = /^--([a-z-]+)=(\S*)\s*/.exec(rest)) {
    const [whole, name = '', value = ''] = option
    const field = HEALTHCHECK_OPTIONS[name]
    if (field === undefined) throw new ChangeSyntaxError(`HEALTHCHECK has no option --${name} (it takes --interval, --timeout, --start-period, --retries)`)
    const number = field === 'retries' ? (/^[0-9]+$/.test(value) ? Number(value) : null) : parseDuration(value)
    if (number === null) throw new ChangeSyntaxError(`HEALTHCHECK --${name}=${value} is not ${field === 'retries' ? 'a whole number' : 'a duration such as 30s, 1m30s or 500ms'}`)
    options[field] = number
    rest = rest.slice(whole.length)
  }
  const kind = /^(\S+)\s*([\s\S]*)$/.exec(rest)
  const keyword = kind?.[1]?.toUpperCase()
  if (keyword === 'NONE' && kind?.[2] === '' && Object.keys(options).length === 0) return { none: true }
  if (keyword === 'NONE') throw new ChangeSyntaxError('HEALTHCHECK NONE takes no options and nothing after it')
  if (keyword !== 'CMD') throw new ChangeSyntaxError('HEALTHCHECK takes NONE, or [options] CMD followed by the command')
  return { test: command(kind?.[2] ?? '', 'HEALTHCHECK CMD'), ...options }
}

function applyLine(changes: CommitChanges, instruction: string, rest: string): void {
  switch (instruction) {
    case 'CMD':
    case 'ENTRYPOINT':
      changes[instruction === 'CMD' ? 'cmd' : 'entrypoint'] = command(rest, instruction)
      return
    case 'ENV':
      for (const [key, value] of keyValues(rest, 'ENV')) {
        // A name given twice keeps its first place, as the engine replaces variables in place.
        const env = changes.env ?? []
        const at = env.findIndex((entry) => entry.split('=')[0] === key)
        changes.env = at === -1 ? [...env, `${key}=${value}`] : env.map((entry, index) => (index === at ? `${key}=${value}` : entry))
      }
      return
    case 'LABEL':
      changes.labels = { ...changes.labels, ...Object.fromEntries(keyValues(rest, 'LABEL')) }
      return
    case 'EXPOSE':
    case 'VOLUME': {
      const values = (instruction === 'VOLUME' ? jsonList(rest) : null) ?? rawWords(rest)
      if (values.length === 0) throw new ChangeSyntaxError(`${instruction} needs at least one ${instruction === 'EXPOSE' ? 'port' : 'path'}`)
      const field = instruction === 'EXPOSE' ? 'expose' : 'volumes'
      changes[field] = [...new Set([...(changes[field] ?? []), ...values.map(unquote)])]
      return
    }
    case 'USER':
    case 'WORKDIR':
    case 'STOPSIGNAL': {
      if (rest === '') throw new ChangeSyntaxError(`${instruction} needs a value`)
      changes[instruction === 'USER' ? 'user' : instruction === 'WORKDIR' ? 'workdir' : 'stopSignal'] = unquote(rest)
      return
    }
    case 'HEALTHCHECK':
      changes.healthcheck = healthcheck(rest)
      return
    default:
      if (rest === '') throw new ChangeSyntaxError('ONBUILD needs an instruction to run later')
      changes.onbuild = [...(changes.onbuild ?? []), rest]
  }
}

/** Reads `--change` lines in order; later lines override earlier ones as in a Dockerfile. */
export function parseChangeLines(lines: readonly string[]): ParsedChanges {
  const changes: CommitChanges = {}
  for (const line of lines) {
    const match = /^\s*(\S+)\s*([\s\S]*?)\s*$/.exec(line)
    const instruction = match?.[1]?.toUpperCase()
    if (match === null || instruction === undefined) return { ok: false, message: 'a change line is empty' }
    if (!SUPPORTED.includes(instruction)) {
      return { ok: false, message: `${instruction} cannot be applied by a commit; the changes a commit takes are ${SUPPORTED.join(', ')}` }
    }
    try {
      applyLine(changes, instruction, match[2] ?? '')
    } catch (error) {
      if (error instanceof ChangeSyntaxError) return { ok: false, message: error.message }
      throw error
    }
  }
  return { ok: true, changes }
}
