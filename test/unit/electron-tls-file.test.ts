import type { IpcMain, IpcMainInvokeEvent, OpenDialogOptions, OpenDialogReturnValue, WebContents } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import { mainFrameOf } from '../../electron/main/sender'
import { bindTlsFileDialog } from '../../electron/main/tls-file-dialog'
import type { RendererLocation } from '../../electron/main/trust'
import { IPC_CHOOSE_TLS_FILE_CHANNEL } from '../../shared/tls-file'
import { RENDERER_PATH, fakeWindow, ipcEvent, type FakeFrame } from './electron-senders'

const location: RendererLocation = { kind: 'file', path: RENDERER_PATH }
const mainWindow = fakeWindow()
const CA = '/home/me/.docker/build-box/ca.pem'

type Handler = (event: IpcMainInvokeEvent, input: unknown) => Promise<unknown>

function setup(open: OpenDialogReturnValue = { canceled: false, filePaths: [CA] }) {
  const handlers = new Map<string, Handler>()
  const ipcMain = { handle: (channel: string, handler: Handler) => handlers.set(channel, handler) } as unknown as IpcMain
  const showOpenDialog = vi.fn<(options: OpenDialogOptions) => Promise<OpenDialogReturnValue>>(() => Promise.resolve(open))
  bindTlsFileDialog(ipcMain, mainFrameOf(mainWindow.contents, location), { showOpenDialog })
  const invoke = (input: unknown, sender: WebContents = mainWindow.contents, frame: FakeFrame = mainWindow.mainFrame): Promise<unknown> => {
    const handler = handlers.get(IPC_CHOOSE_TLS_FILE_CHANNEL)
    if (handler === undefined) throw new Error('no handler')
    return handler(ipcEvent(sender, frame), input)
  }
  return { invoke, showOpenDialog }
}

describe('choose a TLS file (Electron main)', () => {
  it('asks for the named file in an open dialog that shows hidden folders and offers PEM files first, and answers its path', async () => {
    const { invoke, showOpenDialog } = setup()
    expect(await invoke({ role: 'ca' })).toEqual({ ok: true, value: { outcome: 'chosen', path: CA } })
    const options = showOpenDialog.mock.calls[0]?.[0]
    expect(options?.title).toMatch(/CA certificate/)
    expect(options?.properties).toEqual(['openFile', 'showHiddenFiles'])
    expect(options?.filters?.[0]?.extensions).toEqual(['pem', 'crt', 'cer', 'key'])
    await invoke({ role: 'key' })
    expect(showOpenDialog.mock.calls[1]?.[0].title).toMatch(/client key/)
  })

  it('answers cancelled when the dialog is closed or gives no path', async () => {
    for (const open of [
      { canceled: true, filePaths: [] },
      { canceled: false, filePaths: [] },
      { canceled: false, filePaths: [''] },
    ]) {
      const { invoke } = setup(open)
      expect(await invoke({ role: 'cert' })).toEqual({ ok: true, value: { outcome: 'cancelled' } })
    }
  })

  it('refuses any other request, and requests from another frame, without opening a dialog', async () => {
    for (const input of [{ role: 'passwd' }, { role: 'ca', path: '/etc/passwd' }, null, 'ca', {}]) {
      const { invoke, showOpenDialog } = setup()
      expect(await invoke(input)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
      expect(showOpenDialog).not.toHaveBeenCalled()
    }
    const { invoke, showOpenDialog } = setup()
    const other = fakeWindow()
    expect(await invoke({ role: 'ca' }, other.contents, other.mainFrame)).toMatchObject({ ok: false })
    expect(showOpenDialog).not.toHaveBeenCalled()
  })
})
