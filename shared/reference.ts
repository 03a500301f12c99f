/**
 * Docker's reference grammar (distribution/reference) for the name a commit gives:
 * `repository[:tag]`. Pure, so the renderer can validate as the user types; each
 * check answers with what is wrong (a problem, or its English), or null.
 */
import { problem, problemEnglish, type Problem } from './problems'

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

/** A failure carries the problem (for the renderer to word) and its English (for the core and the command line). */
export type ParsedNameTag = { ok: true; repository: string; tag: string | null } | { ok: false; message: string; problem: Problem }

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

function domainProblem(domain: string): Problem | null {
  const port = /^(.*?)(?::([^:\]]*))?$/.exec(domain)
  const host = port?.[1] ?? domain
  const portText = port?.[2]
  if (portText !== undefined && !/^[0-9]+$/.test(portText)) return problem('reference.portNotNumber', { domain })
  if (IPV6_HOST.test(host)) return problem('reference.ipv6Host', { host })
  const bad = host.split('.').find((component) => !DOMAIN_COMPONENT.test(component))
  if (bad === undefined) return null
  if (bad === '') return problem('reference.emptyHostPart', { host })
  return problem('reference.badHostPart', { host, part: bad })
}

function componentProblem(component: string, name: string): Problem | null {
  if (/[A-Z]/.test(component)) return problem('reference.uppercase', { name })
  const stray = /[^a-z0-9._-]/.exec(component)
  if (stray !== null) return problem('reference.strayCharacter', { name, character: stray[0] })
  const first = component[0] ?? ''
  if (!/[a-z0-9]/.test(first)) return problem('reference.badStart', { component, character: first })
  const last = component.at(-1) ?? ''
  if (!/[a-z0-9]/.test(last)) return problem('reference.badEnd', { component, character: last })
  for (const run of component.match(/[._-]+/g) ?? []) {
    if (VALID_SEPARATOR.test(run)) continue
    if (/^_+$/.test(run)) return problem('reference.underscores', { component, count: run.length })
    return problem('reference.separators', { component, run })
  }
  return null
}

/** What is wrong with a repository name (no tag, no digest), or null when the engine accepts it. */
export function repositoryProblem(name: string): Problem | null {
  if (name === '') return problem('reference.emptyName')
  if (name.includes('@')) return problem('reference.digest', { name })
  if (/\s/.test(name)) return problem('reference.whiteSpace', { name })
  if (/^[a-f0-9]{64}$/.test(name)) return problem('reference.imageId', { name })
  if (name.startsWith('/')) return problem('reference.leadingSlash', { name })
  if (name.endsWith('/')) return problem('reference.trailingSlash', { name })
  if (name.includes('//')) return problem('reference.emptyPart', { name })
  const { domain, path } = splitDomain(name)
  if (domain !== null) {
    const found = domainProblem(domain)
    // The engine's grammar makes the registry optional: a first part that is no host
    // name but a valid path component (exa_mple.com) still matches as a path.
    if (found !== null && (domain.includes(':') || componentProblem(domain, name) !== null)) return found
  }
  const components = path.split('/')
  if (components.at(-1)?.includes(':') === true) return problem('reference.colon', { name })
  for (const component of components) {
    const found = componentProblem(component, name)
    if (found !== null) return found
  }
  const stored = normalizedName(name)
  if (stored.length > NAME_MAX_LENGTH) {
    const prefix = stored.slice(0, stored.length - path.length)
    return problem('reference.tooLong', { prefix, length: stored.length, max: NAME_MAX_LENGTH })
  }
  return null
}

/** What is wrong with a tag, or null. */
export function tagProblem(tag: string): Problem | null {
  if (tag === '') return problem('reference.emptyTag')
  if (tag.length > TAG_MAX_LENGTH) return problem('reference.tagTooLong', { max: TAG_MAX_LENGTH, length: tag.length })
  const stray = /[^\w.-]/.exec(tag)
  if (stray !== null) return problem('reference.tagCharacter', { tag, character: stray[0] })
  if (tag.startsWith('.') || tag.startsWith('-')) return problem('reference.tagStart', { tag, character: tag[0] ?? '' })
  return null
}

function english(found: Problem | null): string | null {
  return found === null ? null : problemEnglish(found)
}

/** repositoryProblem in English, for the core's and the command line's messages. */
export function checkRepository(name: string): string | null {
  return english(repositoryProblem(name))
}

/** tagProblem in English. */
export function checkTag(tag: string): string | null {
  return english(tagProblem(tag))
}

/** Splits "repo[:tag]" as the docker CLI does (the last ':' after the last '/') and checks both parts. */
export function parseRepositoryTag(text: string): ParsedNameTag {
  const colon = text.lastIndexOf(':')
  const hasTag = colon > text.lastIndexOf('/')
  const repository = hasTag ? text.slice(0, colon) : text
  const tag = hasTag ? text.slice(colon + 1) : null
  const found = text.includes('@') ? problem('reference.digest', { name: text }) : (repositoryProblem(repository) ?? (tag === null ? null : tagProblem(tag)))
  if (found !== null) return { ok: false, message: problemEnglish(found), problem: found }
  return { ok: true, repository, tag }
}
