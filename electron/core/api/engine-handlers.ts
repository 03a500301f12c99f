import { StrataError } from '../../../shared/errors'
import type { Handlers } from './handler-types'

type EngineMethods = 'engines.trustHostKey'

export const engineHandlers: Pick<Handlers, EngineMethods> = {
  'engines.trustHostKey': async ({ endpoint, fingerprint }, { session }) => {
    // A page may only vouch for the engine this core connects to, never name another host.
    if (endpoint !== session.endpoint.url) {
      throw new StrataError('INVALID_INPUT', `${endpoint} is not the engine Strata connects to (${session.endpoint.url}); nothing was added to known_hosts.`, { endpoint })
    }
    const ssh = session.ssh()
    if (ssh === null) throw new StrataError('INVALID_INPUT', `${endpoint} is not an ssh engine.`, { endpoint })
    const trusted = (await ssh).trust(fingerprint)
    session.retryNow()
    return trusted
  },
}
