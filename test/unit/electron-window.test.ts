import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { isTrustedFrameUrl, type RendererLocation } from '../../electron/main/trust'
import { secureWebPreferences } from '../../electron/main/web-preferences'
import { createMainWindow, denyPermissions, hardenContents, loadRenderer } from '../../electron/main/window'

// Hoisted so the electron mock factory below can use these fakes.
const fakes = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => unknown
  type RequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void
  type CheckHandler = (contents: unknown, permission: string, origin: string, details: unknown) => boolean

  class FakeSession {
    requestHandler: RequestHandler | null = null
    checkHandler: CheckHandler | null = null
    setPermissionRequestHandler(handler: RequestHandler): void {
      this.requestHandler = handler
    }
    setPermissionCheckHandler(handler: CheckHandler): void {
      this.checkHandler = handler
    }
  }

  class FakeContents {
    readonly session = new FakeSession()
    readonly listeners = new Map<string, Listener[]>()
    openHandler: ((details: { url: string }) => unknown) | null = null
    on(name: string, listener: Listener): this {
      this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener])
      return this
    }
    setWindowOpenHandler(handler: (details: { url: string }) => unknown): void {
      this.openHandler = handler
    }
    /** Emits like Electron does; returns the event so callers can check preventDefault. */
    emit(name: string, ...args: unknown[]): { preventDefault: () => void } {
      const event = { preventDefault: vi.fn() }
      for (const listener of this.listeners.get(name) ?? []) listener(event, ...args)
      return event
    }
  }

  class FakeBrowserWindow {
    static readonly created: FakeBrowserWindow[] = []
    readonly webContents = new FakeContents()
    readonly show = vi.fn()
    readonly loadURL = vi.fn<(url: string) => Promise<void>>(() => Promise.resolve())
    readonly loadFile = vi.fn<(path: string) => Promise<void>>(() => Promise.resolve())
    readonly onceListeners = new Map<string, () => void>()
    constructor(readonly options: BrowserWindowConstructorOptions) {
      FakeBrowserWindow.created.push(this)
    }
    once(name: string, listener: () => void): this {
      this.onceListeners.set(name, listener)
      return this
    }
  }

  return { FakeBrowserWindow, FakeContents, FakeSession, openExternal: vi.fn<(url: string) => Promise<void>>(() => Promise.resolve()) }
})

vi.mock('electron', () => ({
  BrowserWindow: fakes.FakeBrowserWindow,
  nativeTheme: { shouldUseDarkColors: false },
  shell: { openExternal: fakes.openExternal },
}))

const RENDERER_PATH = '/opt/strata/out/renderer/index.html'
const fileLocation: RendererLocation = { kind: 'file', path: RENDERER_PATH }
const devLocation: RendererLocation = { kind: 'dev-server', url: 'http://localhost:5173/' }

const EXPECTED_PREFERENCES = {
  preload: '/opt/strata/out/preload/index.cjs',
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: false,
  devTools: false,
}

beforeEach(() => {
  fakes.openExternal.mockClear()
  fakes.FakeBrowserWindow.created.length = 0
})

describe('secureWebPreferences', () => {
  it('isolates and sandboxes the renderer, with no Node anywhere and our preload only', () => {
    const preferences = secureWebPreferences('/opt/strata/out/preload/index.cjs', { devTools: false })
    expect(preferences.contextIsolation).toBe(true)
    expect(preferences.sandbox).toBe(true)
    expect(preferences.nodeIntegration).toBe(false)
    expect(preferences.nodeIntegrationInWorker).toBe(false)
    expect(preferences.nodeIntegrationInSubFrames).toBe(false)
    expect(preferences.webviewTag).toBe(false)
    expect(preferences.webSecurity).toBe(true)
    expect(preferences.allowRunningInsecureContent).toBe(false)
    expect(preferences.preload).toBe('/opt/strata/out/preload/index.cjs')
    expect(preferences).toEqual(EXPECTED_PREFERENCES)
  })

  it('allows DevTools only when told to (development)', () => {
    expect(secureWebPreferences('/p.cjs', { devTools: false }).devTools).toBe(false)
    expect(secureWebPreferences('/p.cjs', { devTools: true }).devTools).toBe(true)
  })
})

describe('createMainWindow', () => {
  it('hands exactly the secure preferences to the BrowserWindow constructor', () => {
    createMainWindow('/opt/strata/out/preload/index.cjs', fileLocation, { devTools: false })
    expect(fakes.FakeBrowserWindow.created).toHaveLength(1)
    const options = fakes.FakeBrowserWindow.created[0]?.options
    expect(options?.webPreferences).toEqual(EXPECTED_PREFERENCES)
    expect(options?.show).toBe(false)
  })

  it('hardens the window contents, denies permissions and shows the window once ready', () => {
    createMainWindow('/p.cjs', fileLocation, { devTools: true })
    const window = fakes.FakeBrowserWindow.created[0]
    if (window === undefined) throw new Error('no window created')
    expect([...window.webContents.listeners.keys()].sort()).toEqual(['will-attach-webview', 'will-navigate', 'will-redirect'])
    expect(window.webContents.openHandler).not.toBeNull()
    expect(window.webContents.session.requestHandler).not.toBeNull()
    expect(window.webContents.session.checkHandler).not.toBeNull()
    expect(window.show).not.toHaveBeenCalled()
    window.onceListeners.get('ready-to-show')?.()
    expect(window.show).toHaveBeenCalledTimes(1)
  })
})

describe('loadRenderer', () => {
  it('loads the dev server URL or the built file', async () => {
    const dev = createMainWindow('/p.cjs', devLocation, { devTools: true })
    await loadRenderer(dev, devLocation)
    const built = createMainWindow('/p.cjs', fileLocation, { devTools: false })
    await loadRenderer(built, fileLocation)
    const [devFake, builtFake] = fakes.FakeBrowserWindow.created
    expect(devFake?.loadURL).toHaveBeenCalledWith('http://localhost:5173/')
    expect(devFake?.loadFile).not.toHaveBeenCalled()
    expect(builtFake?.loadFile).toHaveBeenCalledWith(RENDERER_PATH)
    expect(builtFake?.loadURL).not.toHaveBeenCalled()
  })
})

describe('hardenContents', () => {
  function hardened(): InstanceType<typeof fakes.FakeContents> {
    const contents = new fakes.FakeContents()
    hardenContents(contents as unknown as WebContents, fileLocation)
    return contents
  }

  it('prevents navigation and redirects away from the renderer, but not to it', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const contents = hardened()
    expect(contents.emit('will-navigate', 'https://evil.example/').preventDefault).toHaveBeenCalled()
    expect(contents.emit('will-navigate', 'file:///etc/passwd').preventDefault).toHaveBeenCalled()
    expect(contents.emit('will-redirect', 'https://evil.example/').preventDefault).toHaveBeenCalled()
    expect(contents.emit('will-navigate', `file://${RENDERER_PATH}`).preventDefault).not.toHaveBeenCalled()
    expect(contents.emit('will-redirect', `file://${RENDERER_PATH}#/images`).preventDefault).not.toHaveBeenCalled()
    expect(fakes.openExternal).not.toHaveBeenCalled()
    warn.mockRestore()
  })

  it('denies every new window and opens only allowed sites externally, logging the rest', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const contents = hardened()
    const open = (url: string): unknown => contents.openHandler?.({ url })
    expect(open('https://docs.docker.com/engine/reference/commandline/save/')).toEqual({ action: 'deny' })
    for (const url of ['https://evil.example/', 'https://github.com/attacker/payload/releases', 'http://docs.docker.com/', 'file:///etc/passwd', 'javascript:alert(1)']) {
      expect(open(url)).toEqual({ action: 'deny' })
    }
    expect(fakes.openExternal).toHaveBeenCalledExactlyOnceWith('https://docs.docker.com/engine/reference/commandline/save/')
    expect(warn).toHaveBeenCalledTimes(5)
    warn.mockRestore()
  })

  it('hands a refused navigation to an allowed site to the browser instead', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const contents = hardened()
    expect(contents.emit('will-navigate', 'https://docs.docker.com/').preventDefault).toHaveBeenCalled()
    expect(contents.emit('will-navigate', 'https://evil.example/').preventDefault).toHaveBeenCalled()
    expect(fakes.openExternal).toHaveBeenCalledExactlyOnceWith('https://docs.docker.com/')
    warn.mockRestore()
  })

  it('prevents attaching a webview', () => {
    expect(hardened().emit('will-attach-webview', {}, {}).preventDefault).toHaveBeenCalled()
  })
})

describe('denyPermissions', () => {
  it('answers every permission request and check with false', () => {
    const session = new fakes.FakeSession()
    denyPermissions(session as unknown as Session)
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read']) {
      const callback = vi.fn()
      session.requestHandler?.({}, permission, callback, {})
      expect(callback).toHaveBeenCalledExactlyOnceWith(false)
      expect(session.checkHandler?.({}, permission, 'file://', {})).toBe(false)
    }
  })
})

describe('isTrustedFrameUrl', () => {
  it('accepts the built renderer file, with or without a route fragment', () => {
    expect(isTrustedFrameUrl(`file://${RENDERER_PATH}`, fileLocation)).toBe(true)
    expect(isTrustedFrameUrl(`file://${RENDERER_PATH}#/images/sha256:abc`, fileLocation)).toBe(true)
  })

  it('refuses other files, other schemes, file URLs on a remote host, and garbage', () => {
    for (const url of [
      'file:///opt/strata/out/renderer/other.html',
      'file:///etc/passwd',
      `http://evil${RENDERER_PATH}`,
      `https://evil.example${RENDERER_PATH}`,
      `file://evil.example${RENDERER_PATH}`,
      undefined,
      '',
      'not a url',
      'file:///opt/strata/out/renderer/%E0%A4%A',
    ]) {
      expect(isTrustedFrameUrl(url, fileLocation), String(url)).toBe(false)
    }
  })

  it('compares Windows paths as Windows does: any case, either spelling of the drive letter; elsewhere exactly', () => {
    const windows: RendererLocation = { kind: 'file', path: 'C:\\Program Files\\Strata\\resources\\app.asar\\out\\renderer\\index.html' }
    expect(isTrustedFrameUrl('file:///c:/program%20files/strata/resources/app.asar/out/renderer/index.html', windows, 'win32')).toBe(true)
    expect(isTrustedFrameUrl('file:///C:/PROGRAM%20FILES/Strata/resources/app.asar/out/renderer/INDEX.html', windows, 'win32')).toBe(true)
    expect(isTrustedFrameUrl('file:///c:/program%20files/strata/resources/app.asar/out/renderer/other.html', windows, 'win32')).toBe(false)
    expect(isTrustedFrameUrl('file:///D:/Program%20Files/Strata/resources/app.asar/out/renderer/index.html', windows, 'win32')).toBe(false)
    // Linux and macOS file systems may tell case apart: a different case is a different file.
    expect(isTrustedFrameUrl(`file://${RENDERER_PATH.toUpperCase()}`, fileLocation, 'linux')).toBe(false)
    expect(isTrustedFrameUrl(`file://${RENDERER_PATH}`, fileLocation, 'linux')).toBe(true)
  })

  it('matches Windows paths and install folders with spaces or #', () => {
    const windows: RendererLocation = { kind: 'file', path: 'C:\\Program Files\\Strata\\out\\renderer\\index.html' }
    expect(isTrustedFrameUrl('file:///C:/Program%20Files/Strata/out/renderer/index.html', windows)).toBe(true)
    expect(isTrustedFrameUrl('file:///C:/Program%20Files/Strata/out/renderer/evil.html', windows)).toBe(false)
    const hashFolder: RendererLocation = { kind: 'file', path: '/home/ana/C#/strata/out/renderer/index.html' }
    expect(isTrustedFrameUrl('file:///home/ana/C%23/strata/out/renderer/index.html', hashFolder)).toBe(true)
    expect(isTrustedFrameUrl('file:///home/ana/C', hashFolder)).toBe(false)
  })

  it('accepts the dev-server origin only', () => {
    expect(isTrustedFrameUrl('http://localhost:5173/', devLocation)).toBe(true)
    expect(isTrustedFrameUrl('http://localhost:5173/#/images', devLocation)).toBe(true)
    for (const url of ['http://localhost:5174/', 'https://localhost:5173/', 'http://evil.example/', 'http://localhost:5173@evil.example/', `file://${RENDERER_PATH}`]) {
      expect(isTrustedFrameUrl(url, devLocation), url).toBe(false)
    }
  })
})
