import { failure } from '../../../shared/errors'
import { problem } from '../../../shared/problems'
import { familiarName, normalizedName, repositoryProblem, splitDomain, tagProblem } from '../../../shared/reference'

/** Docker Hub's name for the engine, its API host, and the key the docker CLI stores its credentials under. */
export const HUB_DOMAIN = 'docker.io'
export const HUB_API_HOST = 'registry-1.docker.io'
export const HUB_CONFIG_KEY = 'https://index.docker.io/v1/'

/** A reference to an image in a registry, split the way the engine and the registry API need it. */
export interface ImageReference {
  /** The registry as the engine names it: docker.io, 127.0.0.1:5000 */
  domain: string
  /** Where its HTTP API answers: registry-1.docker.io for Docker Hub, else the domain. */
  apiHost: string
  /** The repository path inside the registry: library/busybox, multi/busybox */
  repository: string
  /** The name as the engine lists it: busybox, 127.0.0.1:5000/multi/busybox */
  name: string
  tag: string | null
  digest: string | null
}

const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/

/** The registry host an address names: accepts what `docker login` does (host, host:port, https://host/v1/). */
export function registryDomain(text: string): string {
  const bare = text.trim().replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '')
  if (bare === '' || bare === 'index.docker.io' || bare === HUB_API_HOST) return HUB_DOMAIN
  return bare.toLowerCase()
}

/** Parses `[registry/]repository[:tag][@digest]`; a reference with neither tag nor digest means :latest, as the engine reads it. */
export function parseImageReference(text: string): ImageReference {
  const at = text.indexOf('@')
  const digest = at === -1 ? null : text.slice(at + 1)
  const named = at === -1 ? text : text.slice(0, at)
  if (digest !== null && !DIGEST.test(digest)) throw failure('INVALID_INPUT', problem('registry.notDigest', { digest }), { reference: text })
  const colon = named.lastIndexOf(':')
  const hasTag = colon > named.lastIndexOf('/')
  const repositoryText = hasTag ? named.slice(0, colon) : named
  const tag = hasTag ? named.slice(colon + 1) : digest === null ? 'latest' : null
  const found = repositoryProblem(repositoryText) ?? (tag === null ? null : tagProblem(tag))
  if (found !== null) throw failure('INVALID_INPUT', found, { reference: text })
  const explicit = splitDomain(repositoryText).domain
  const domain = explicit === null ? HUB_DOMAIN : registryDomain(explicit)
  const full = normalizedName(repositoryText)
  return {
    domain,
    apiHost: domain === HUB_DOMAIN ? HUB_API_HOST : domain,
    repository: full.slice(full.indexOf('/') + 1),
    name: familiarName(repositoryText),
    tag,
    digest,
  }
}

/** The reference as the engine takes it in a pull or push. */
export function referenceText(reference: ImageReference): string {
  return `${reference.name}${reference.tag === null ? '' : `:${reference.tag}`}${reference.digest === null ? '' : `@${reference.digest}`}`
}

/** What the manifests endpoint is asked for: the digest when there is one (it pins the content), else the tag. */
export function manifestKey(reference: ImageReference): string {
  return reference.digest ?? reference.tag ?? 'latest'
}

/** The key the docker CLI files a registry's credentials under in config.json. */
export function configKey(domain: string): string {
  return domain === HUB_DOMAIN ? HUB_CONFIG_KEY : domain
}
