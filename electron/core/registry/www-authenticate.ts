/** One challenge of a WWW-Authenticate header: the scheme and its parameters (names lower-cased). */
export interface AuthChallenge {
  scheme: string
  params: Record<string, string>
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+/

/**
 * Parses a WWW-Authenticate header (RFC 7235): one or more challenges, each a scheme
 * then comma-separated name=value pairs whose values may be quoted strings with
 * backslash escapes. Commas inside quotes (a Bearer scope listing several actions) stay.
 */
export function parseWwwAuthenticate(header: string): AuthChallenge[] {
  const challenges: AuthChallenge[] = []
  let rest = header.trim()
  let current: AuthChallenge | null = null
  while (rest !== '') {
    rest = rest.replace(/^[\s,]+/, '')
    const name = TOKEN.exec(rest)?.[0]
    if (name === undefined) break
    rest = rest.slice(name.length)
    const equals = /^\s*=\s*/.exec(rest)
    if (equals === null || current === null) {
      // A token not followed by '=' starts a new challenge (its scheme).
      current = { scheme: name.toLowerCase(), params: {} }
      challenges.push(current)
      continue
    }
    rest = rest.slice(equals[0].length)
    let value: string
    if (rest.startsWith('"')) {
      let index = 1
      value = ''
      while (index < rest.length && rest[index] !== '"') {
        if (rest[index] === '\\' && index + 1 < rest.length) index += 1
        value += rest[index] ?? ''
        index += 1
      }
      rest = rest.slice(index + 1)
    } else {
      value = /^[^,\s]*/.exec(rest)?.[0] ?? ''
      rest = rest.slice(value.length)
    }
    current.params[name.toLowerCase()] = value
  }
  return challenges
}
