import { failure } from '../../../shared/errors'
import { problem } from '../../../shared/problems'
import type { Platform, RemoteImage, RemoteLayer, RemotePlatform } from '../../../shared/types'
import type { EngineConnection } from '../engine/connection'
import { engineError } from '../engine/errors'
import { chainIds } from '../images/chain'
import type { ImageDataCache } from '../images/image-data'
import { eachLimited } from '../images/image-data'
import type { RegistryAccess } from './access'
import type { RegistryClient } from './client'
import { distributionInspect } from './engine-calls'
import type { LocalLayers } from './local-layers'
import { localLayers } from './local-layers'
import { isImageEntry, parseManifest, type Descriptor, type ImageConfigBlob } from './manifests'
import { manifestKey, referenceText } from './reference'

interface ManifestOfPlatform {
  digest: string
  mediaType: string
  /** What the index says; the config's own fields fill in when there is no index. */
  platform: (Platform & { osVersion: string | null }) | null
}

/** Presence of a platform's image and layers, from what the engine holds (see LocalLayers). */
export function presenceOf(layers: { digest: string; mediaType: string; size: number }[], diffIds: string[] | null, identity: { configDigest: string | null; manifestDigest: string }, local: LocalLayers): Pick<RemotePlatform, 'layers' | 'presentLocally' | 'localImageId' | 'downloadSize' | 'uncertainSize'> {
  // Classic store: the image ID is the config digest. Containerd store: the manifest digest.
  const localImageId = [identity.configDigest, identity.manifestDigest].find((id): id is string => id !== null && local.imageIds.has(id)) ?? null
  // A config whose diff IDs do not pair with the layers one to one cannot say which layer is which.
  const paired = diffIds !== null && diffIds.length === layers.length ? diffIds : null
  const chains = paired === null ? null : chainIds(paired)
  const remoteLayers: RemoteLayer[] = layers.map((layer, index) => {
    const chainId = chains?.[index] ?? null
    return {
      digest: layer.digest,
      mediaType: layer.mediaType,
      compressedSize: layer.size,
      diffId: paired?.[index] ?? null,
      chainId,
      local: localImageId !== null ? 'present' : chainId === null ? 'unknown' : local.chainIds.has(chainId) ? 'present' : 'absent',
    }
  })
  const sum = (wanted: RemoteLayer['local']): number => remoteLayers.filter((layer) => layer.local === wanted).reduce((total, layer) => total + layer.compressedSize, 0)
  return {
    layers: remoteLayers,
    presentLocally: localImageId !== null,
    localImageId,
    // The engine looks the config digest up before any layer: a present image costs nothing.
    downloadSize: localImageId !== null ? 0 : chains === null ? null : sum('absent'),
    uncertainSize: localImageId !== null ? 0 : sum('present'),
  }
}

async function platformOf(client: RegistryClient, repository: string, entry: ManifestOfPlatform, local: LocalLayers, known?: string): Promise<RemotePlatform> {
  const manifest = parseManifest(known ?? (await client.manifest(repository, entry.digest)).body, entry.mediaType)
  if (manifest.kind !== 'image') throw failure('REGISTRY_ERROR', problem('registry.nestedIndex', { digest: entry.digest }))
  let config: ImageConfigBlob | null = null
  try {
    config = JSON.parse((await client.blob(repository, manifest.config.digest)).toString('utf8')) as ImageConfigBlob
  } catch {
    // Without the config the layers' presence is unknown; sizes still come from the manifest.
  }
  const platform = entry.platform ?? { os: config?.os ?? '', architecture: config?.architecture ?? '', variant: config?.variant ?? null, osVersion: config?.['os.version'] ?? null }
  const layers = manifest.layers.map((layer: Descriptor) => ({ digest: layer.digest, mediaType: layer.mediaType, size: layer.size }))
  return {
    os: platform.os,
    architecture: platform.architecture,
    variant: platform.variant,
    osVersion: platform.osVersion,
    digest: entry.digest,
    mediaType: manifest.mediaType || entry.mediaType,
    configDigest: manifest.config.digest,
    compressedSize: layers.reduce((total, layer) => total + layer.size, 0),
    ...presenceOf(layers, config?.rootfs?.diff_ids ?? null, { configDigest: manifest.config.digest, manifestDigest: entry.digest }, local),
  }
}

/**
 * Reads a remote reference without pulling: the registry's index (or manifest), each
 * platform's manifest and config, and what the engine holds already. The engine's own
 * GET /distribution is asked alongside, with the same credentials, and reported as it answered.
 */
export async function inspectRemote(connection: EngineConnection, cache: ImageDataCache, access: RegistryAccess, signal?: AbortSignal): Promise<RemoteImage> {
  const reference = access.reference
  const text = referenceText(reference)
  const engineAnswer = (async () => distributionInspect(connection, text, await access.engineAuth(), signal))().then(
    (answer) => ({ answer, error: null }),
    (error: unknown) => ({ answer: null, error: engineError(error, connection.endpoint).message }),
  )
  const client = await access.client(signal)
  const [top, local] = await Promise.all([client.manifest(reference.repository, manifestKey(reference)), localLayers(connection, cache)])
  const parsed = parseManifest(top.body, top.contentType)
  let platforms: RemotePlatform[]
  let otherManifests = 0
  if (parsed.kind === 'index') {
    const images = parsed.manifests.filter(isImageEntry)
    otherManifests = parsed.manifests.length - images.length
    platforms = new Array<RemotePlatform>(images.length)
    await eachLimited(images.map((entry, index) => ({ entry, index })), 4, async ({ entry, index }) => {
      platforms[index] = await platformOf(client, reference.repository, { digest: entry.digest, mediaType: entry.mediaType, platform: entry.platform }, local)
    })
  } else {
    platforms = [await platformOf(client, reference.repository, { digest: top.digest, mediaType: parsed.mediaType, platform: null }, local, top.body)]
  }
  const engine = await engineAnswer
  return {
    reference: text,
    registry: reference.domain,
    repository: reference.repository,
    tag: reference.tag,
    mediaType: parsed.mediaType,
    digest: top.digest,
    isIndex: parsed.kind === 'index',
    platforms,
    otherManifests,
    engine: engine.answer === null ? null : { digest: engine.answer.Descriptor.digest, platforms: (engine.answer.Platforms ?? []).map((platform) => ({ os: platform.os, architecture: platform.architecture, variant: platform.variant ?? null })) },
    engineError: engine.error,
  }
}
