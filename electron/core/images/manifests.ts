import { compareApiVersions } from '../../../shared/format'
import type { ImageStoreKind, Platform, PlatformContent } from '../../../shared/types'

/**
 * ImageManifestSummary as the Engine API's swagger defines it (api/swagger.yaml, API 1.47+;
 * marked experimental there). Only the fields Strata reads; every one may be missing on a
 * future engine, so each is optional here and read defensively.
 */
export interface ManifestSummaryWire {
  ID?: string
  Descriptor?: { mediaType?: string; digest?: string; size?: number; platform?: OciPlatformWire }
  Available?: boolean
  Size?: { Total?: number; Content?: number }
  Kind?: string
  ImageData?: { Platform?: OciPlatformWire; Containers?: string[] | null; Size?: { Unpacked?: number } }
  AttestationData?: { For?: string }
}

export interface OciPlatformWire {
  architecture?: string
  os?: string
  'os.version'?: string
  variant?: string
}

/** `manifests` on GET /images/json came in API 1.47; on GET /images/{name}/json in 1.48 (api/docs/CHANGELOG.md). */
export const LIST_MANIFESTS_API = '1.47'
export const INSPECT_MANIFESTS_API = '1.48'

/**
 * The query for GET /images/json. The classic store has no manifests to describe, and an
 * engine below 1.47 does not know the parameter: both get exactly the query they always got.
 */
export function imageListQuery(apiVersion: string, store: ImageStoreKind): { manifests?: true } {
  return store === 'containerd' && compareApiVersions(apiVersion, LIST_MANIFESTS_API) >= 0 ? { manifests: true } : {}
}

export function imageInspectQuery(apiVersion: string, store: ImageStoreKind): { manifests?: true } {
  return store === 'containerd' && compareApiVersions(apiVersion, INSPECT_MANIFESTS_API) >= 0 ? { manifests: true } : {}
}

export function platformOf(wire: OciPlatformWire | undefined): Platform | null {
  if (wire === undefined || (wire.os ?? '') === '' || (wire.architecture ?? '') === '') return null
  return { os: wire.os ?? '', architecture: wire.architecture ?? '', variant: wire.variant !== undefined && wire.variant !== '' ? wire.variant : null }
}

function bytes(value: number | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0
}

function kindOf(kind: string | undefined): PlatformContent['kind'] {
  return kind === 'image' || kind === 'attestation' ? kind : 'unknown'
}

/** The manifests of one image ID, as Strata carries them; entries without a digest say nothing and are dropped. */
export function parseManifests(manifests: readonly ManifestSummaryWire[] | null | undefined): PlatformContent[] {
  return (manifests ?? []).flatMap((manifest) => {
    const digest = manifest.ID ?? manifest.Descriptor?.digest ?? ''
    if (digest === '') return []
    const kind = kindOf(manifest.Kind)
    return [
      {
        digest,
        kind,
        platform: kind === 'image' ? (platformOf(manifest.ImageData?.Platform) ?? platformOf(manifest.Descriptor?.platform)) : null,
        available: manifest.Available === true,
        contentBytes: bytes(manifest.Size?.Content),
        unpackedBytes: bytes(manifest.ImageData?.Size?.Unpacked),
        containers: [...(manifest.ImageData?.Containers ?? [])],
      },
    ]
  })
}

/** The platforms an image ID has locally: image manifests whose content is all present. */
export function presentPlatforms(manifests: readonly PlatformContent[]): PlatformContent[] {
  return manifests.filter((manifest) => manifest.kind === 'image' && manifest.available)
}
