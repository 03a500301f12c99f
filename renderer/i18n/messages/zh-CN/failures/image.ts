import type { imageFailures as english } from '../../en/failures/image'

export const imageFailures: typeof english = {}
