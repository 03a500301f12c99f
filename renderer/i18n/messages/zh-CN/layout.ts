import type { layout as english } from '../en/layout'

export const layout: typeof english = {
}
