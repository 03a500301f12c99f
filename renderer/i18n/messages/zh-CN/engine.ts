import type { engine as english } from '../en/engine'

export const engine: typeof english = {
}
