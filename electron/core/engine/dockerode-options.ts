import { readFileSync } from 'node:fs'
import { Agent } from 'node:https'
import type Docker from 'dockerode'
import { failure } from '../../../shared/errors'
import { problem } from '../../../shared/problems'
import type { Endpoint } from './endpoint'

/** Maps a resolved endpoint to dockerode's connection options (no API version yet). */
export function dockerodeOptions(endpoint: Endpoint, readFile: (path: string) => Buffer = readFileSync): Docker.DockerOptions {
  switch (endpoint.kind) {
    case 'unix':
    case 'npipe':
      return { socketPath: endpoint.address }
    case 'tcp': {
      const { host, port } = splitHostPort(endpoint.address)
      if (endpoint.tls === null) return { protocol: 'http', host, port }
      const read = (path: string | null): Buffer | undefined => {
        if (path === null) return undefined
        try {
          return readFile(path)
        } catch (error) {
          throw failure('ENGINE_UNREACHABLE', problem('engine.tlsFileUnreadable', { path, endpoint: endpoint.url }), {
            endpoint: endpoint.url,
            path,
            cause: error instanceof Error ? error.message : String(error),
          })
        }
      }
      const material = { ca: read(endpoint.tls.ca), cert: read(endpoint.tls.cert), key: read(endpoint.tls.key) }
      if (endpoint.tls.verify) return { protocol: 'https', host, port, ...material }
      // docker-modem has no switch for an unverified server: an agent's options win over the request's in Node.
      const agent = new Agent({ ...material, rejectUnauthorized: false, keepAlive: true })
      // docker-modem passes `agent` on to every request; dockerode's type declarations omit it.
      return { protocol: 'https', host, port, ...material, agent } as Docker.DockerOptions
    }
    case 'ssh':
      // ssh needs keys and a host key check, which only SshTransport (electron/core/engine/ssh) provides.
      throw failure('INTERNAL', problem('engine.sshNotDockerode', { endpoint: endpoint.url }), { endpoint: endpoint.url })
  }
}

function splitHostPort(address: string): { host: string; port: string } {
  const index = address.lastIndexOf(':')
  return { host: address.slice(0, index).replace(/^\[|\]$/g, ''), port: address.slice(index + 1) }
}
