import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { IPC_LOAD_DROPPED_FILE_CHANNEL } from '../../shared/dropped-file'

// The preload run against a mocked electron: what it exposes and what it sends.
const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: vi.fn<(channel: string, input: unknown) => Promise<unknown>>(() => Promise.resolve({ ok: true, value: 'sent' })),
  getPathForFile: vi.fn<(file: unknown) => string>(),
}))
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (name: string, api: unknown) => electron.exposed.set(name, api) },
  ipcRenderer: { invoke: electron.invoke, on: vi.fn(), removeListener: vi.fn(), send: vi.fn() },
  webUtils: { getPathForFile: electron.getPathForFile },
}))

interface Bridge {
  loadDroppedFile(file: unknown, request: unknown): Promise<unknown>
}
let bridge: Bridge

beforeAll(async () => {
  await import('../../electron/preload/index')
  bridge = electron.exposed.get('strata') as Bridge
})
beforeEach(() => {
  electron.invoke.mockClear()
  electron.getPathForFile.mockReset()
})

describe('preload: a dropped file', () => {
  it('sends the path Electron knows for the File, never one from the page', async () => {
    const dropped = { name: 'app.tar' }
    electron.getPathForFile.mockReturnValue('/home/me/My Images/app.tar')
    expect(await bridge.loadDroppedFile(dropped, { taskId: 'load-1', path: '/etc/shadow' })).toEqual({ ok: true, value: 'sent' })
    expect(electron.getPathForFile).toHaveBeenCalledWith(dropped)
    expect(electron.invoke).toHaveBeenCalledExactlyOnceWith(IPC_LOAD_DROPPED_FILE_CHANNEL, { path: '/home/me/My Images/app.tar', taskId: 'load-1' })
  })

  it('sends nothing for a File the page made (no path) or for something that is no File', async () => {
    electron.getPathForFile.mockReturnValueOnce('').mockImplementationOnce(() => {
      throw new TypeError('Error processing argument at index 0')
    })
    for (const dropped of [{ name: 'made.tar' }, '/etc/passwd']) {
      expect(await bridge.loadDroppedFile(dropped, undefined)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    }
    expect(electron.invoke).not.toHaveBeenCalled()
  })

  it('omits a missing task ID', async () => {
    electron.getPathForFile.mockReturnValue('C:\\Users\\me\\app.tgz')
    await bridge.loadDroppedFile({}, undefined)
    expect(electron.invoke).toHaveBeenCalledWith(IPC_LOAD_DROPPED_FILE_CHANNEL, { path: 'C:\\Users\\me\\app.tgz' })
  })
})
