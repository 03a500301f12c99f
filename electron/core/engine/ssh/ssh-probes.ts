import type { Endpoint, EndpointEnvironment } from '../endpoint'
import type { SshTransport } from './ssh-transport'

/**
 * The ssh transports of recent "Test connection"s, by address. A host key an unknown
 * host presented there is what engines.trustHostKey may add for an engine that is
 * not the one in use: only a key a connection the user asked for actually saw.
 */
export class SshProbes {
  private readonly transports = new Map<string, SshTransport>()

  async transportFor(endpoint: Endpoint, environment: EndpointEnvironment): Promise<SshTransport> {
    const known = this.transports.get(endpoint.url)
    if (known !== undefined) return known
    const { SshTransport } = await import('./ssh-transport')
    const transport = new SshTransport(endpoint, environment)
    // A handful is plenty: one per address a user is testing right now.
    if (this.transports.size >= 8) this.transports.delete(this.transports.keys().next().value ?? '')
    this.transports.set(endpoint.url, transport)
    return transport
  }

  find(url: string): SshTransport | null {
    return this.transports.get(url) ?? null
  }
}
