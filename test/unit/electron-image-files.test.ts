import type { IpcMain, IpcMainInvokeEvent, OpenDialogOptions, OpenDialogReturnValue, SaveDialogOptions, SaveDialogReturnValue, WebContents } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import type { StrataCore } from '../../electron/core/api/core'
import { bindImageFiles } from '../../electron/main/image-files'
import { mainFrameOf } from '../../electron/main/sender'
import type { RendererLocation } from '../../electron/main/trust'
import type { Outcome } from '../../shared/errors'
import { IPC_LOAD_IMAGES_FROM_CHANNEL, IPC_SAVE_IMAGES_AS_CHANNEL } from '../../shared/image-files'
import type { LoadResult, SaveResult } from '../../shared/types'
import { RENDERER_PATH, fakeWindow, ipcEvent, type FakeFrame } from './electron-senders'

const location: RendererLocation = { kind: 'file', path: RENDERER_PATH }
const mainWindow = fakeWindow()

const SAVED: SaveResult = { path: '/home/me/chosen/app.tar', bytes: 4096, images: [{ id: `sha256:${'a'.repeat(64)}`, repoTags: ['app:1'] }] }
const LOADED: LoadResult = { loaded: ['app:1'], images: [{ id: `sha256:${'a'.repeat(64)}`, repoTags: ['app:1'] }] }

type Handler = (event: IpcMainInvokeEvent, input: unknown) => Promise<unknown>

interface Answers {
  save?: SaveDialogReturnValue
  open?: OpenDialogReturnValue
  core?: Outcome<unknown>
}

function setup(answers: Answers = {}) {
  const handlers = new Map<string, Handler>()
  const ipcMain = { handle: (channel: string, handler: Handler) => handlers.set(channel, handler) } as unknown as IpcMain
  const call = vi.fn<(method: unknown, input: unknown) => Promise<Outcome<unknown>>>(() => Promise.resolve(answers.core ?? { ok: true, value: SAVED }))
  const showSaveDialog = vi.fn<(options: SaveDialogOptions) => Promise<SaveDialogReturnValue>>(() => Promise.resolve(answers.save ?? { canceled: false, filePath: '/home/me/chosen/app.tar' }))
  const showOpenDialog = vi.fn<(options: OpenDialogOptions) => Promise<OpenDialogReturnValue>>(() => Promise.resolve(answers.open ?? { canceled: false, filePaths: ['/home/me/chosen/app.tar'] }))
  // Only `call` is used by these handlers.
  bindImageFiles(ipcMain, { call } as unknown as StrataCore, mainFrameOf(mainWindow.contents, location), { showSaveDialog, showOpenDialog, downloadsFolder: () => '/home/me/Downloads' })
  const invoke = (channel: string, input: unknown, sender: WebContents = mainWindow.contents, frame: FakeFrame = mainWindow.mainFrame): Promise<unknown> => {
    const handler = handlers.get(channel)
    if (handler === undefined) throw new Error(`no handler on ${channel}`)
    return handler(ipcEvent(sender, frame), input)
  }
  return { invoke, call, showSaveDialog, showOpenDialog }
}

describe('save images as (Electron main)', () => {
  it('asks where in a save dialog and saves to exactly the chosen path', async () => {
    const { invoke, call, showSaveDialog } = setup({ save: { canceled: false, filePath: '/home/me/chosen/my archive' } })
    expect(await invoke(IPC_SAVE_IMAGES_AS_CHANNEL, { refs: ['registry.example.com:5000/team/app:1.0'], taskId: 'save-1' })).toEqual({ ok: true, value: { outcome: 'saved', result: SAVED } })
    const options = showSaveDialog.mock.calls[0]?.[0]
    expect(options?.defaultPath).toBe('/home/me/Downloads/app-1.0.tar')
    expect(options?.properties).toContain('showOverwriteConfirmation')
    expect(options?.filters?.[0]?.extensions).toContain('tar')
    // No ".tar" added: the dialog asked about replacing this name, not another.
    expect(call).toHaveBeenCalledExactlyOnceWith('images.save', { refs: ['registry.example.com:5000/team/app:1.0'], path: '/home/me/chosen/my archive', taskId: 'save-1' })
  })

  it('saves nothing when the dialog is cancelled or answers no path', async () => {
    for (const save of [
      { canceled: true, filePath: '' },
      { canceled: false, filePath: '' },
    ]) {
      const { invoke, call } = setup({ save })
      expect(await invoke(IPC_SAVE_IMAGES_AS_CHANNEL, { refs: ['app:1'] })).toEqual({ ok: true, value: { outcome: 'cancelled' } })
      expect(call).not.toHaveBeenCalled()
    }
  })

  it('refuses a path named by the renderer, and bad refs, before any dialog', async () => {
    const { invoke, call, showSaveDialog } = setup()
    for (const input of [{ refs: ['app:1'], path: '/home/me/.bashrc' }, { refs: [] }, { refs: ['-rf'] }, { refs: 'app:1' }, null]) {
      expect(await invoke(IPC_SAVE_IMAGES_AS_CHANNEL, input), JSON.stringify(input)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    }
    expect(showSaveDialog).not.toHaveBeenCalled()
    expect(call).not.toHaveBeenCalled()
  })

  it('refuses other windows, subframes and pages that are not the renderer before any dialog', async () => {
    const { invoke, call, showSaveDialog } = setup()
    const other = fakeWindow()
    const senders: [WebContents, FakeFrame][] = [
      [other.contents, other.mainFrame],
      [mainWindow.contents, mainWindow.subframe()],
      [mainWindow.contents, { ...mainWindow.mainFrame, url: 'https://evil.example/' }],
    ]
    for (const [sender, frame] of senders) {
      expect(await invoke(IPC_SAVE_IMAGES_AS_CHANNEL, { refs: ['app:1'] }, sender, frame)).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } })
    }
    expect(showSaveDialog).not.toHaveBeenCalled()
    expect(call).not.toHaveBeenCalled()
  })

  it("passes the core's refusal on, and a failing dialog as INTERNAL", async () => {
    const refused: Outcome<unknown> = { ok: false, error: { code: 'NOT_FOUND', message: 'No such image: app:1', detail: {} } }
    expect(await setup({ core: refused }).invoke(IPC_SAVE_IMAGES_AS_CHANNEL, { refs: ['app:1'] })).toEqual(refused)
    const broken = setup()
    broken.showSaveDialog.mockRejectedValueOnce(new Error('no display'))
    expect(await broken.invoke(IPC_SAVE_IMAGES_AS_CHANNEL, { refs: ['app:1'] })).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: 'no display' } })
    expect(broken.call).not.toHaveBeenCalled()
  })
})

describe('load images from (Electron main)', () => {
  it('asks for one archive in an open dialog and loads exactly that file', async () => {
    const { invoke, call, showOpenDialog } = setup({ open: { canceled: false, filePaths: ['/media/usb/images.tar.gz'] }, core: { ok: true, value: LOADED } })
    expect(await invoke(IPC_LOAD_IMAGES_FROM_CHANNEL, { taskId: 'load-1' })).toEqual({ ok: true, value: { outcome: 'loaded', path: '/media/usb/images.tar.gz', result: LOADED } })
    const options = showOpenDialog.mock.calls[0]?.[0]
    expect(options?.properties).toEqual(['openFile'])
    expect(options?.filters?.[0]?.extensions).toContain('tar')
    expect(call).toHaveBeenCalledExactlyOnceWith('images.load', { path: '/media/usb/images.tar.gz', taskId: 'load-1' })
  })

  it('loads nothing when the dialog is cancelled or answers no file', async () => {
    for (const open of [
      { canceled: true, filePaths: [] },
      { canceled: false, filePaths: [] },
      { canceled: true, filePaths: ['/tmp/ignored.tar'] },
    ]) {
      const { invoke, call } = setup({ open })
      expect(await invoke(IPC_LOAD_IMAGES_FROM_CHANNEL, {})).toEqual({ ok: true, value: { outcome: 'cancelled' } })
      expect(call).not.toHaveBeenCalled()
    }
  })

  it('refuses a path named by the renderer, and calls from a subframe, before any dialog', async () => {
    const { invoke, call, showOpenDialog } = setup()
    expect(await invoke(IPC_LOAD_IMAGES_FROM_CHANNEL, { path: '/etc/shadow' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(await invoke(IPC_LOAD_IMAGES_FROM_CHANNEL, { taskId: '' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(await invoke(IPC_LOAD_IMAGES_FROM_CHANNEL, {}, mainWindow.contents, mainWindow.subframe())).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } })
    expect(showOpenDialog).not.toHaveBeenCalled()
    expect(call).not.toHaveBeenCalled()
  })
})
