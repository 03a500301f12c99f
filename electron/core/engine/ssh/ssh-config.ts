/**
 * A reader for the parts of ssh_config(5) that decide where and as whom Strata
 * connects: Host blocks with their patterns, HostName, User, Port, IdentityFile,
 * IdentityAgent, UserKnownHostsFile and HashKnownHosts. Pure: text in, settings out.
 *
 * Semantics follow ssh(1): for each keyword the first value obtained wins, in
 * file order, across every block whose patterns match; IdentityFile and
 * UserKnownHostsFile lines add up instead. `Match` blocks (conditions Strata
 * cannot evaluate faithfully) and `Include` lines are skipped, and said so.
 */

/** One `Host` block (or the lines before the first one, which apply to every host). */
export interface SshConfigBlock {
  /** The patterns of the Host line; ['*'] for the lines before the first Host. */
  patterns: string[]
  /** Keyword (lower case) and its arguments, in file order. */
  options: { keyword: string; args: string[]; line: number }[]
}

export interface SshConfigFile {
  blocks: SshConfigBlock[]
  /** Lines read but not applied, with why (Match blocks, Include). */
  skipped: { line: number; reason: string }[]
}

/** What the config says about one host, before any token or ~ expansion. */
export interface SshHostSettings {
  hostName: string | null
  user: string | null
  port: number | null
  identityFiles: string[]
  identityAgent: string | null
  userKnownHostsFiles: string[]
  hashKnownHosts: boolean | null
}

/** Splits a config line into words: the keyword ends at whitespace or one "=" (spaces around it allowed); double quotes group arguments. */
export function splitConfigLine(text: string): string[] {
  const head = /^([^\s=]+)(?:\s*=\s*|\s+|$)(.*)$/.exec(text.trim())
  if (head === null) return []
  const words = [head[1] ?? '']
  let current = ''
  let quoted = false
  let inWord = false
  for (const char of head[2] ?? '') {
    if (char === '"') {
      quoted = !quoted
      inWord = true
    } else if (!quoted && (char === ' ' || char === '\t')) {
      if (inWord) words.push(current)
      current = ''
      inWord = false
    } else {
      current += char
      inWord = true
    }
  }
  if (inWord) words.push(current)
  return words
}

export function parseSshConfig(text: string): SshConfigFile {
  const blocks: SshConfigBlock[] = [{ patterns: ['*'], options: [] }]
  const skipped: SshConfigFile['skipped'] = []
  let inMatch = false
  const lines = text.split(/\r?\n/)
  lines.forEach((raw, index) => {
    const line = index + 1
    const trimmed = raw.trim()
    if (trimmed === '' || trimmed.startsWith('#')) return
    const words = splitConfigLine(trimmed)
    const keyword = (words[0] ?? '').toLowerCase()
    const args = words.slice(1)
    if (keyword === 'host') {
      inMatch = false
      blocks.push({ patterns: args, options: [] })
      return
    }
    if (keyword === 'match') {
      inMatch = true
      skipped.push({ line, reason: 'Match blocks are not evaluated; their lines are skipped' })
      return
    }
    if (inMatch) return
    if (keyword === 'include') {
      skipped.push({ line, reason: 'Include is not followed' })
      return
    }
    blocks.at(-1)?.options.push({ keyword, args, line })
  })
  return { blocks, skipped }
}

/** ssh's pattern syntax: * is any run of characters, ? exactly one; compared without case. */
export function matchesPattern(name: string, pattern: string): boolean {
  const source = pattern
    .toLowerCase()
    .split('')
    .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('')
  return new RegExp(`^${source}$`).test(name.toLowerCase())
}

/** A pattern list matches when one plain pattern matches and no negated (!) pattern does. */
export function matchesPatternList(name: string, patterns: string[]): boolean {
  let matched = false
  for (const pattern of patterns) {
    if (pattern.startsWith('!')) {
      if (matchesPattern(name, pattern.slice(1))) return false
    } else if (matchesPattern(name, pattern)) {
      matched = true
    }
  }
  return matched
}

/** The settings for `alias` (the host as written in the ssh:// address): first value wins, lists accumulate. */
export function settingsForHost(config: SshConfigFile, alias: string): SshHostSettings {
  const settings: SshHostSettings = { hostName: null, user: null, port: null, identityFiles: [], identityAgent: null, userKnownHostsFiles: [], hashKnownHosts: null }
  let knownHostsSet = false
  for (const block of config.blocks) {
    if (!matchesPatternList(alias, block.patterns)) continue
    for (const { keyword, args } of block.options) {
      const value = args[0]
      if (value === undefined) continue
      switch (keyword) {
        case 'hostname':
          settings.hostName ??= value
          break
        case 'user':
          settings.user ??= value
          break
        case 'port': {
          const port = Number(value)
          if (settings.port === null && Number.isInteger(port) && port > 0 && port < 65536) settings.port = port
          break
        }
        case 'identityfile':
          if (!settings.identityFiles.includes(value)) settings.identityFiles.push(value)
          break
        case 'identityagent':
          settings.identityAgent ??= value
          break
        case 'userknownhostsfile':
          // One line may name several files; the first such line wins, like any single-valued keyword.
          if (!knownHostsSet) settings.userKnownHostsFiles = args
          knownHostsSet = true
          break
        case 'hashknownhosts':
          settings.hashKnownHosts ??= value.toLowerCase() === 'yes'
          break
        default:
          break
      }
    }
  }
  return settings
}

/** What %-tokens stand for in IdentityFile, IdentityAgent, UserKnownHostsFile and HostName. */
export interface SshTokens {
  /** %h: the remote host name (after HostName). */
  host: string
  /** %n: the host as written in the address. */
  alias: string
  /** %r: the remote user. */
  remoteUser: string
  /** %u: the local user. */
  localUser: string
  /** %p: the port. */
  port: number
  /** %d: the local home folder. */
  homeDir: string
}

/** Expands %h %n %r %u %p %d %% and a leading ~ as ssh does; an unknown token is left as written. */
export function expandSshPath(value: string, tokens: SshTokens): string {
  const expanded = value.replace(/%([hnrupd%])/g, (_match, token: string) => {
    switch (token) {
      case 'h':
        return tokens.host
      case 'n':
        return tokens.alias
      case 'r':
        return tokens.remoteUser
      case 'u':
        return tokens.localUser
      case 'p':
        return String(tokens.port)
      case 'd':
        return tokens.homeDir
      default:
        return '%'
    }
  })
  if (expanded === '~') return tokens.homeDir
  return expanded.startsWith('~/') ? `${tokens.homeDir}/${expanded.slice(2)}` : expanded
}
