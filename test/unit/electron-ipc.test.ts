import type { IpcMainInvokeEvent, MenuItemConstructorOptions, WebContents } from 'electron'
import { ipcMain } from 'electron'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeEach, describe, expect, it, vi, type Mock } from 'vitest'
import type { StrataCore } from '../../electron/core/api/core'
import { EventRelay, bindContract, relayReadiness, unbindContract } from '../../electron/main/ipc'
import { menuTemplate } from '../../electron/main/menu'
import { hostFromArgv, readSettings } from '../../electron/main/settings'
import type { RendererLocation } from '../../electron/main/trust'
import type { Outcome } from '../../shared/errors'
import type { EventMessage } from '../../shared/events'
import { IPC_EVENT_CHANNEL, IPC_READY_CHANNEL, METHOD_NAMES, ipcChannel } from '../../shared/methods'

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

const location: RendererLocation = { kind: 'file', path: '/opt/strata/out/renderer/index.html' }
const TRUSTED = 'file:///opt/strata/out/renderer/index.html'

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

function invoke(method: (typeof METHOD_NAMES)[number], frameUrl: string | null, input: unknown): Promise<unknown> {
  const handler = fakeIpc.handlers.get(ipcChannel(method))
  if (handler === undefined) throw new Error(`no handler for ${method}`)
  const event = { senderFrame: frameUrl === null ? null : { url: frameUrl } } as unknown as IpcMainInvokeEvent
  return Promise.resolve(handler(event, input))
}

describe('bindContract', () => {
  it('handles each contract method exactly once, on its own channel', () => {
    bindContract(ipcMain, fakeCore({ ok: true, value: null }).core, location)
    expect(fakeIpc.handle).toHaveBeenCalledTimes(METHOD_NAMES.length)
    const channels = fakeIpc.handle.mock.calls.map((call) => call[0] as string)
    expect(channels.sort()).toEqual(METHOD_NAMES.map(ipcChannel).sort())
  })

  it('unbinds every channel so that binding again works', () => {
    bindContract(ipcMain, fakeCore({ ok: true, value: null }).core, location)
    unbindContract(ipcMain)
    expect(fakeIpc.handlers.size).toBe(0)
    expect(() => {
      bindContract(ipcMain, fakeCore({ ok: true, value: null }).core, location)
    }).not.toThrow()
  })

  it.each([['https://evil.example/'], ['file:///tmp/evil.html'], [null]])('refuses a call from frame %s without reaching the core', async (frameUrl) => {
    const { core, call } = fakeCore({ ok: true, value: 'secret' })
    bindContract(ipcMain, core, location)
    const result = await invoke('images.list', frameUrl, {})
    expect(result).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED', detail: { method: 'images.list' } } })
    expect(call).not.toHaveBeenCalled()
  })

  it('forwards a trusted call to core.call and returns its outcome', async () => {
    const outcome: Outcome<unknown> = { ok: true, value: [{ id: 'sha256:abc' }] }
    const { core, call } = fakeCore(outcome)
    bindContract(ipcMain, core, location)
    const input = { reference: 'alpine:3' }
    expect(await invoke('images.get', TRUSTED, input)).toEqual(outcome)
    expect(call).toHaveBeenCalledExactlyOnceWith('images.get', input)
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
  function ready(sender: WebContents, frameUrl: string | null): void {
    for (const listener of fakeIpc.listeners.get(IPC_READY_CHANNEL) ?? []) listener({ sender, senderFrame: frameUrl === null ? null : { url: frameUrl } })
  }

  it('marks ready only for its own contents from a trusted frame, and queues again on a main-frame load', () => {
    const own = fakeContents()
    const other = fakeContents()
    const relay = new EventRelay(own.contents)
    relayReadiness(ipcMain, relay, own.contents, location)
    relay.send(message('a'))
    ready(other.contents, TRUSTED)
    ready(own.contents, 'https://evil.example/')
    ready(own.contents, null)
    expect(own.send).not.toHaveBeenCalled()
    ready(own.contents, TRUSTED)
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

  it('has Edit with copy/paste and View with reload/toggleDevTools', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const template = menuTemplate(platform, 'Strata')
      expect(roles(template, 'Edit')).toEqual(expect.arrayContaining(['copy', 'paste']))
      expect(roles(template, 'View')).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']))
    }
  })

  it('starts with the app menu and quit on macOS only', () => {
    const mac = menuTemplate('darwin', 'Strata')
    expect(mac[0]?.label).toBe('Strata')
    expect(roles(mac, 'Strata')).toContain('quit')
    expect(menuTemplate('linux', 'Strata')[0]?.label).toBe('File')
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
    expect(readSettings(folderWith(JSON.stringify({ engineHost: 'unix:///tmp/d.sock' })))).toEqual({ engineHost: 'unix:///tmp/d.sock' })
  })

  it('readSettings falls back to null for a missing, garbage or wrongly typed file', () => {
    for (const content of [null, 'not json {', 'null', '{"engineHost": 42}', '{"engineHost": ""}']) {
      expect(readSettings(folderWith(content)), String(content)).toEqual({ engineHost: null })
    }
  })
})
