import type { welcome as english } from '../en/welcome'

export const welcome: typeof english = {
}
