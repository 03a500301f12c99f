import type Docker from 'dockerode'
import { compareApiVersions } from '../../../shared/format'
import { DockerClient } from './dockerode-loader'
import { dockerodeOptions } from './dockerode-options'
import type { Endpoint } from './endpoint'
import { engineError } from './errors'
import { refuseEngineRedirects } from './modem-redirects'
import { limitSshHandshakes } from './ssh/handshake-limit'
import type { SshTransport } from './ssh/ssh-transport'
import { pinApiVersion } from './version'
import type { DaemonVersion } from './daemon-version'

// Re-exported: engine.info and commit read them from here.
export { isPodman, type DaemonVersion } from './daemon-version'

/**
 * A live link to one engine. Every request goes through `docker`, which is pinned
 * to `apiVersion`; core functions receive the connection as a parameter.
 */
export interface EngineConnection {
  readonly endpoint: Endpoint
  readonly docker: Docker
  readonly apiVersion: string
  readonly daemon: DaemonVersion
  /** True when the pinned API version is at least `version`. */
  supports(version: string): boolean
}

const PROBE_TIMEOUT_MS = 5000

/** `ssh` carries the keys and the host key check of an ssh:// endpoint; the other kinds need none. */
export async function connectEngine(endpoint: Endpoint, signal?: AbortSignal, ssh: SshTransport | null = null): Promise<EngineConnection> {
  refuseEngineRedirects()
  const options = ssh === null ? dockerodeOptions(endpoint) : ssh.dockerOptions()
  // The first call is unversioned so that any daemon, old or new, answers it.
  const probe = new DockerClient(options)
  if (ssh !== null) limitSshHandshakes(probe)
  const timeout = AbortSignal.timeout(PROBE_TIMEOUT_MS)
  const abortSignal = signal === undefined ? timeout : AbortSignal.any([signal, timeout])
  let daemon: DaemonVersion
  try {
    // dockerode accepts abortSignal here at run time; its type declarations omit it.
    const version = probe.version.bind(probe) as unknown as (options: { abortSignal: AbortSignal }) => Promise<DaemonVersion>
    daemon = await version({ abortSignal })
  } catch (error) {
    if (timeout.aborted && signal?.aborted !== true) {
      throw engineError(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' }), endpoint)
    }
    throw ssh?.explain(error) ?? engineError(error, endpoint)
  }
  const apiVersion = pinApiVersion(daemon.ApiVersion, endpoint.url)
  const docker = new DockerClient({ ...options, version: `v${apiVersion}` })
  if (ssh !== null) limitSshHandshakes(docker)
  return {
    endpoint,
    docker,
    apiVersion,
    daemon,
    supports: (version) => compareApiVersions(apiVersion, version) >= 0,
  }
}
