import type { EngineSwitch } from './types'

/**
 * "Choose socket…" in Electron: the main process asks for the engine's socket in a native
 * open dialog and switches to it itself, so the page never names the path.
 * Kept free of schema code so the sandboxed preload can bundle it.
 */
export const IPC_CHOOSE_ENGINE_SOCKET_CHANNEL = 'strata:choose-engine-socket'

export interface ChooseEngineSocketRequest {
  /** Open this engine next time too (engines.use's `save`). */
  save: boolean
}

export type ChooseEngineSocketResult = { outcome: 'switched'; host: string; result: EngineSwitch } | { outcome: 'cancelled' }
