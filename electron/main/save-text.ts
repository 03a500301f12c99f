import type { IpcMain, SaveDialogOptions, SaveDialogReturnValue } from 'electron'
import { join } from 'node:path'
import { StrataError, type Outcome } from '../../shared/errors'
import { IPC_SAVE_TEXT_CHANNEL, checkSaveTextRequest, type SaveFileResult } from '../../shared/save-file'
import { guardedHandler, type SenderCheck } from './sender'

/** The parts of Electron and the file system a text save needs, passed in so it is tested without either. */
export interface SaveTextDeps {
  showSaveDialog(options: SaveDialogOptions): Promise<SaveDialogReturnValue>
  downloadsFolder(): string
  writeFile(path: string, text: string): Promise<void>
}

/**
 * "Save as" for text the page holds (Download in the Logs tab): the path comes from the
 * dialog this request opened, never from the page, and the page's name is only a suggestion.
 */
export function bindSaveText(ipcMain: IpcMain, isMainFrame: SenderCheck, deps: SaveTextDeps): void {
  ipcMain.handle(
    IPC_SAVE_TEXT_CHANNEL,
    guardedHandler(isMainFrame, 'save text', async (input): Promise<Outcome<SaveFileResult>> => {
      const checked = checkSaveTextRequest(input)
      if (!checked.ok) return { ok: false, error: new StrataError('INVALID_INPUT', `Not a text to save: ${checked.message}`).toWire() }
      const { fileName, text } = checked.request
      const choice = await deps.showSaveDialog({
        title: `Save ${fileName}`,
        defaultPath: join(deps.downloadsFolder(), fileName),
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      })
      if (choice.canceled || choice.filePath === '') return { ok: true, value: { outcome: 'cancelled' } }
      // The dialog already asked whether to replace an existing file.
      await deps.writeFile(choice.filePath, text)
      return { ok: true, value: { outcome: 'saved', path: choice.filePath, size: Buffer.byteLength(text, 'utf8') } }
    }),
  )
}
