/**
 * Docker's reference grammar (distribution/reference) for the name a commit gives:
 * `repository[:tag]`. Pure, so the renderer can validate as the user types; each
 * check answers with what is wrong, or null.
 */

/** The engine measures the normalized name (docker.io/library/app), not the text as typed. */
export const NAME_MAX_LENGTH = 255
export const TAG_MAX_LENGTH = 128

const DEFAULT_DOMAIN = 'docker.io'
const LEGACY_DEFAULT_DOMAIN = 'index.docker.io'
const OFFICIAL_PREFIX = 'library/'

export interface RepositoryParts {
  /** Registry host[:port]; null for Docker Hub written without one. */
  domain: string | null
  path: string
}

export type ParsedNameTag = { ok: true; repository: string; tag: string | null } | { ok: false; message: string }

/**
 * The first component names a registry when it holds '.' or ':' or is localhost.
 * (Newer engines also take an uppercase first component for a host; 20.10 refuses
 * it as an uppercase repository, and so does this check, so every engine agrees.)
 */
export function splitDomain(name: string): RepositoryParts {
  const slash = name.indexOf('/')
  if (slash === -1) return { domain: null, path: name }
  const first = name.slice(0, slash)
  if (first.includes('.') || first.includes(':') || first === 'localhost') return { domain: first, path: name.slice(slash + 1) }
  return { domain: null, path: name }
}

/** The full name the engine stores and measures: docker.io/library/app for "app". */
export function normalizedName(name: string): string {
  const { domain, path } = splitDomain(name)
  const host = domain === null || domain === LEGACY_DEFAULT_DOMAIN ? DEFAULT_DOMAIN : domain
  return host === DEFAULT_DOMAIN && !path.includes('/') ? `${host}/${OFFICIAL_PREFIX}${path}` : `${host}/${path}`
}

/** The name as the engine lists it in RepoTags: Docker Hub's prefixes dropped. */
export function familiarName(name: string): string {
  const full = normalizedName(name)
  const hub = `${DEFAULT_DOMAIN}/`
  if (!full.startsWith(hub)) return full
  const rest = full.slice(hub.length)
  return rest.startsWith(OFFICIAL_PREFIX) && !rest.slice(OFFICIAL_PREFIX.length).includes('/') ? rest.slice(OFFICIAL_PREFIX.length) : rest
}

export function familiarTag(repository: string, tag: string | null): string {
  return `${familiarName(repository)}:${tag ?? 'latest'}`
}

const DOMAIN_COMPONENT = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$/
const IPV6_HOST = /^\[[0-9a-fA-F:.]+\]$/
const VALID_SEPARATOR = /^(?:[._]|__|-+)$/

function checkDomain(domain: string): string | null {
  const port = /^(.*?)(?::([^:\]]*))?$/.exec(domain)
  const host = port?.[1] ?? domain
  const portText = port?.[2]
  if (portText !== undefined && !/^[0-9]+$/.test(portText)) return `the registry port in '${domain}' is not a number`
  if (IPV6_HOST.test(host)) return `older engines (20.10 among them) refuse the IPv6 registry address '${host}'; use a host name or an IPv4 address`
  const bad = host.split('.').find((component) => !DOMAIN_COMPONENT.test(component))
  if (bad === undefined) return null
  if (bad === '') return `the registry host '${host}' has an empty part between dots`
  return `the registry host '${host}' is not valid: '${bad}' may hold only letters, digits and inner '-'`
}

function checkComponent(component: string, name: string): string | null {
  if (/[A-Z]/.test(component)) return `uppercase letters are not allowed in a repository name: '${name}'`
  const stray = /[^a-z0-9._-]/.exec(component)
  if (stray !== null) return `'${name}' contains '${stray[0]}': a repository name holds only lowercase letters, digits, '.', '_' and '-'`
  const first = component[0] ?? ''
  if (!/[a-z0-9]/.test(first)) return `'${component}' starts with '${first}': each part of a repository name starts with a letter or digit`
  const last = component.at(-1) ?? ''
  if (!/[a-z0-9]/.test(last)) return `'${component}' ends with '${last}': each part of a repository name ends with a letter or digit`
  for (const run of component.match(/[._-]+/g) ?? []) {
    if (VALID_SEPARATOR.test(run)) continue
    if (/^_+$/.test(run)) return `'${component}' has ${run.length} underscores in a row; at most two are allowed`
    return `'${component}' has two separators in a row ('${run}')`
  }
  return null
}

/** What is wrong with a repository name (no tag, no digest), or null when the engine accepts it. */
export function checkRepository(name: string): string | null {
  if (name === '') return 'the repository name is empty'
  if (name.includes('@')) return `'${name}' has a digest ('@'): a commit names a repository and a tag, not a digest`
  if (/\s/.test(name)) return `'${name}' contains white space`
  if (/^[a-f0-9]{64}$/.test(name)) return `'${name}' is 64 hexadecimal characters, which the engine reads as an image ID, not a name`
  if (name.startsWith('/')) return `'${name}' starts with '/'`
  if (name.endsWith('/')) return `'${name}' ends with '/'`
  if (name.includes('//')) return `'${name}' has an empty part ('//')`
  const { domain, path } = splitDomain(name)
  if (domain !== null) {
    const problem = checkDomain(domain)
    // The engine's grammar makes the registry optional: a first part that is no host
    // name but a valid path component (exa_mple.com) still matches as a path.
    if (problem !== null && (domain.includes(':') || checkComponent(domain, name) !== null)) return problem
  }
  const components = path.split('/')
  if (components.at(-1)?.includes(':') === true) return `'${name}' contains ':': give the tag separately`
  for (const component of components) {
    const problem = checkComponent(component, name)
    if (problem !== null) return problem
  }
  const stored = normalizedName(name)
  if (stored.length > NAME_MAX_LENGTH) {
    const prefix = stored.slice(0, stored.length - path.length)
    return `the repository name is too long: stored as ${prefix}…, it has ${stored.length} characters; at most ${NAME_MAX_LENGTH} are allowed`
  }
  return null
}

/** What is wrong with a tag, or null. */
export function checkTag(tag: string): string | null {
  if (tag === '') return 'the tag is empty'
  if (tag.length > TAG_MAX_LENGTH) return `the tag is longer than ${TAG_MAX_LENGTH} characters (${tag.length})`
  const stray = /[^\w.-]/.exec(tag)
  if (stray !== null) return `the tag '${tag}' contains '${stray[0]}': a tag holds only letters, digits, '_', '.' and '-'`
  if (tag.startsWith('.') || tag.startsWith('-')) return `the tag '${tag}' starts with '${tag[0] ?? ''}': a tag starts with a letter, digit or '_'`
  return null
}

/** Splits "repo[:tag]" as the docker CLI does (the last ':' after the last '/') and checks both parts. */
export function parseRepositoryTag(text: string): ParsedNameTag {
  const colon = text.lastIndexOf(':')
  const hasTag = colon > text.lastIndexOf('/')
  const repository = hasTag ? text.slice(0, colon) : text
  const tag = hasTag ? text.slice(colon + 1) : null
  if (text.includes('@')) return { ok: false, message: `'${text}' has a digest ('@'): a commit names a repository and a tag, not a digest` }
  const problem = checkRepository(repository) ?? (tag === null ? null : checkTag(tag))
  if (problem !== null) return { ok: false, message: problem }
  return { ok: true, repository, tag }
}
