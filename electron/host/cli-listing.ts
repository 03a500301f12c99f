import { homedir } from 'node:os'
import type { ContainerSummary, EngineInfo, ImageSummary } from '../../shared/types'
import { defaultCacheDir } from '../core/engine/cache-dir'
import type { EngineConnection } from '../core/engine/connection'
import { resolveEngineTarget, type Endpoint, type TlsFiles } from '../core/engine/endpoint'
import { processEnvironment } from '../core/engine/environment'
import { engineError } from '../core/engine/errors'
import { getEngineInfo } from '../core/engine/info'
import { connectPlainEngine } from '../core/engine/plain-client'
import { plainTarget } from '../core/engine/plain-requests'
import { ImageCatalog } from '../core/images/catalog'
import { ImageDataCache } from '../core/images/image-data'
import { imageCacheDir } from '../core/images/image-cache-dir'
import { listContainers } from '../core/containers/list'
import { engineText, imagesText } from './cli-output'
import { EXIT_OK } from './cli-run'

/**
 * `strata images`, `strata engine` and `strata containers` without dockerode and zod: the engine asked with
 * Node's own `http` (core/engine/plain-client.ts), answered by the same catalog and
 * getEngineInfo the core runs, printed as runEngineCommand prints. The command line has
 * checked the arguments already and these commands take no input of their own, so
 * there is nothing for the contract's schemas to check. Where the plain client does not
 * speak to the endpoint (TLS, ssh), or the address does not parse, the answer is null
 * and the command goes the usual way, which also words any error in the address.
 *
 * Only modules outside the core chunk are imported here (see electron.vite.config.ts,
 * group `listing`): one import of the core chunk would load dockerode and zod again.
 */
export type ListingCommand = 'images' | 'engine'

/** The endpoint the core would open for `host` (and the saved engine's TLS files), when the plain client can speak to it. */
export function plainEndpoint(host: string | null, tls: TlsFiles | null): Endpoint | null {
  let endpoint: Endpoint
  try {
    endpoint = resolveEngineTarget(host, tls, processEnvironment())
  } catch {
    return null
  }
  return plainTarget(endpoint) === null ? null : endpoint
}

/** The value `images --json` prints: the catalog of `endpoint` as images.list answers it, the per-image cache under `cacheRoot`. */
export async function listImagesPlain(endpoint: Endpoint, cacheRoot: string | null): Promise<ImageSummary[]> {
  return withPlainConnection(endpoint, (connection) => new ImageCatalog(new ImageDataCache(imageCacheDir(cacheRoot, endpoint))).list(connection))
}

/** The value `containers --json` prints: containers.list of `endpoint`, with the writable layers' sizes when `size`. */
export async function listContainersPlain(endpoint: Endpoint, size: boolean): Promise<ContainerSummary[]> {
  return withPlainConnection(endpoint, (connection) => listContainers(connection, undefined, { size }))
}

/** The value `engine --json` prints: engine.info of `endpoint`. */
export async function engineInfoPlain(endpoint: Endpoint): Promise<EngineInfo> {
  return withPlainConnection(endpoint, getEngineInfo)
}

async function withPlainConnection<T>(endpoint: Endpoint, work: (connection: EngineConnection) => Promise<T>): Promise<T> {
  const target = plainTarget(endpoint)
  if (target === null) throw new Error(`${endpoint.url} is not for the plain engine client`)
  // connectPlainEngine words its own failures as the session does.
  const plain = await connectPlainEngine(endpoint, target)
  try {
    return await work(plain.connection)
  } catch (error) {
    // As core.call words what a handler threw.
    throw engineError(error, endpoint)
  } finally {
    plain.close()
  }
}

/** Runs `command` on `endpoint` and prints it as runEngineCommand does; errors are thrown for runCommand to report. */
export async function runListingCommand(command: ListingCommand, endpoint: Endpoint, json: boolean, stdout: (text: string) => void): Promise<number> {
  if (command === 'engine') {
    const info = await engineInfoPlain(endpoint)
    stdout(json ? `${JSON.stringify(info, null, 2)}\n` : engineText(info))
    return EXIT_OK
  }
  const images = await listImagesPlain(endpoint, defaultCacheDir(process.env, process.platform, homedir()))
  stdout(json ? `${JSON.stringify(images, null, 2)}\n` : imagesText(images))
  return EXIT_OK
}
