import type { containers as english } from '../en/containers'

export const containers: typeof english = {
}
