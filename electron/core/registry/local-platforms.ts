import type { LocalManifestList, LocalPlatforms, Platform } from '../../../shared/types'
import type { EngineConnection } from '../engine/connection'
import { engineError } from '../engine/errors'
import type { ImageInspect } from '../images/image-data'
import { realDigests } from '../images/summary'
import { RegistryAccess } from './access'
import type { DockerCredentials } from './docker-config'
import { isImageEntry, parseManifest } from './manifests'
import { parseImageReference } from './reference'

/** One entry of GET /images/{id}/json?manifests=1 (API 1.48+, containerd image store). */
interface ManifestSummary {
  ID: string
  Descriptor: { mediaType?: string; digest: string; platform?: { os?: string; architecture?: string; variant?: string } }
  Available: boolean
  Kind: string
  ImageData?: { Platform?: { os?: string; architecture?: string; variant?: string } }
}

function platformOf(raw: { os?: string; architecture?: string; variant?: string } | undefined): Platform {
  return { os: raw?.os ?? '', architecture: raw?.architecture ?? '', variant: raw?.variant !== undefined && raw.variant !== '' ? raw.variant : null }
}

function inspectPlatform(inspect: ImageInspect): Platform {
  return { os: inspect.Os ?? '', architecture: inspect.Architecture ?? '', variant: inspect.Variant !== undefined && inspect.Variant !== '' ? inspect.Variant : null }
}

function withManifests(connection: EngineConnection, id: string): Promise<InspectWithManifests> {
  return new Promise((resolve, reject) => {
    connection.docker.modem.dial({ path: `/images/${id}/json?`, method: 'GET', options: { manifests: true }, statusCodes: { 200: true, 404: 'no such image', 500: 'server error' } }, (error, data) => {
      if (error !== null) reject(error)
      else resolve(data as InspectWithManifests)
    })
  })
}

/** What the registry says one repo digest stands for, and which of its platforms are here (same config digest as a local image). */
async function lookUp(connection: EngineConnection, store: DockerCredentials, repoDigest: string, localIds: Set<string>, signal?: AbortSignal): Promise<LocalManifestList> {
  try {
    const access = new RegistryAccess(connection, store, parseImageReference(repoDigest))
    const { repository, digest } = access.reference
    const client = await access.client(signal)
    const top = await client.manifest(repository, digest ?? '')
    const parsed = parseManifest(top.body, top.contentType)
    const entries = parsed.kind === 'index' ? parsed.manifests.filter(isImageEntry) : [{ digest: top.digest, mediaType: parsed.mediaType, platform: null, size: 0, annotations: {} }]
    const platforms: LocalManifestList['platforms'] = []
    for (const entry of entries) {
      const manifest = entry.digest === top.digest ? parsed : parseManifest((await client.manifest(repository, entry.digest)).body, entry.mediaType)
      const configDigest = manifest.kind === 'image' ? manifest.config.digest : null
      const local = configDigest !== null && localIds.has(configDigest)
      let platform: Platform = entry.platform === null ? { os: '', architecture: '', variant: null } : platformOf({ os: entry.platform.os, architecture: entry.platform.architecture, ...(entry.platform.variant === null ? {} : { variant: entry.platform.variant }) })
      if (entry.platform === null && configDigest !== null) {
        const config = JSON.parse((await client.blob(repository, configDigest)).toString('utf8')) as { os?: string; architecture?: string; variant?: string }
        platform = platformOf(config)
      }
      platforms.push({ platform, digest: entry.digest, local, localImageId: local ? configDigest : null })
    }
    return { reference: repoDigest, mediaType: parsed.mediaType, isIndex: parsed.kind === 'index', platforms, error: null }
  } catch (error) {
    return { reference: repoDigest, mediaType: null, isIndex: false, platforms: [], error: error instanceof Error ? error.message : String(error) }
  }
}

/** What an engine with a multi-platform image store (API 1.48+, containerd) answers to manifests=1. */
export type InspectWithManifests = ImageInspect & { Manifests?: ManifestSummary[] | null; Descriptor?: { mediaType?: string; digest?: string } | null }

/**
 * The engine's own account of an image index: every image manifest with its platform and
 * whether its content is here; attestations and unknown kinds are left out. Null when the
 * engine did not answer with manifests (the classic image store).
 */
export function engineManifestList(answer: InspectWithManifests): LocalManifestList | null {
  if (!Array.isArray(answer.Manifests)) return null
  const images = answer.Manifests.filter((manifest) => manifest.Kind === 'image')
  const mediaType = answer.Descriptor?.mediaType ?? null
  return {
    reference: realDigests(answer.RepoDigests)[0] ?? answer.Id,
    mediaType,
    isIndex: images.length > 1 || mediaType?.includes('index') === true || mediaType?.includes('manifest.list') === true,
    platforms: images.map((manifest) => ({ platform: platformOf(manifest.ImageData?.Platform ?? manifest.Descriptor.platform), digest: manifest.Descriptor.digest, local: manifest.Available, localImageId: manifest.Available ? answer.Id : null })),
    error: null,
  }
}

/**
 * The platforms behind a local image. Engines with API 1.48+ say it themselves
 * (manifests=1 on inspect); older ones know only the repo digests, so each is looked up in its registry.
 */
export async function localPlatforms(connection: EngineConnection, store: DockerCredentials, ref: string, signal?: AbortSignal): Promise<LocalPlatforms> {
  let inspect: ImageInspect
  try {
    inspect = await connection.docker.getImage(ref).inspect()
    if (connection.supports('1.48')) {
      const fromEngine = engineManifestList(await withManifests(connection, inspect.Id))
      if (fromEngine !== null) return { imageId: inspect.Id, platform: inspectPlatform(inspect), source: 'engine', manifests: [fromEngine] }
    }
  } catch (error) {
    throw engineError(error, connection.endpoint)
  }
  const localIds = new Set(((await connection.docker.listImages({ all: true })) as { Id: string }[]).map((image) => image.Id))
  const manifests: LocalManifestList[] = []
  for (const repoDigest of realDigests(inspect.RepoDigests)) manifests.push(await lookUp(connection, store, repoDigest, localIds, signal))
  return { imageId: inspect.Id, platform: inspectPlatform(inspect), source: 'registry', manifests }
}
