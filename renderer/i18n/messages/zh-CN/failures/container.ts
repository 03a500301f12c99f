import type { containerFailures as english } from '../../en/failures/container'

export const containerFailures: typeof english = {}
