import type { transferFailures as english } from '../../en/failures/transfer'

export const transferFailures: typeof english = {}
