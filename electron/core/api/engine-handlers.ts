import { StrataError } from '../../../shared/errors'
import { probeAddress } from '../engine/discovery/probe-address'
import type { Handlers } from './handler-types'

/** A test the user is waiting on: longer than discovery's sweep, since Podman's /info or an ssh login take seconds. */
const DEFAULT_TEST_TIMEOUT_MS = 8000

type EngineMethods = 'engines.probe' | 'engines.trustHostKey'

export const engineHandlers: Pick<Handlers, EngineMethods> = {
  'engines.probe': ({ host, tls, timeoutMs }, context) => probeAddress(host, tls ?? null, timeoutMs ?? DEFAULT_TEST_TIMEOUT_MS, context.environment, context.sshProbes),
  'engines.trustHostKey': async ({ endpoint, fingerprint }, { session, sshProbes }) => {
    // A page may only vouch for a key a connection Strata made has seen: the engine in use, or one just tested.
    const tested = sshProbes.find(endpoint)
    if (tested !== null && endpoint !== session.endpoint.url) return tested.trust(fingerprint)
    if (endpoint !== session.endpoint.url) {
      throw new StrataError('INVALID_INPUT', `${endpoint} is neither the engine Strata connects to (${session.endpoint.url}) nor one tested with engines.probe; nothing was added to known_hosts.`, { endpoint })
    }
    const ssh = session.ssh()
    if (ssh === null) throw new StrataError('INVALID_INPUT', `${endpoint} is not an ssh engine.`, { endpoint })
    const trusted = (await ssh).trust(fingerprint)
    session.retryNow()
    return trusted
  },
}
