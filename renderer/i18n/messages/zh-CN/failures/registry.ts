import type { registryFailures as english } from '../../en/failures/registry'

export const registryFailures: typeof english = {}
