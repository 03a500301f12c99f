import type { FileFilter, IpcMain, OpenDialogOptions, OpenDialogReturnValue, SaveDialogOptions, SaveDialogReturnValue } from 'electron'
import { join } from 'node:path'
import { StrataError, type Outcome } from '../../shared/errors'
import { IPC_LOAD_IMAGES_FROM_CHANNEL, IPC_SAVE_IMAGES_AS_CHANNEL, archiveFileName, type LoadImagesFromResult, type SaveImagesAsResult } from '../../shared/image-files'
import { loadImagesFromInput, saveImagesAsInput } from '../../shared/image-files-input'
import type { LoadResult, SaveResult } from '../../shared/types'
import type { StrataCore } from '../core/api/core'
import { guardedHandler, type SenderCheck } from './sender'

/** The parts of Electron these handlers need, passed in so they are tested without Electron. */
export interface ImageFileDialogs {
  /** Both dialogs are attached to the app's window. */
  showSaveDialog(options: SaveDialogOptions): Promise<SaveDialogReturnValue>
  showOpenDialog(options: OpenDialogOptions): Promise<OpenDialogReturnValue>
  downloadsFolder(): string
}

// The engine reads compressed archives too, as docker load does.
const ARCHIVE_FILTERS: FileFilter[] = [
  { name: 'Image archives', extensions: ['tar', 'tgz', 'gz'] },
  { name: 'All files', extensions: ['*'] },
]

function invalid(what: string, issues: readonly { message: string }[]): Outcome<never> {
  return { ok: false, error: new StrataError('INVALID_INPUT', `Not ${what}: ${issues.map((issue) => issue.message).join('; ')}`).toWire() }
}

/**
 * "Save as…" and "Load from file…" for image archives: the path comes from a dialog this
 * request opened, never from the renderer, and a closed dialog writes and reads nothing.
 */
export function bindImageFiles(ipcMain: IpcMain, core: StrataCore, isMainFrame: SenderCheck, dialogs: ImageFileDialogs): void {
  ipcMain.handle(
    IPC_SAVE_IMAGES_AS_CHANNEL,
    guardedHandler(isMainFrame, 'save images', async (input): Promise<Outcome<SaveImagesAsResult>> => {
      const parsed = saveImagesAsInput.safeParse(input)
      if (!parsed.success) return invalid('images to save', parsed.error.issues)
      const { refs, taskId } = parsed.data
      const choice = await dialogs.showSaveDialog({
        title: refs.length === 1 ? `Save ${refs[0] ?? ''}` : `Save ${refs.length} images`,
        defaultPath: join(dialogs.downloadsFolder(), archiveFileName(refs)),
        filters: ARCHIVE_FILTERS,
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      })
      if (choice.canceled || choice.filePath === '') return { ok: true, value: { outcome: 'cancelled' } }
      // Exactly the chosen path: adding ".tar" would write a file the overwrite question was not about.
      const outcome = await core.call('images.save', { refs, path: choice.filePath, taskId })
      if (!outcome.ok) return outcome
      return { ok: true, value: { outcome: 'saved', result: outcome.value as SaveResult } }
    }),
  )
  ipcMain.handle(
    IPC_LOAD_IMAGES_FROM_CHANNEL,
    guardedHandler(isMainFrame, 'load images', async (input): Promise<Outcome<LoadImagesFromResult>> => {
      const parsed = loadImagesFromInput.safeParse(input)
      if (!parsed.success) return invalid('a load request', parsed.error.issues)
      const choice = await dialogs.showOpenDialog({ title: 'Load images from an archive', filters: ARCHIVE_FILTERS, properties: ['openFile'] })
      const [path] = choice.filePaths
      if (choice.canceled || path === undefined || path === '') return { ok: true, value: { outcome: 'cancelled' } }
      const outcome = await core.call('images.load', { path, taskId: parsed.data.taskId })
      if (!outcome.ok) return outcome
      return { ok: true, value: { outcome: 'loaded', path, result: outcome.value as LoadResult } }
    }),
  )
}
