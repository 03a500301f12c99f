import type { run as english } from '../en/run'

export const run: typeof english = {
}
