import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { IPC_ANALYZE_DROPPED_FILE_CHANNEL, IPC_LOAD_DROPPED_FILE_CHANNEL } from '../../shared/dropped-file'

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
  analyzeDroppedFile(file: unknown, request: unknown): Promise<unknown>
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

describe('preload: a dropped file to analyze without loading', () => {
  it('sends the path Electron knows on the analysis channel, never one from the page', async () => {
    const dropped = { name: 'app.tar' }
    electron.getPathForFile.mockReturnValue('/home/me/app.tar')
    expect(await bridge.analyzeDroppedFile(dropped, { taskId: 'archive-1', path: '/etc/shadow', files: false })).toEqual({ ok: true, value: 'sent' })
    expect(electron.invoke).toHaveBeenCalledExactlyOnceWith(IPC_ANALYZE_DROPPED_FILE_CHANNEL, { path: '/home/me/app.tar', taskId: 'archive-1' })
  })

  it('sends nothing for a File without a path, saying it cannot be analyzed', async () => {
    electron.getPathForFile.mockReturnValue('')
    const answer = (await bridge.analyzeDroppedFile({ name: 'made.tar' }, undefined)) as { ok: boolean; error: { code: string; message: string } }
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(answer.error.message).toContain('cannot be analyzed')
    expect(electron.invoke).not.toHaveBeenCalled()
  })
})
