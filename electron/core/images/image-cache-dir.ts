import { createHash } from 'node:crypto'
import { join } from 'node:path'
import type { Endpoint } from '../engine/endpoint'

/**
 * The folder of one engine's per-image cache under the cache root. Layer sizes come
 * from the storage driver, so two engines may measure the same image differently.
 * A module of its own: the one-shot listing (electron/host/cli-listing.ts) opens the
 * same folder without loading the engine slot and its dockerode session.
 */
export function imageCacheDir(cacheRoot: string | null, endpoint: Endpoint): string | null {
  return cacheRoot === null ? null : join(cacheRoot, 'images', createHash('sha256').update(endpoint.url).digest('hex').slice(0, 16))
}
