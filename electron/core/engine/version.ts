import { compareApiVersions } from '../../../shared/format'
import { StrataError } from '../../../shared/errors'

/** The newest Engine API version Strata has been written against. */
export const NEWEST_KNOWN_API = '1.51'
/** Below this the catalog (shared sizes, platform fields) cannot be computed. */
export const OLDEST_SUPPORTED_API = '1.41'

/** min(daemon, newest known); refuses daemons older than the oldest supported. */
export function pinApiVersion(daemonApiVersion: string, endpointUrl: string): string {
  if (!/^\d+\.\d+$/.test(daemonApiVersion)) {
    throw new StrataError('ENGINE_ERROR', `The engine at ${endpointUrl} reported an unreadable API version "${daemonApiVersion}".`, {
      endpoint: endpointUrl,
    })
  }
  if (compareApiVersions(daemonApiVersion, OLDEST_SUPPORTED_API) < 0) {
    throw new StrataError(
      'API_TOO_OLD',
      `The engine at ${endpointUrl} speaks API ${daemonApiVersion}; Strata needs ${OLDEST_SUPPORTED_API} or newer (Docker Engine 20.10+).`,
      { endpoint: endpointUrl, daemonApiVersion, minimum: OLDEST_SUPPORTED_API, hint: 'Upgrade the Docker engine.' },
    )
  }
  return compareApiVersions(daemonApiVersion, NEWEST_KNOWN_API) > 0 ? NEWEST_KNOWN_API : daemonApiVersion
}
