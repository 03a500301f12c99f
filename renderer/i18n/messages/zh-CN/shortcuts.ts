import type { shortcuts as english } from '../en/shortcuts'

export const shortcuts: typeof english = {
}
