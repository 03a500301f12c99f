import { failure } from '../../../shared/errors'
import { problem } from '../../../shared/problems'
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
      throw failure('INVALID_INPUT', problem('engine.notTrustable', { endpoint, current: session.endpoint.url }), { endpoint })
    }
    const ssh = session.ssh()
    if (ssh === null) throw failure('INVALID_INPUT', problem('engine.notSshEngine', { endpoint }), { endpoint })
    const trusted = (await ssh).trust(fingerprint)
    session.retryNow()
    return trusted
  },
}
