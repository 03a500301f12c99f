import { StrataError, type ErrorCode } from '../../shared/errors'
import { familiarTag, parseRepositoryTag, splitDomain } from '../../shared/reference'
import type { ImageSummary, RemotePlatform, TransferLayerStatus } from '../../shared/types'
import type { LocaleFormat } from '../i18n/format'
import { problem, type Problem } from '../../shared/problems'
import { failureDetail, problemText } from '../i18n/problems'
import type { Translate } from '../i18n/translator'

/** Sizes in docker units, in the caller's locale. */
export type Sizes = Pick<LocaleFormat, 'bytes'>

/** What the Registries view shows for a failed call: what it means, and whether a login may fix it. */
export interface FailureView {
  code: ErrorCode
  headline: string
  message: string
  /** The registry to log in to, when the failure is a refused or missing login. */
  loginRegistry: string | null
  /** The core's detail: a refused input's problem is worded from it (failureDetail). */
  detail: Record<string, unknown>
}

/** The registry a reference names as `docker login` takes it: its host, or docker.io. */
export function registryOfReference(reference: string): string {
  const name = reference.split('@')[0] ?? reference
  return splitDomain(name).domain ?? 'docker.io'
}

/** os/arch[/variant], the form registry.pull's platform takes. */
function hexOf(digest: string): string {
  const colon = digest.indexOf(':')
  return colon === -1 ? digest : digest.slice(colon + 1)
}

/** The engine names a layer by the first 12 hex digits of its blob digest. */
export function shortLayerId(digest: string): string {
  return hexOf(digest).slice(0, 12)
}

export function shortDigest(digest: string): string {
  const colon = digest.indexOf(':')
  return `${colon === -1 ? '' : digest.slice(0, colon + 1)}${hexOf(digest).slice(0, 12)}`
}

/** "X", or "X (up to Y)" when blobs on disk may still be fetched again; null size is unknown. */
export function downloadText(t: Translate, fmt: Sizes, platform: Pick<RemotePlatform, 'downloadSize' | 'uncertainSize'>): string {
  if (platform.downloadSize === null) return t('registry.download.unknown')
  if (platform.uncertainSize <= 0) return fmt.bytes(platform.downloadSize)
  return t('registry.download.upTo', { bytes: fmt.bytes(platform.downloadSize), max: fmt.bytes(platform.downloadSize + platform.uncertainSize) })
}

export function downloadTitle(t: Translate, fmt: Sizes, platform: Pick<RemotePlatform, 'downloadSize' | 'uncertainSize'>): string {
  if (platform.downloadSize === null) return t('registry.download.unknownTitle')
  if (platform.uncertainSize <= 0) return t('registry.download.knownTitle')
  return t('registry.download.uncertainTitle', { bytes: fmt.bytes(platform.uncertainSize) })
}

export function describeFailure(t: Translate, error: unknown, reference: string): FailureView {
  const failure = StrataError.from(error)
  const registry = typeof failure.detail.registry === 'string' && !failure.detail.registry.includes('://') ? failure.detail.registry : registryOfReference(reference)
  const base = { code: failure.code, message: failure.message, loginRegistry: null, detail: failure.detail }
  // A file the user named (save, load) failed: the message names it; the registry wording below would not fit.
  const aboutFile = typeof failure.detail.path === 'string' && failure.detail.registry === undefined
  if (aboutFile && failure.code !== 'CANCELLED') return { ...base, headline: failureDetail(failure, t) }
  switch (failure.code) {
    case 'UNAUTHORIZED':
      return { ...base, headline: t('registry.failure.unauthorized', { registry }), loginRegistry: registryOfReference(reference) }
    case 'NOT_FOUND':
      return { ...base, headline: t('registry.failure.notFound', { reference, registry }) }
    case 'REGISTRY_UNREACHABLE':
      return { ...base, headline: t('registry.failure.unreachable', { registry }) }
    case 'REGISTRY_ERROR':
      return { ...base, headline: t('registry.failure.registryError', { registry }) }
    case 'INVALID_INPUT':
      return { ...base, headline: t('registry.failure.invalid') }
    case 'CANCELLED':
      return { ...base, headline: t('registry.failure.cancelled') }
    case 'ENGINE_UNREACHABLE':
      return { ...base, headline: t('registry.failure.engine') }
    default:
      return { ...base, headline: t('registry.failure.other') }
  }
}

/** A problem with the name a tag or push target is given, or null. */
export function targetProblem(t: Translate, text: string): string | null {
  const found = targetProblemOf(text)
  return found === null ? null : problemText(found, t)
}

/** What is wrong with a tag or push target, as a problem; null when the engine will take it. */
export function targetProblemOf(text: string): Problem | null {
  const trimmed = text.trim()
  if (trimmed === '') return problem('reference.targetMissing')
  const parsed = parseRepositoryTag(trimmed)
  return parsed.ok ? null : parsed.problem
}

/** Whether `target` already names the image, as the engine lists its tags (familiar names). */
export function isTagOf(image: Pick<ImageSummary, 'repoTags'>, target: string): boolean {
  const parsed = parseRepositoryTag(target.trim())
  if (!parsed.ok) return false
  return image.repoTags.includes(familiarTag(parsed.repository, parsed.tag))
}

export function statusWord(t: Translate, status: TransferLayerStatus): string {
  return t(`registry.status.${status}`)
}

/** Percent of a known total, clamped; null when there is nothing to measure against. */
export function percentOf(done: number | null, total: number | null): number | null {
  if (done === null || total === null || total <= 0) return null
  return Math.max(0, Math.min(100, Math.round((done / total) * 100)))
}

/** Unique enough to tell this window's transfers apart; the core takes at most 100 characters. */
export function newTaskId(kind: string): string {
  return `${kind}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`
}
