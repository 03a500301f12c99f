import { compareApiVersions } from '../../../shared/format'
import { failure } from '../../../shared/errors'
import { problem } from '../../../shared/problems'

/** The newest Engine API version Strata has been written against. */
export const NEWEST_KNOWN_API = '1.51'
/** Below this the catalog (shared sizes, platform fields) cannot be computed. */
export const OLDEST_SUPPORTED_API = '1.41'

/** min(daemon, newest known); refuses daemons older than the oldest supported. */
export function pinApiVersion(daemonApiVersion: string, endpointUrl: string): string {
  if (!/^\d+\.\d+$/.test(daemonApiVersion)) {
    throw failure('ENGINE_ERROR', problem('engine.apiVersionUnreadable', { endpoint: endpointUrl, version: daemonApiVersion }), { endpoint: endpointUrl })
  }
  if (compareApiVersions(daemonApiVersion, OLDEST_SUPPORTED_API) < 0) {
    throw failure(
      'API_TOO_OLD',
      problem('engine.apiTooOld', { endpoint: endpointUrl, version: daemonApiVersion, minimum: OLDEST_SUPPORTED_API }),
      { endpoint: endpointUrl, daemonApiVersion, minimum: OLDEST_SUPPORTED_API },
      problem('engine.upgradeEngineHint'),
    )
  }
  return compareApiVersions(daemonApiVersion, NEWEST_KNOWN_API) > 0 ? NEWEST_KNOWN_API : daemonApiVersion
}
