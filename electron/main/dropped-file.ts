import type { IpcMain } from 'electron'
import { basename } from 'node:path'
import { StrataError, type Outcome } from '../../shared/errors'
import { IPC_ANALYZE_DROPPED_FILE_CHANNEL, IPC_LOAD_DROPPED_FILE_CHANNEL, LOADABLE_ARCHIVE_SUFFIXES, isLoadableArchiveName, type LoadDroppedFileResult } from '../../shared/dropped-file'
import { contract } from '../../shared/contract'
import type { ArchiveAnalysis, LoadResult } from '../../shared/types'
import type { StrataCore } from '../core/api/core'
import { openRegularFile } from '../core/transfer/file-checks'
import { guardedHandler, type SenderCheck } from './sender'

// Exactly what images.load takes: the drop adds a check of the file, never a looser input.
const request = contract['images.load'].input
// Exactly what layers.analyzeArchive takes.
const analyzeRequest = contract['layers.analyzeArchive'].input

/**
 * Checks what the page could have forged despite the preload: the channel is reachable by a
 * compromised renderer with any string, so only an existing regular file named like an image
 * archive is read, never a device, a FIFO, a folder or ~/.ssh/id_rsa.
 */
export async function checkDroppedArchive(path: string): Promise<void> {
  if (!isLoadableArchiveName(basename(path))) {
    throw new StrataError('INVALID_INPUT', `${basename(path)} is not an image archive: Strata loads files ending in ${LOADABLE_ARCHIVE_SUFFIXES.join(', ')}.`, { path })
  }
  const { handle } = await openRegularFile(path)
  await handle.close()
}

/** The dropped-archive load and analysis: images.load or layers.analyzeArchive on a path the preload read from the dropped File. */
export function bindDroppedFile(ipcMain: IpcMain, core: StrataCore, isMainFrame: SenderCheck): void {
  ipcMain.handle(
    IPC_LOAD_DROPPED_FILE_CHANNEL,
    guardedHandler(isMainFrame, 'load dropped files', async (input): Promise<Outcome<LoadDroppedFileResult>> => {
      const parsed = request.safeParse(input)
      if (!parsed.success) {
        return { ok: false, error: new StrataError('INVALID_INPUT', `Not a dropped file: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`).toWire() }
      }
      const { path, taskId } = parsed.data
      await checkDroppedArchive(path)
      const outcome = await core.call('images.load', taskId === undefined ? { path } : { path, taskId })
      if (!outcome.ok) return outcome
      return { ok: true, value: { outcome: 'loaded', path, result: outcome.value as LoadResult } }
    }),
  )
  ipcMain.handle(
    IPC_ANALYZE_DROPPED_FILE_CHANNEL,
    guardedHandler(isMainFrame, 'analyze dropped files', async (input): Promise<Outcome<ArchiveAnalysis>> => {
      const parsed = analyzeRequest.safeParse(input)
      if (!parsed.success) {
        return { ok: false, error: new StrataError('INVALID_INPUT', `Not a dropped file: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`).toWire() }
      }
      await checkDroppedArchive(parsed.data.path)
      // With the file lists: the archive view shows each layer's changes, and cannot ask the archive again layer by layer.
      return (await core.call('layers.analyzeArchive', { ...parsed.data, files: true })) as Outcome<ArchiveAnalysis>
    }),
  )
}
