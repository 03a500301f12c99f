import type { IpcMain, IpcMainInvokeEvent, SaveDialogOptions, SaveDialogReturnValue } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import type { StrataCore } from '../../electron/core/api/core'
import { bindSaveFile } from '../../electron/main/save-file'
import { mainFrameOf } from '../../electron/main/sender'
import type { RendererLocation } from '../../electron/main/trust'
import { IPC_SAVE_FILE_CHANNEL } from '../../shared/save-file'
import { RENDERER_PATH, fakeWindow, ipcEvent, type FakeFrame } from './electron-senders'

const location: RendererLocation = { kind: 'file', path: RENDERER_PATH }
const mainWindow = fakeWindow()

type Handler = (event: IpcMainInvokeEvent, input: unknown) => Promise<unknown>

function setup(choice: SaveDialogReturnValue, extract: StrataCore['extractFile'] = () => Promise.resolve({ layer: 2, size: 42 })) {
  const handlers = new Map<string, Handler>()
  const ipcMain = { handle: (channel: string, handler: Handler) => handlers.set(channel, handler) } as unknown as IpcMain
  const extractFile = vi.fn(extract)
  const showSaveDialog = vi.fn<(options: SaveDialogOptions) => Promise<SaveDialogReturnValue>>(() => Promise.resolve(choice))
  // Only extractFile is used by the save handler.
  bindSaveFile(ipcMain, { extractFile } as unknown as StrataCore, mainFrameOf(mainWindow.contents, location), { showSaveDialog, downloadsFolder: () => '/home/me/Downloads' })
  const invoke = (input: unknown, sender = mainWindow.contents, frame: FakeFrame = mainWindow.mainFrame): Promise<unknown> => {
    const handler = handlers.get(IPC_SAVE_FILE_CHANNEL)
    if (handler === undefined) throw new Error('no save handler')
    return handler(ipcEvent(sender, frame), input)
  }
  return { invoke, extractFile, showSaveDialog }
}

describe('save as (Electron main)', () => {
  it('asks where, suggesting the file name in Downloads, then writes there replacing what the dialog confirmed', async () => {
    const { invoke, extractFile, showSaveDialog } = setup({ canceled: false, filePath: '/home/me/out/passwd' })
    expect(await invoke({ ref: 'app:1', layer: 2, path: 'etc/passwd' })).toEqual({ ok: true, value: { outcome: 'saved', path: '/home/me/out/passwd', size: 42 } })
    expect(showSaveDialog.mock.calls[0]?.[0]).toMatchObject({ defaultPath: '/home/me/Downloads/passwd', properties: expect.arrayContaining(['showOverwriteConfirmation']) as unknown })
    expect(extractFile).toHaveBeenCalledWith('app:1', 2, 'etc/passwd', '/home/me/out/passwd', { replace: true })
  })

  it('writes nothing when the dialog is cancelled', async () => {
    const { invoke, extractFile } = setup({ canceled: true, filePath: '' })
    expect(await invoke({ ref: 'app:1', path: 'etc/passwd' })).toEqual({ ok: true, value: { outcome: 'cancelled' } })
    expect(extractFile).not.toHaveBeenCalled()
  })

  it('refuses foreign frames, other windows, subframes and bad input before any dialog', async () => {
    const { invoke, showSaveDialog } = setup({ canceled: false, filePath: '/tmp/x' })
    const other = fakeWindow()
    expect(await invoke({ ref: 'app:1', path: 'etc/passwd' }, mainWindow.contents, { ...mainWindow.mainFrame, url: 'https://evil.example/' })).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } })
    expect(await invoke({ ref: 'app:1', path: 'etc/passwd' }, other.contents, other.mainFrame)).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } })
    expect(await invoke({ ref: 'app:1', path: 'etc/passwd' }, mainWindow.contents, mainWindow.subframe())).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } })
    expect(await invoke({ ref: 'app:1', path: '../etc/passwd' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(await invoke({ ref: 'app:1', path: '' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(await invoke({ ref: 'app:1', path: 'a', extra: true })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(showSaveDialog).not.toHaveBeenCalled()
  })

  it('reports a failed extraction as the core error', async () => {
    const { StrataError } = await import('../../shared/errors')
    const { invoke } = setup({ canceled: false, filePath: '/tmp/x' }, () => Promise.reject(new StrataError('NOT_FOUND', 'No file etc/passwd as of layer 0.')))
    expect(await invoke({ ref: 'app:1', path: 'etc/passwd' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: 'No file etc/passwd as of layer 0.' } })
  })
})
