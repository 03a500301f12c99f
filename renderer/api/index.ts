import type { StrataApi } from '../../shared/contract'
import { createHttpClient } from './http-client'
import { createIpcClient } from './ipc-client'

let api: StrataApi | null = null

/** One interface, two transports: Electron's preload bridge, or the browser host. */
export function strataApi(): StrataApi {
  api ??= window.strata !== undefined ? createIpcClient(window.strata) : createHttpClient(window.location.origin)
  return api
}

/** Component and store tests put an in-memory API in the transports' place; null goes back to choosing one. */
export function setStrataApiForTests(fake: StrataApi | null): void {
  api = fake
}

/** Tells the Electron main process that event listeners are attached (browser mode needs nothing). */
export function announceReady(): void {
  window.strata?.ready()
}
