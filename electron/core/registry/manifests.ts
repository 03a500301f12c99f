import { failure } from '../../../shared/errors'
import { problem } from '../../../shared/problems'
import type { Platform } from '../../../shared/types'

export const MEDIA_TYPES = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
} as const

/** Every form the engine pulls, indexes first so a registry that can answer with either picks the index. */
export const MANIFEST_ACCEPT = [MEDIA_TYPES.ociIndex, MEDIA_TYPES.dockerList, MEDIA_TYPES.ociManifest, MEDIA_TYPES.dockerManifest].join(', ')

export interface Descriptor {
  mediaType: string
  digest: string
  size: number
  platform: (Platform & { osVersion: string | null }) | null
  annotations: Record<string, string>
}

export type ParsedManifest =
  | { kind: 'index'; mediaType: string; manifests: Descriptor[] }
  | { kind: 'image'; mediaType: string; config: Descriptor; layers: Descriptor[] }

interface RawDescriptor {
  mediaType?: unknown
  digest?: unknown
  size?: unknown
  platform?: { os?: unknown; architecture?: unknown; variant?: unknown; 'os.version'?: unknown }
  annotations?: Record<string, string>
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null
}

function descriptor(raw: RawDescriptor, where: string): Descriptor {
  const digest = text(raw.digest)
  if (digest === null || typeof raw.size !== 'number') throw failure('REGISTRY_ERROR', problem(where === 'index' ? 'registry.indexEntryIncomplete' : 'registry.manifestEntryIncomplete'))
  const platform = raw.platform
  return {
    mediaType: text(raw.mediaType) ?? '',
    digest,
    size: raw.size,
    platform:
      platform === undefined
        ? null
        : { os: text(platform.os) ?? '', architecture: text(platform.architecture) ?? '', variant: text(platform.variant), osVersion: text(platform['os.version']) },
    annotations: raw.annotations ?? {},
  }
}

/** Reads a manifest body; the Content-Type header decides when the body itself names no mediaType (OCI allows that). */
export function parseManifest(body: string, contentType: string | null): ParsedManifest {
  let raw: { schemaVersion?: unknown; mediaType?: unknown; manifests?: RawDescriptor[]; config?: RawDescriptor; layers?: RawDescriptor[] }
  try {
    raw = JSON.parse(body) as typeof raw
  } catch {
    throw failure('REGISTRY_ERROR', problem('registry.manifestNotJson'))
  }
  const mediaType = text(raw.mediaType) ?? text(contentType?.split(';')[0]?.trim()) ?? ''
  if (raw.schemaVersion === 1) throw failure('REGISTRY_ERROR', problem('registry.schema1'))
  if (Array.isArray(raw.manifests)) return { kind: 'index', mediaType, manifests: raw.manifests.map((entry) => descriptor(entry, 'index')) }
  if (raw.config !== undefined && Array.isArray(raw.layers)) {
    return { kind: 'image', mediaType, config: descriptor(raw.config, 'manifest'), layers: raw.layers.map((entry) => descriptor(entry, 'manifest')) }
  }
  throw failure('REGISTRY_ERROR', mediaType === '' ? problem('registry.unknownManifestNoType') : problem('registry.unknownManifest', { mediaType }))
}

/**
 * Index entries that are not runnable images: BuildKit's attestations (platform
 * unknown/unknown with a reference-type annotation) and other artifacts.
 */
export function isImageEntry(entry: Descriptor): boolean {
  if (entry.annotations['vnd.docker.reference.type'] !== undefined) return false
  if (entry.platform !== null && entry.platform.os === 'unknown' && entry.platform.architecture === 'unknown') return false
  return entry.mediaType === '' || entry.mediaType === MEDIA_TYPES.ociManifest || entry.mediaType === MEDIA_TYPES.dockerManifest
}

/** The fields of an image config this module reads. */
export interface ImageConfigBlob {
  os?: string
  architecture?: string
  variant?: string
  'os.version'?: string
  rootfs?: { diff_ids?: string[] }
}
