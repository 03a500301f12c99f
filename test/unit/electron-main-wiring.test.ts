import type { MessageBoxOptions } from 'electron'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { appFolders } from '../../electron/main/app-folders'
import type { Outcome } from '../../shared/errors'
import { ipcChannel } from '../../shared/methods'
import type { FakeEmitter, FakeWindow } from './electron-fake-window'
import { ipcEvent } from './electron-senders'

type Handler = (event: unknown, input: unknown) => Promise<Outcome<unknown>>

// electron/main/index.ts runs as it would in Electron, against fakes: what it wires to what.
const fakes = vi.hoisted(() => ({
  folder: '',
  order: [] as string[],
  app: null as unknown as FakeEmitter & { quit: ReturnType<typeof vi.fn>; setPath: ReturnType<typeof vi.fn> },
  windows: [] as FakeWindow[],
  handlers: new Map<string, (event: unknown, input: unknown) => Promise<unknown>>(),
  showMessageBox: vi.fn<(...args: unknown[]) => Promise<{ response: number; checkboxChecked: boolean }>>(() => new Promise(() => undefined)),
  coreOptions: [] as unknown[],
  pull: { resolve: null as ((outcome: unknown) => void) | null },
  close: vi.fn(() => Promise.resolve()),
}))

vi.mock('electron', async () => {
  const { FakeEmitter: Emitter, FakeWindow: Window } = await import('./electron-fake-window')
  class FakeBrowserWindow extends Window {
    override readonly webContents = Object.assign(new Emitter(), {
      forcefullyCrashRenderer: vi.fn(),
      session: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() },
      setWindowOpenHandler: vi.fn(),
      isDestroyed: () => false,
      send: vi.fn(),
      mainFrame: { url: '', processId: 7, routingId: 1, parent: null },
    })
    constructor() {
      super()
      fakes.windows.push(this)
    }
    once = vi.fn()
    maximize = vi.fn()
    loadFile = vi.fn(() => Promise.resolve())
    loadURL = vi.fn(() => Promise.resolve())
    getNormalBounds = () => ({ x: 0, y: 0, width: 1200, height: 800 })
    isMaximized = () => false
  }
  fakes.app = Object.assign(new Emitter(), {
    isPackaged: false,
    name: 'Strata',
    quit: vi.fn(),
    setPath: vi.fn((name: string) => fakes.order.push(`setPath ${name}`)),
    getPath: (name: string) => join(fakes.folder, name),
    getVersion: () => '0.1.0',
    requestSingleInstanceLock: () => true,
    whenReady: () => {
      fakes.order.push('whenReady')
      return Promise.resolve()
    },
    setAppUserModelId: vi.fn(),
  })
  return {
    app: fakes.app,
    BrowserWindow: FakeBrowserWindow,
    clipboard: { writeText: vi.fn() },
    dialog: { showMessageBox: fakes.showMessageBox, showSaveDialog: vi.fn(), showOpenDialog: vi.fn() },
    ipcMain: {
      handle: (channel: string, handler: (event: unknown, input: unknown) => Promise<unknown>) => fakes.handlers.set(channel, handler),
      on: vi.fn(),
    },
    Menu: { buildFromTemplate: vi.fn(), setApplicationMenu: vi.fn() },
    nativeTheme: { shouldUseDarkColors: false },
    Notification: { isSupported: () => false },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    shell: { openPath: vi.fn(), openExternal: vi.fn() },
  }
})

vi.mock('../../electron/core/api/core', async () => {
  const { EventHub } = await import('../../electron/core/api/event-hub')
  return {
    createStrataCore: (options: unknown) => {
      fakes.coreOptions.push(options)
      return {
        events: new EventHub(),
        call: (method: string) =>
          method === 'registry.pull'
            ? new Promise((resolve) => {
                fakes.pull.resolve = resolve
              })
            : Promise.resolve({ ok: true, value: null }),
        follow: vi.fn(),
        close: fakes.close,
      }
    },
  }
})

type Listener = (...args: unknown[]) => void
let processListeners: { uncaught: Listener[]; rejection: Listener[] }
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

beforeAll(async () => {
  fakes.folder = mkdtempSync(join(tmpdir(), 'strata-main-'))
  mkdirSync(join(fakes.folder, 'userData'))
  processListeners = { uncaught: process.listeners('uncaughtException') as Listener[], rejection: process.listeners('unhandledRejection') as Listener[] }
  // Electron's process has this; Node's does not.
  Object.assign(process, { getSystemVersion: () => '6.1' })
  await import('../../electron/main/index')
  await settle()
})

afterAll(() => {
  process.removeAllListeners('uncaughtException')
  process.removeAllListeners('unhandledRejection')
  for (const listener of processListeners.uncaught) process.on('uncaughtException', listener)
  for (const listener of processListeners.rejection) process.on('unhandledRejection', listener)
  rmSync(fakes.folder, { recursive: true, force: true })
})

function mainWindow(): FakeWindow & { webContents: FakeEmitter & { mainFrame: { url: string } } } {
  const [window] = fakes.windows
  if (window === undefined) throw new Error('no window')
  return window as FakeWindow & { webContents: FakeEmitter & { mainFrame: { url: string } } }
}

describe('electron/main/index.ts', () => {
  it('moves Chromium’s session data to the cache folder before the app is ready, and gives the core the command line’s cache', () => {
    const folders = appFolders(process.env, process.platform, homedir())
    expect(fakes.app.setPath).toHaveBeenCalledWith('userData', folders.userData)
    expect(fakes.app.setPath).toHaveBeenCalledWith('sessionData', folders.sessionData)
    expect(fakes.order.indexOf('setPath sessionData')).toBeLessThan(fakes.order.indexOf('whenReady'))
    expect(fakes.coreOptions).toEqual([expect.objectContaining({ cacheDir: folders.cache })])
  })

  it('binds the tracked core: a pull started through IPC makes quitting ask, naming it', async () => {
    const window = mainWindow()
    const rendererPath = fileURLToPath(new URL('../../electron/renderer/index.html', import.meta.url))
    window.webContents.mainFrame.url = pathToFileURL(rendererPath).href
    const pull = fakes.handlers.get(ipcChannel('registry.pull')) as Handler | undefined
    if (pull === undefined) throw new Error('registry.pull is not bound')
    const frame = window.webContents.mainFrame as unknown as Parameters<typeof ipcEvent>[1]
    const pulling = pull(ipcEvent(window.webContents as never, frame), { ref: 'alpine:3.20' })
    expect(window.emitPreventable('close')).toBe(true)
    const options = fakes.showMessageBox.mock.calls[0]?.[1] as MessageBoxOptions | undefined
    expect(options?.message).toBe('A pull of alpine:3.20 is running. Quit anyway?')
    fakes.pull.resolve?.({ ok: true, value: {} })
    await expect(pulling).resolves.toEqual({ ok: true, value: {} })
  })

  it('cares for the renderer and quits when the last window closes', () => {
    const window = mainWindow()
    expect(window.webContents.listeners.has('render-process-gone')).toBe(true)
    expect(window.listeners.has('unresponsive')).toBe(true)
    fakes.app.emit('window-all-closed')
    expect(fakes.app.quit).toHaveBeenCalled()
  })
})
