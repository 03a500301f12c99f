import type { MenuItemConstructorOptions, WebContents } from 'electron'
import { ipcMain } from 'electron'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeEach, describe, expect, it, vi, type Mock } from 'vitest'
import type { StrataCore } from '../../electron/core/api/core'
import { DIALOG_ONLY_METHODS, EventRelay, bindContract, relayReadiness, unbindContract } from '../../electron/main/ipc'
import { menuTemplate } from '../../electron/main/menu'
import { mainFrameOf } from '../../electron/main/sender'
import { hostFromArgv, readSettings } from '../../electron/main/settings'
import type { RendererLocation } from '../../electron/main/trust'
import type { Outcome } from '../../shared/errors'
import type { EventMessage } from '../../shared/events'
import { IPC_EVENT_CHANNEL, IPC_READY_CHANNEL, METHOD_NAMES, ipcChannel } from '../../shared/methods'
import { RENDERER_PATH, fakeWindow, ipcEvent, type FakeFrame } from './electron-senders'

type Handler = (event: unknown, ...args: unknown[]) => unknown

// A fake ipcMain that, like Electron's, refuses a second handler on one channel.
const fakeIpc = vi.hoisted(() => ({
  handlers: new Map<string, (event: unknown, ...args: unknown[]) => unknown>(),
  listeners: new Map<string, ((event: unknown, ...args: unknown[]) => void)[]>(),
  handle: vi.fn(),
  removeHandler: vi.fn(),
  on: vi.fn(),
}))

// `ipcMain` imported from 'electron' below is this fake, as index.ts would pass it.
vi.mock('electron', () => ({ ipcMain: fakeIpc }))

const location: RendererLocation = { kind: 'file', path: RENDERER_PATH }
const mainWindow = fakeWindow()
const isMainFrame = mainFrameOf(mainWindow.contents, location)

beforeEach(() => {
  fakeIpc.handlers.clear()
  fakeIpc.listeners.clear()
  fakeIpc.handle.mockReset().mockImplementation((channel: string, handler: Handler) => {
    if (fakeIpc.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
    fakeIpc.handlers.set(channel, handler)
  })
  fakeIpc.removeHandler.mockReset().mockImplementation((channel: string) => fakeIpc.handlers.delete(channel))
  fakeIpc.on.mockReset().mockImplementation((channel: string, listener: (event: unknown) => void) => {
    fakeIpc.listeners.set(channel, [...(fakeIpc.listeners.get(channel) ?? []), listener])
  })
})

type CoreCall = Mock<(method: unknown, input: unknown) => Promise<Outcome<unknown>>>
type Send = Mock<(channel: string, message: unknown) => void>

function fakeCore(outcome: Outcome<unknown>): { core: StrataCore; call: CoreCall } {
  const call: CoreCall = vi.fn(() => Promise.resolve(outcome))
  // Only `call` is used by bindContract; the rest of the core is never touched.
  return { core: { call } as unknown as StrataCore, call }
}

/** Calls a method as the main window's main frame does, unless another sender is given. */
function invoke(method: (typeof METHOD_NAMES)[number], input: unknown, sender: WebContents = mainWindow.contents, frame: FakeFrame | null = mainWindow.mainFrame): Promise<unknown> {
  const handler = fakeIpc.handlers.get(ipcChannel(method))
  if (handler === undefined) throw new Error(`no handler for ${method}`)
  return Promise.resolve(handler(ipcEvent(sender, frame), input))
}

describe('bindContract', () => {
  it('handles each contract method exactly once, on its own channel', () => {
    bindContract(ipcMain, fakeCore({ ok: true, value: null }).core, isMainFrame)
    expect(fakeIpc.handle).toHaveBeenCalledTimes(METHOD_NAMES.length)
    const channels = fakeIpc.handle.mock.calls.map((call) => call[0] as string)
    expect(channels.sort()).toEqual(METHOD_NAMES.map(ipcChannel).sort())
  })

  it('unbinds every channel so that binding again works', () => {
    bindContract(ipcMain, fakeCore({ ok: true, value: null }).core, isMainFrame)
    unbindContract(ipcMain)
    expect(fakeIpc.handlers.size).toBe(0)
    expect(() => {
      bindContract(ipcMain, fakeCore({ ok: true, value: null }).core, isMainFrame)
    }).not.toThrow()
  })

  it.each([['https://evil.example/'], ['file:///tmp/evil.html']])('refuses a call from the main frame showing %s without reaching the core', async (frameUrl) => {
    const { core, call } = fakeCore({ ok: true, value: 'secret' })
    bindContract(ipcMain, core, isMainFrame)
    const result = await invoke('images.list', {}, mainWindow.contents, { ...mainWindow.mainFrame, url: frameUrl })
    expect(result).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED', detail: { method: 'images.list' } } })
    expect(call).not.toHaveBeenCalled()
  })

  it('refuses calls from another window, a subframe of the main window, and a frame already gone', async () => {
    const { core, call } = fakeCore({ ok: true, value: 'secret' })
    bindContract(ipcMain, core, isMainFrame)
    const other = fakeWindow()
    for (const [sender, frame] of [
      [other.contents, other.mainFrame],
      [mainWindow.contents, mainWindow.subframe()],
      [mainWindow.contents, null],
    ] as const) {
      expect(await invoke('images.list', {}, sender, frame)).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } })
    }
    expect(call).not.toHaveBeenCalled()
  })

  it('forwards a call from the main frame to core.call and returns its outcome', async () => {
    const outcome: Outcome<unknown> = { ok: true, value: [{ id: 'sha256:abc' }] }
    const { core, call } = fakeCore(outcome)
    bindContract(ipcMain, core, isMainFrame)
    const input = { reference: 'alpine:3' }
    expect(await invoke('images.get', input)).toEqual(outcome)
    expect(call).toHaveBeenCalledExactlyOnceWith('images.get', input)
  })

  it('refuses images.save and images.load with a path the renderer names, even from the main frame', async () => {
    expect([...DIALOG_ONLY_METHODS].sort()).toEqual(['images.load', 'images.save', 'layers.analyzeArchive'])
    const { core, call } = fakeCore({ ok: true, value: null })
    bindContract(ipcMain, core, isMainFrame)
    const save = await invoke('images.save', { refs: ['alpine:3'], path: '/home/me/.bashrc' })
    const load = await invoke('images.load', { path: '/etc/shadow' })
    expect(save).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED', detail: { method: 'images.save' } } })
    expect(load).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED', detail: { method: 'images.load' } } })
    expect((save as { error: { message: string } }).error.message).toMatch(/own dialogs/)
    expect(call).not.toHaveBeenCalled()
  })

  it('refuses layers.analyzeArchive with a path the renderer names: only a dropped file is analyzed', async () => {
    const { core, call } = fakeCore({ ok: true, value: null })
    bindContract(ipcMain, core, isMainFrame)
    const analysis = await invoke('layers.analyzeArchive', { path: '/etc/shadow' })
    expect(analysis).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED', detail: { method: 'layers.analyzeArchive' } } })
    expect((analysis as { error: { message: string } }).error.message).toMatch(/dropped on its window/)
    expect(call).not.toHaveBeenCalled()
  })
})

function fakeContents(): { contents: WebContents; send: Send; destroy: () => void; emit: (name: string, details: unknown) => void } {
  let destroyed = false
  const listeners = new Map<string, ((details: unknown) => void)[]>()
  const send: Send = vi.fn()
  const contents = {
    send,
    isDestroyed: () => destroyed,
    on: (name: string, listener: (details: unknown) => void) => listeners.set(name, [...(listeners.get(name) ?? []), listener]),
  }
  const emit = (name: string, details: unknown): void => {
    for (const listener of listeners.get(name) ?? []) listener(details)
  }
  return { contents: contents as unknown as WebContents, send, destroy: () => (destroyed = true), emit }
}

const message = (reason: string): EventMessage => ({ event: 'images.reset', payload: { reason } })
const sentMessages = (send: Send): unknown[] =>
  send.mock.calls.map((call) => {
    expect(call[0]).toBe(IPC_EVENT_CHANNEL)
    return call[1]
  })

describe('EventRelay', () => {
  it('queues until the renderer is ready, then sends in order', () => {
    const { contents, send } = fakeContents()
    const relay = new EventRelay(contents)
    relay.send(message('a'))
    relay.send(message('b'))
    expect(send).not.toHaveBeenCalled()
    relay.markReady()
    relay.send(message('c'))
    expect(sentMessages(send)).toEqual([message('a'), message('b'), message('c')])
  })

  it('drops the oldest messages past maxQueued', () => {
    const { contents, send } = fakeContents()
    const relay = new EventRelay(contents, 2)
    for (const reason of ['a', 'b', 'c', 'd']) relay.send(message(reason))
    relay.markReady()
    expect(sentMessages(send)).toEqual([message('c'), message('d')])
  })

  it('does nothing once the contents are destroyed', () => {
    const { contents, send, destroy } = fakeContents()
    const relay = new EventRelay(contents)
    relay.markReady()
    destroy()
    relay.send(message('a'))
    expect(send).not.toHaveBeenCalled()
  })

  it('queues again after markLoading', () => {
    const { contents, send } = fakeContents()
    const relay = new EventRelay(contents)
    relay.markReady()
    relay.markLoading()
    relay.send(message('a'))
    expect(send).not.toHaveBeenCalled()
    relay.markReady()
    expect(sentMessages(send)).toEqual([message('a')])
  })
})

describe('relayReadiness', () => {
  function ready(sender: WebContents, frame: FakeFrame | null): void {
    for (const listener of fakeIpc.listeners.get(IPC_READY_CHANNEL) ?? []) listener(ipcEvent(sender, frame))
  }

  it("marks ready only for its own window's main frame, and queues again on a main-frame load", () => {
    const own = fakeContents()
    const other = fakeWindow()
    const relay = new EventRelay(own.contents)
    relayReadiness(ipcMain, relay, own.contents, isMainFrame)
    relay.send(message('a'))
    ready(other.contents, other.mainFrame)
    ready(mainWindow.contents, mainWindow.subframe())
    ready(mainWindow.contents, { ...mainWindow.mainFrame, url: 'https://evil.example/' })
    ready(mainWindow.contents, null)
    expect(own.send).not.toHaveBeenCalled()
    ready(mainWindow.contents, mainWindow.mainFrame)
    expect(sentMessages(own.send)).toEqual([message('a')])

    own.emit('did-start-navigation', { isMainFrame: false, isSameDocument: false })
    own.emit('did-start-navigation', { isMainFrame: true, isSameDocument: true })
    relay.send(message('b'))
    expect(own.send).toHaveBeenCalledTimes(2)
    own.emit('did-start-navigation', { isMainFrame: true, isSameDocument: false })
    relay.send(message('c'))
    expect(own.send).toHaveBeenCalledTimes(2)
  })
})

describe('menuTemplate', () => {
  function roles(template: MenuItemConstructorOptions[], label: string): string[] {
    const submenu = template.find((menu) => menu.label === label)?.submenu
    if (!Array.isArray(submenu)) throw new Error(`no ${label} submenu`)
    return submenu.flatMap((item) => (item.role === undefined ? [] : [item.role]))
  }

  const DEVELOPER_ROLES = ['reload', 'forceReload', 'toggleDevTools']

  it('has Edit with copy/paste, and View with reload and DevTools in development', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const template = menuTemplate(platform, 'Strata', { packaged: false })
      expect(roles(template, 'Edit')).toEqual(expect.arrayContaining(['copy', 'paste']))
      expect(roles(template, 'View')).toEqual(expect.arrayContaining(DEVELOPER_ROLES))
    }
  })

  it('has no DevTools and no reload anywhere in a packaged app, but keeps zoom and full screen', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const template = menuTemplate(platform, 'Strata', { packaged: true })
      const everyRole = template.flatMap((menu) => roles(template, menu.label ?? ''))
      for (const role of DEVELOPER_ROLES) expect(everyRole, platform).not.toContain(role)
      expect(roles(template, 'View')).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen'])
      // No separator left dangling where the developer items were.
      const view = template.find((menu) => menu.label === 'View')?.submenu
      expect(Array.isArray(view) && view[0]?.type).not.toBe('separator')
    }
  })

  it('starts with the app menu and quit on macOS only', () => {
    const mac = menuTemplate('darwin', 'Strata', { packaged: true })
    expect(mac[0]?.label).toBe('Strata')
    expect(roles(mac, 'Strata')).toContain('quit')
    expect(menuTemplate('linux', 'Strata', { packaged: true })[0]?.label).toBe('File')
  })
})

describe('settings', () => {
  const dirs: string[] = []
  const folderWith = (content: string | null): string => {
    const dir = mkdtempSync(join(tmpdir(), 'strata-settings-'))
    dirs.push(dir)
    if (content !== null) writeFileSync(join(dir, 'settings.json'), content)
    return dir
  }
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  })

  it('hostFromArgv reads --host=x and --host x', () => {
    expect(hostFromArgv(['strata', '--host=tcp://10.0.0.5:2375'])).toBe('tcp://10.0.0.5:2375')
    expect(hostFromArgv(['strata', '--host', 'ssh://ops@box', '--other'])).toBe('ssh://ops@box')
    expect(hostFromArgv(['strata', '--host'])).toBeNull()
    expect(hostFromArgv(['strata', '--host-rules=x', '.'])).toBeNull()
  })

  it('readSettings returns engineHost from settings.json', () => {
    expect(readSettings(folderWith(JSON.stringify({ engineHost: 'unix:///tmp/d.sock' })))).toEqual({ engineHost: 'unix:///tmp/d.sock', engineTls: null })
    const tls = { ca: '/certs/ca.pem', cert: null, key: null, verify: true }
    expect(readSettings(folderWith(JSON.stringify({ engineHost: 'tcp://10.0.0.2:2376', engineTls: tls })))).toEqual({ engineHost: 'tcp://10.0.0.2:2376', engineTls: tls })
  })

  it('readSettings falls back to null for a missing, garbage or wrongly typed file', () => {
    for (const content of [null, 'not json {', 'null', '{"engineHost": 42}', '{"engineHost": ""}']) {
      expect(readSettings(folderWith(content)), String(content)).toEqual({ engineHost: null, engineTls: null })
    }
  })
})
