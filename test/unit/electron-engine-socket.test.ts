import type { IpcMain, IpcMainInvokeEvent, OpenDialogOptions, OpenDialogReturnValue, WebContents } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import type { StrataCore } from '../../electron/core/api/core'
import { bindEngineSocket } from '../../electron/main/engine-socket'
import { mainFrameOf } from '../../electron/main/sender'
import type { RendererLocation } from '../../electron/main/trust'
import { IPC_CHOOSE_ENGINE_SOCKET_CHANNEL } from '../../shared/engine-socket'
import type { Outcome } from '../../shared/errors'
import type { EngineSwitch } from '../../shared/types'
import { RENDERER_PATH, fakeWindow, ipcEvent, type FakeFrame } from './electron-senders'

const location: RendererLocation = { kind: 'file', path: RENDERER_PATH }
const mainWindow = fakeWindow()
const SOCKET = '/home/me/.colima/default/docker.sock'
const SWITCHED: EngineSwitch = {
  endpoint: { url: `unix://${SOCKET}`, kind: 'unix', source: 'explicit', context: null },
  previous: { url: 'unix:///var/run/docker.sock', kind: 'unix', source: 'default', context: null },
  cancelledTasks: [],
} as unknown as EngineSwitch

type Handler = (event: IpcMainInvokeEvent, input: unknown) => Promise<unknown>

function setup(open: OpenDialogReturnValue = { canceled: false, filePaths: [SOCKET] }, core: Outcome<unknown> = { ok: true, value: SWITCHED }) {
  const handlers = new Map<string, Handler>()
  const ipcMain = { handle: (channel: string, handler: Handler) => handlers.set(channel, handler) } as unknown as IpcMain
  const call = vi.fn<(method: unknown, input: unknown) => Promise<Outcome<unknown>>>(() => Promise.resolve(core))
  const showOpenDialog = vi.fn<(options: OpenDialogOptions) => Promise<OpenDialogReturnValue>>(() => Promise.resolve(open))
  bindEngineSocket(ipcMain, { call } as unknown as StrataCore, mainFrameOf(mainWindow.contents, location), { showOpenDialog })
  const invoke = (input: unknown, sender: WebContents = mainWindow.contents, frame: FakeFrame = mainWindow.mainFrame): Promise<unknown> => {
    const handler = handlers.get(IPC_CHOOSE_ENGINE_SOCKET_CHANNEL)
    if (handler === undefined) throw new Error('no handler')
    return handler(ipcEvent(sender, frame), input)
  }
  return { invoke, call, showOpenDialog }
}

describe('choose an engine socket (Electron main)', () => {
  it('asks in an open dialog that shows hidden files, with no filter, and switches to exactly the chosen socket', async () => {
    const { invoke, call, showOpenDialog } = setup()
    expect(await invoke({ save: true })).toEqual({ ok: true, value: { outcome: 'switched', host: `unix://${SOCKET}`, result: SWITCHED } })
    const options = showOpenDialog.mock.calls[0]?.[0]
    expect(options?.properties).toEqual(['openFile', 'showHiddenFiles'])
    expect(options?.filters).toBeUndefined()
    expect(call).toHaveBeenCalledExactlyOnceWith('engines.use', { host: `unix://${SOCKET}`, save: true })
  })

  it('switches nothing when the dialog is cancelled or answers no path', async () => {
    for (const open of [
      { canceled: true, filePaths: [] },
      { canceled: false, filePaths: [] },
      { canceled: false, filePaths: [''] },
    ]) {
      const { invoke, call } = setup(open)
      expect(await invoke({ save: false })).toEqual({ ok: true, value: { outcome: 'cancelled' } })
      expect(call).not.toHaveBeenCalled()
    }
  })

  it('answers the core’s refusal as it is', async () => {
    const refusal = { ok: false as const, error: { code: 'INVALID_INPUT' as const, message: 'not an address', detail: {} } }
    const { invoke } = setup(undefined, refusal)
    expect(await invoke({ save: true })).toEqual(refusal)
  })

  it('takes no path or anything else from the page, and no request from another frame', async () => {
    for (const input of [{ save: true, host: 'unix:///etc/passwd' }, { path: '/tmp/x.sock' }, null, 'save', { save: 'yes' }]) {
      const { invoke, call, showOpenDialog } = setup()
      expect(await invoke(input)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
      expect(showOpenDialog).not.toHaveBeenCalled()
      expect(call).not.toHaveBeenCalled()
    }
    const { invoke, showOpenDialog } = setup()
    const other = fakeWindow()
    expect(await invoke({ save: true }, other.contents, other.mainFrame)).toMatchObject({ ok: false })
    expect(showOpenDialog).not.toHaveBeenCalled()
  })
})
