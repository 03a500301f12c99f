import { defineStore } from 'pinia'
import { ref } from 'vue'
import { StrataError, type ErrorCode, type ErrorDetail } from '../../shared/errors'

export interface ShownError {
  key: number
  code: ErrorCode
  message: string
  /** Kept so the surface words a problem the core put there in the user's language. */
  detail: ErrorDetail
  hint: string | null
}

/** The app-wide error surface: every failed call lands here with its code. */
export const useErrorStore = defineStore('errors', () => {
  const shown = ref<ShownError[]>([])
  let nextKey = 1

  function report(error: unknown): void {
    const failure = StrataError.from(error)
    const hint = typeof failure.detail.hint === 'string' ? failure.detail.hint : null
    // The same failure repeating (e.g. every refresh while the engine is down) is shown once.
    if (shown.value.some((entry) => entry.code === failure.code && entry.message === failure.message)) return
    shown.value.push({ key: nextKey++, code: failure.code, message: failure.message, detail: failure.detail, hint })
  }

  function dismiss(key: number): void {
    shown.value = shown.value.filter((entry) => entry.key !== key)
  }

  function clear(): void {
    shown.value = []
  }

  return { shown, report, dismiss, clear }
})
