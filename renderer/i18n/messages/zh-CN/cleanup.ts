import type { cleanup as english } from '../en/cleanup'

export const cleanup: typeof english = {
}
