import { failure } from '../../../shared/errors'
import { compareApiVersions } from '../../../shared/format'
import { formatPlatform } from '../../../shared/platform'
import { problem } from '../../../shared/problems'
import type { ImageStoreKind, Platform, RemovePlatformResult } from '../../../shared/types'
import type { EngineConnection } from '../engine/connection'
import { engineError } from '../engine/errors'
import { imageStoreFor } from '../engine/image-store'

/** `platforms` on DELETE /images/{name} came in API 1.50 (moby api/docs/CHANGELOG.md, "v1.50 API changes"). */
export const PLATFORM_DELETE_API = '1.50'

/** An OCI platform as the Engine API takes it, JSON-encoded (swagger OCIPlatform: os, architecture, variant). */
function ociPlatform(platform: Platform): Record<string, string> {
  return { os: platform.os, architecture: platform.architecture, ...(platform.variant !== null && platform.variant !== '' ? { variant: platform.variant } : {}) }
}

/**
 * The query deleting one platform's content, or the refusal: an engine below API 1.50 would
 * ignore the parameter and delete the whole image, and the classic store keeps one platform per
 * image ID, so there is nothing to delete apart from the image.
 */
export function platformDeleteQuery(apiVersion: string, store: ImageStoreKind | null, platform: Platform): { platforms: string[] } {
  const named = formatPlatform(platform)
  if (compareApiVersions(apiVersion, PLATFORM_DELETE_API) < 0) {
    throw failure('API_TOO_OLD', problem('image.platformDeleteNeedsApi', { platform: named, apiVersion, minimum: PLATFORM_DELETE_API }), { apiVersion, minimum: PLATFORM_DELETE_API })
  }
  if (store !== 'containerd') throw failure('INVALID_INPUT', problem('image.platformDeleteClassicStore', { platform: named }), { store: store ?? 'unknown' })
  return { platforms: [JSON.stringify(ociPlatform(platform))] }
}

interface DeleteResponseItem {
  Untagged?: string
  Deleted?: string
}

/** Deletes one platform's content of a multi-platform image; the image ID and its other platforms stay. */
export async function removePlatform(connection: EngineConnection, input: { id: string; platform: Platform }): Promise<RemovePlatformResult> {
  // An image that is not there is named first, whatever the engine's version: "not found" is
  // the answer a caller can act on. Nothing is deleted before the version is checked below.
  try {
    await connection.docker.getImage(input.id).inspect()
  } catch (error) {
    throw engineError(error, connection.endpoint)
  }
  const store = connection.supports(PLATFORM_DELETE_API) ? (await imageStoreFor(connection)).kind : null
  const query = platformDeleteQuery(connection.apiVersion, store, input.platform)
  let answer: DeleteResponseItem[]
  try {
    answer = (await connection.docker.getImage(input.id).remove(query)) as DeleteResponseItem[]
  } catch (error) {
    throw engineError(error, connection.endpoint)
  }
  return {
    id: input.id,
    platform: input.platform,
    deleted: answer.flatMap((item) => (item.Deleted !== undefined ? [item.Deleted] : [])),
    untagged: answer.flatMap((item) => (item.Untagged !== undefined ? [item.Untagged] : [])),
  }
}
