import type { engineFailures as english } from '../../en/failures/engine'

export const engineFailures: typeof english = {}
