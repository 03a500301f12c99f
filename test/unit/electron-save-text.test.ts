import type { IpcMain, IpcMainInvokeEvent, SaveDialogOptions, SaveDialogReturnValue } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import { bindSaveText } from '../../electron/main/save-text'
import { mainFrameOf } from '../../electron/main/sender'
import type { RendererLocation } from '../../electron/main/trust'
import { IPC_SAVE_TEXT_CHANNEL } from '../../shared/save-file'
import { RENDERER_PATH, fakeWindow, ipcEvent, type FakeFrame } from './electron-senders'

const location: RendererLocation = { kind: 'file', path: RENDERER_PATH }
const mainWindow = fakeWindow()

type Handler = (event: IpcMainInvokeEvent, input: unknown) => Promise<unknown>

function setup(choice: SaveDialogReturnValue) {
  const handlers = new Map<string, Handler>()
  const ipcMain = { handle: (channel: string, handler: Handler) => handlers.set(channel, handler) } as unknown as IpcMain
  const showSaveDialog = vi.fn<(options: SaveDialogOptions) => Promise<SaveDialogReturnValue>>(() => Promise.resolve(choice))
  const writeFile = vi.fn<(path: string, text: string) => Promise<void>>(() => Promise.resolve())
  bindSaveText(ipcMain, mainFrameOf(mainWindow.contents, location), { showSaveDialog, downloadsFolder: () => '/home/me/Downloads', writeFile })
  const invoke = (input: unknown, sender = mainWindow.contents, frame: FakeFrame = mainWindow.mainFrame): Promise<unknown> => {
    const handler = handlers.get(IPC_SAVE_TEXT_CHANNEL)
    if (handler === undefined) throw new Error('no save-text handler')
    return handler(ipcEvent(sender, frame), input)
  }
  return { invoke, showSaveDialog, writeFile }
}

describe('save text as (Electron main, the Logs tab\'s Download)', () => {
  it('asks where, suggesting the name in Downloads, then writes the text there', async () => {
    const { invoke, showSaveDialog, writeFile } = setup({ canceled: false, filePath: '/home/me/web.log' })
    expect(await invoke({ fileName: 'web.log', text: 'ünï\nline\n' })).toEqual({ ok: true, value: { outcome: 'saved', path: '/home/me/web.log', size: 11 } })
    expect(showSaveDialog.mock.calls[0]?.[0]).toMatchObject({ defaultPath: '/home/me/Downloads/web.log', properties: expect.arrayContaining(['showOverwriteConfirmation']) as unknown })
    expect(writeFile).toHaveBeenCalledWith('/home/me/web.log', 'ünï\nline\n')
  })

  it('writes nothing when the dialog is cancelled', async () => {
    const { invoke, writeFile } = setup({ canceled: true, filePath: '' })
    expect(await invoke({ fileName: 'web.log', text: 'x' })).toEqual({ ok: true, value: { outcome: 'cancelled' } })
    expect(writeFile).not.toHaveBeenCalled()
  })

  it('refuses foreign frames, folders in the name and bad input before any dialog', async () => {
    const { invoke, showSaveDialog } = setup({ canceled: false, filePath: '/tmp/x' })
    const other = fakeWindow()
    expect(await invoke({ fileName: 'web.log', text: '' }, other.contents, other.mainFrame)).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } })
    expect(await invoke({ fileName: 'web.log', text: '' }, mainWindow.contents, mainWindow.subframe())).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } })
    for (const bad of [{ fileName: '../web.log', text: '' }, { fileName: 'a/b.log', text: '' }, { fileName: '.bashrc', text: '' }, { fileName: '', text: '' }, { fileName: 'web.log', text: 1 }, { fileName: 'web.log', text: '', path: '/etc' }, null]) {
      expect(await invoke(bad)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    }
    expect(showSaveDialog).not.toHaveBeenCalled()
  })
})
