import type { layerFailures as english } from '../../en/failures/layer'

export const layerFailures: typeof english = {}
