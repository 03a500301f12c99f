import type { files as english } from '../en/files'

export const files: typeof english = {
}
