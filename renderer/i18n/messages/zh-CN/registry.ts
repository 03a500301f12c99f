import type { registry as english } from '../en/registry'

export const registry: typeof english = {
}
