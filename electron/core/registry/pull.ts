import { failure, StrataError } from '../../../shared/errors'
import { problem } from '../../../shared/problems'
import type { Platform, PulledImage, PullResult, TransferLayer } from '../../../shared/types'
import type { EngineConnection } from '../engine/connection'
import type { ImageInspect } from '../images/image-data'
import { realDigests, realTags } from '../images/summary'
import type { RegistryAccess } from './access'
import { engineCallError, engineCreateImage, registryFailure } from './engine-calls'
import { isImageEntry, parseManifest, type Descriptor } from './manifests'
import { formatPlatform, platformMatches } from '../../../shared/platform'
import { manifestKey, referenceText } from './reference'
import { TransferTracker, followStream } from './transfer-tracker'

export interface PullOptions {
  /** One platform, every platform of the index ('all'), or the engine's choice (null). */
  platform: Platform | 'all' | null
  signal: AbortSignal
  onLayer?: (layer: TransferLayer) => void
  onBytes?: (done: number, total: number | null) => void
}

interface OnePull {
  /** What the engine is asked for: the tag, or the digest of one platform's manifest. */
  tagOrDigest: string
  platform: Platform | null
  knownSizes: Map<string, number>
}

/** The engine names layers by the first 12 hex digits of their blob digest. */
function shortDigest(digest: string): string {
  return digest.slice(digest.indexOf(':') + 1, digest.indexOf(':') + 13)
}

/** The digest each pull reported is folded into PullResult.digest; the images go without it. */
function withoutDigest(image: PulledImage & { digest: string | null }): PulledImage {
  const { reference, id, platform, repoTags, repoDigests, upToDate, layers, downloadedBytes } = image
  return { reference, id, platform, repoTags, repoDigests, upToDate, layers, downloadedBytes }
}

function sizesOf(layers: Descriptor[]): Map<string, number> {
  return new Map(layers.map((layer) => [shortDigest(layer.digest), layer.size]))
}

function enginePlatform(connection: EngineConnection): Platform {
  return { os: connection.daemon.Os, architecture: connection.daemon.Arch, variant: null }
}

/**
 * Asks the registry what the pull will fetch, for totals before the engine reports them.
 * Best effort for a single pull (the engine reports its own errors better); required for 'all'.
 */
async function plan(connection: EngineConnection, access: RegistryAccess, options: PullOptions): Promise<{ digest: string | null; pulls: OnePull[] }> {
  const reference = access.reference
  const single = options.platform === 'all' ? null : options.platform
  const fallback = { digest: null, pulls: [{ tagOrDigest: manifestKey(reference), platform: single, knownSizes: new Map<string, number>() }] }
  try {
    const client = await access.client(options.signal)
    const top = await client.manifest(reference.repository, manifestKey(reference))
    const parsed = parseManifest(top.body, top.contentType)
    if (parsed.kind === 'image') return { digest: top.digest, pulls: [{ tagOrDigest: manifestKey(reference), platform: single, knownSizes: sizesOf(parsed.layers) }] }
    const entries = parsed.manifests.filter((entry) => isImageEntry(entry) && entry.platform !== null)
    const wanted = options.platform === 'all' ? entries : entries.filter((entry) => entry.platform !== null && platformMatches(entry.platform, single ?? enginePlatform(connection))).slice(0, 1)
    if (wanted.length === 0) return fallback
    const pulls: OnePull[] = []
    for (const entry of wanted) {
      const manifest = parseManifest((await client.manifest(reference.repository, entry.digest)).body, entry.mediaType)
      const platform = entry.platform === null ? single : { os: entry.platform.os, architecture: entry.platform.architecture, variant: entry.platform.variant }
      pulls.push({ tagOrDigest: options.platform === 'all' ? entry.digest : manifestKey(reference), platform: options.platform === 'all' ? platform : single, knownSizes: manifest.kind === 'image' ? sizesOf(manifest.layers) : new Map<string, number>() })
    }
    return { digest: top.digest, pulls }
  } catch (error) {
    if (options.platform === 'all' || options.signal.aborted) throw error
    return fallback
  }
}

async function pullOne(connection: EngineConnection, access: RegistryAccess, pull: OnePull, options: PullOptions, offset: { bytes: number }): Promise<PulledImage & { digest: string | null }> {
  const reference = access.reference
  const tracker = new TransferTracker({
    knownSizes: pull.knownSizes,
    ...(options.onLayer === undefined ? {} : { onLayer: options.onLayer }),
    onBytes: (done, total) => options.onBytes?.(offset.bytes + done, total === null ? null : offset.bytes + total),
  })
  const query = { fromImage: reference.name, tag: pull.tagOrDigest, ...(pull.platform === null ? {} : { platform: formatPlatform(pull.platform) }) }
  try {
    const stream = await engineCreateImage(connection, query, await access.engineAuth(), options.signal)
    await followStream(stream, tracker, options.signal)
  } catch (error) {
    throw engineCallError(error, connection, reference.domain)
  }
  if (tracker.error !== null) throw registryFailure(tracker.error.message, reference.domain)
  offset.bytes += tracker.bytes
  const pulled = pull.tagOrDigest.includes(':') ? `${reference.name}@${pull.tagOrDigest}` : `${reference.name}:${pull.tagOrDigest}`
  const inspect = (await connection.docker.getImage(pulled).inspect()) as ImageInspect
  const digestLine = tracker.statusLines.find((line) => line.startsWith('Digest: '))
  return {
    reference: pulled,
    id: inspect.Id,
    platform: { os: inspect.Os ?? '', architecture: inspect.Architecture ?? '', variant: inspect.Variant !== undefined && inspect.Variant !== '' ? inspect.Variant : null },
    repoTags: realTags(inspect.RepoTags),
    repoDigests: realDigests(inspect.RepoDigests),
    upToDate: tracker.statusLines.some((line) => line.startsWith('Status: Image is up to date')),
    layers: [...tracker.layers.values()],
    downloadedBytes: tracker.bytes,
    digest: digestLine === undefined ? null : digestLine.slice('Digest: '.length),
  }
}

/**
 * Pulls through the engine with the user's credentials. 'all' pulls every platform of
 * the index by its manifest digest (an engine without a containerd store keeps one image
 * per platform, reachable as repository@digest), then points the tag at the engine's own platform.
 */
export async function pullImage(connection: EngineConnection, access: RegistryAccess, options: PullOptions): Promise<PullResult> {
  if (options.platform !== null && !connection.supports('1.32')) throw failure('API_TOO_OLD', problem('registry.platformNeedsApi'))
  const { digest, pulls } = await plan(connection, access, options)
  const offset = { bytes: 0 }
  const images: (PulledImage & { digest: string | null })[] = []
  const reference = access.reference
  const own = enginePlatform(connection)
  try {
    for (const pull of pulls) images.push(await pullOne(connection, access, pull, options, offset))
    if (options.platform === 'all' && reference.tag !== null && reference.digest === null && images.some((image) => platformMatches(image.platform, own))) {
      images.push(await pullOne(connection, access, { tagOrDigest: reference.tag, platform: own, knownSizes: new Map() }, options, offset))
    }
  } catch (error) {
    throw withPulledSoFar(error, images)
  }
  // The engine's Digest line names what the tag resolved to; pulls by platform digest name the platform's manifest instead.
  const resolved = options.platform === 'all' ? digest : (images[0]?.digest ?? digest)
  return { reference: referenceText(reference), digest: resolved, images: images.map(withoutDigest), downloadedBytes: offset.bytes }
}

/** A pull of several platforms cut off part-way still says which platforms are on disk now. */
export function withPulledSoFar(error: unknown, images: readonly PulledImage[]): unknown {
  if (!(error instanceof StrataError) || images.length === 0) return error
  const pulled = images.map((image) => `${formatPlatform(image.platform)} (${image.reference})`)
  return failure(error.code, problem('registry.partlyPulled', { failure: error.message, pulled: pulled.join(', ') }), { ...error.detail, pulled: images.map((image) => image.reference) })
}
