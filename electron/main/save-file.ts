import type { IpcMain, SaveDialogOptions, SaveDialogReturnValue } from 'electron'
import { join } from 'node:path'
import { StrataError, type Outcome } from '../../shared/errors'
import { IPC_SAVE_FILE_CHANNEL, suggestedFileName, type SaveFileResult } from '../../shared/save-file'
import { saveFileInput } from '../../shared/save-file-input'
import type { StrataCore } from '../core/api/core'
import { guardedHandler, type SenderCheck } from './sender'

/** The parts of Electron a save needs, passed in so the handler is tested without Electron. */
export interface SaveFileDeps {
  /** Shows the dialog attached to the app's window. */
  showSaveDialog(options: SaveDialogOptions): Promise<SaveDialogReturnValue>
  downloadsFolder(): string
}

/**
 * "Save as" for a file of an image: a native dialog picks the path (it asks before
 * replacing a file), then the core writes the file there without unpacking the image.
 */
export function bindSaveFile(ipcMain: IpcMain, core: StrataCore, isMainFrame: SenderCheck, deps: SaveFileDeps): void {
  ipcMain.handle(
    IPC_SAVE_FILE_CHANNEL,
    guardedHandler(isMainFrame, 'save files', async (input): Promise<Outcome<SaveFileResult>> => {
      const parsed = saveFileInput.safeParse(input)
      if (!parsed.success) {
        return { ok: false, error: new StrataError('INVALID_INPUT', `Not a file to save: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`).toWire() }
      }
      const { ref, layer, path } = parsed.data
      const choice = await deps.showSaveDialog({
        title: `Save ${suggestedFileName(path)}`,
        defaultPath: join(deps.downloadsFolder(), suggestedFileName(path)),
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      })
      if (choice.canceled || choice.filePath === '') return { ok: true, value: { outcome: 'cancelled' } }
      // The dialog already asked whether to replace an existing file.
      const written = await core.extractFile(ref, layer, path, choice.filePath, { replace: true })
      return { ok: true, value: { outcome: 'saved', path: choice.filePath, size: written.size } }
    }),
  )
}
