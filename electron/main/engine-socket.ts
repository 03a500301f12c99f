import type { IpcMain, OpenDialogOptions, OpenDialogReturnValue } from 'electron'
import { StrataError, type Outcome } from '../../shared/errors'
import { IPC_CHOOSE_ENGINE_SOCKET_CHANNEL, type ChooseEngineSocketResult } from '../../shared/engine-socket'
import type { EngineSwitch } from '../../shared/types'
import type { StrataCore } from '../core/api/core'
import { guardedHandler, type SenderCheck } from './sender'

/** The part of Electron this handler needs, passed in so it is tested without Electron. */
export interface EngineSocketDialog {
  /** Attached to the app's window. */
  showOpenDialog(options: OpenDialogOptions): Promise<OpenDialogReturnValue>
}

/**
 * "Choose socket…": the socket comes from a dialog this request opened (sockets live in
 * hidden folders such as ~/.colima, so those are shown; no filter, a socket has no extension),
 * and a closed dialog switches nothing.
 */
export function bindEngineSocket(ipcMain: IpcMain, core: StrataCore, isMainFrame: SenderCheck, dialog: EngineSocketDialog): void {
  ipcMain.handle(
    IPC_CHOOSE_ENGINE_SOCKET_CHANNEL,
    guardedHandler(isMainFrame, 'choose an engine socket', async (input): Promise<Outcome<ChooseEngineSocketResult>> => {
      const request = input as { save?: unknown } | null
      if (typeof request !== 'object' || request === null || typeof request.save !== 'boolean' || Object.keys(request).some((key) => key !== 'save')) {
        return { ok: false, error: new StrataError('INVALID_INPUT', 'Not a socket request: expected { save: boolean }').toWire() }
      }
      const choice = await dialog.showOpenDialog({ title: 'Choose the engine’s socket', properties: ['openFile', 'showHiddenFiles'] })
      const [path] = choice.filePaths
      if (choice.canceled || path === undefined || path === '') return { ok: true, value: { outcome: 'cancelled' } }
      const host = `unix://${path}`
      const outcome = await core.call('engines.use', { host, save: request.save })
      if (!outcome.ok) return outcome
      return { ok: true, value: { outcome: 'switched', host, result: outcome.value as EngineSwitch } }
    }),
  )
}
