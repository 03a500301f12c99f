import { Agent, request, type IncomingMessage } from 'node:http'
import type Docker from 'dockerode'
import { compareApiVersions } from '../../../shared/format'
import type { EngineConnection } from './connection'
import type { DaemonVersion } from './daemon-version'
import type { Endpoint } from './endpoint'
import { engineError } from './errors'
import { answerOf, enginePath, imagePath, type PlainTarget, type QueryValue, type ReasonSet } from './plain-requests'
import { pinApiVersion } from './version'

/**
 * An engine client for the one-shot listing (`strata images`, `strata engine`) made of
 * Node's own `http`: dockerode with docker-modem loads `https`, `tls`, `crypto` and its
 * own dependencies (~185 ms of CPU of a warm `strata images` went to `require`), more
 * than the listing itself. It makes the calls the catalog makes through dockerode, with
 * the same API version pinning and the same errors (plain-requests.ts), so the catalog
 * code is the same on both clients. Only the calls below exist: anything else throws.
 */
export interface PlainConnection {
  connection: EngineConnection
  /** Lets go of the kept-alive sockets (they never hold the process open either way). */
  close(): void
}

/** As connection.ts: the first call waits this long for an answer before the engine counts as absent. */
const PROBE_TIMEOUT_MS = 5000

class PlainEngineClient {
  // Kept alive, as Node 20's global agent keeps dockerode's: a new connection per request made a cold catalog many times slower (BENCHMARKS.md).
  readonly agent = new Agent({ keepAlive: true })

  constructor(
    private readonly target: PlainTarget,
    private apiVersion: string | null,
  ) {}

  pin(apiVersion: string): void {
    this.apiVersion = apiVersion
  }

  get(path: string, query: Record<string, QueryValue>, reasons: ReasonSet, signal?: AbortSignal): Promise<unknown> {
    const full = enginePath(this.apiVersion, path, query)
    return new Promise((resolve, reject) => {
      const sent = request({ ...this.target, path: full, method: 'GET', agent: this.agent, ...(signal === undefined ? {} : { signal }) }, (response: IncomingMessage) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('error', reject)
        response.on('end', () => {
          try {
            resolve(answerOf({ status: response.statusCode ?? 0, location: response.headers.location, body: Buffer.concat(chunks) }, reasons, full))
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)))
          }
        })
      })
      sent.on('error', reject)
      sent.end()
    })
  }

  version(options: { abortSignal?: AbortSignal } = {}): Promise<unknown> {
    return this.get('/version', {}, 'version', options.abortSignal)
  }

  info(): Promise<unknown> {
    return this.get('/info', {}, 'info')
  }

  listImages(options: { all?: boolean; manifests?: boolean } = {}): Promise<unknown> {
    return this.get('/images/json', options, 'list')
  }

  listContainers(options: { all?: boolean; size?: boolean; filters?: string } = {}): Promise<unknown> {
    return this.get('/containers/json', options, 'list')
  }

  getImage(name: string): { inspect(): Promise<unknown>; history(): Promise<unknown> } {
    return {
      inspect: () => this.get(imagePath(name, 'json'), {}, 'image'),
      history: () => this.get(imagePath(name, 'history'), {}, 'image'),
    }
  }
}

const CALLS = new Set(['version', 'info', 'listImages', 'listContainers', 'getImage'])

/**
 * The client as the connection's `docker`. The catalog and getEngineInfo call only the
 * methods above; a call to any other dockerode method is a mistake of this path and
 * throws at once instead of reaching the engine in another way.
 */
function asDocker(client: PlainEngineClient): Docker {
  return new Proxy(client, {
    get(target, property): unknown {
      if (typeof property !== 'string') return undefined
      if (!CALLS.has(property)) throw new Error(`the listing client has no ${property}(): this command must use dockerode`)
      // Bound to the client itself: its own helpers (get, agent) are not calls of the catalog.
      return (Reflect.get(target, property) as (...args: unknown[]) => unknown).bind(target)
    },
  }) as unknown as Docker
}

/** Connects as connectEngine does: an unversioned /version first, then every call pinned to min(daemon, newest known). */
export async function connectPlainEngine(endpoint: Endpoint, target: PlainTarget): Promise<PlainConnection> {
  const client = new PlainEngineClient(target, null)
  const close = (): void => {
    client.agent.destroy()
  }
  const timeout = AbortSignal.timeout(PROBE_TIMEOUT_MS)
  let daemon: DaemonVersion
  try {
    daemon = (await client.version({ abortSignal: timeout })) as DaemonVersion
  } catch (error) {
    close()
    if (timeout.aborted) throw engineError(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' }), endpoint)
    throw engineError(error, endpoint)
  }
  let apiVersion: string
  try {
    apiVersion = pinApiVersion(daemon.ApiVersion, endpoint.url)
  } catch (error) {
    close()
    throw error
  }
  client.pin(apiVersion)
  const connection: EngineConnection = {
    endpoint,
    docker: asDocker(client),
    apiVersion,
    daemon,
    supports: (version) => compareApiVersions(apiVersion, version) >= 0,
  }
  return { connection, close }
}
