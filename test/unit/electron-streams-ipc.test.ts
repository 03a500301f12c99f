import type { IpcMain, IpcMainEvent, WebContents } from 'electron'
import { describe, expect, it } from 'vitest'
import type { StrataCore } from '../../electron/core/api/core'
import type { StreamSink } from '../../electron/core/streams/stream-hub'
import { mainFrameOf } from '../../electron/main/sender'
import { bindStreams } from '../../electron/main/streams-ipc'
import type { RendererLocation } from '../../electron/main/trust'
import { IPC_STREAM_CHANNEL, IPC_STREAM_CONTROL_CHANNEL } from '../../shared/streams'
import { RENDERER_PATH, fakeWindow, ipcEvent, type FakeFrame } from './electron-senders'

const location: RendererLocation = { kind: 'file', path: RENDERER_PATH }

/** A core whose streams the test ends by hand, recording what the transport asked. */
function setup() {
  const window = fakeWindow()
  const sent: { channel: string; payload: unknown }[] = []
  const contentsListeners = new Map<string, ((...args: unknown[]) => void)[]>()
  let destroyed = false
  Object.assign(window.contents, {
    send: (channel: string, payload: unknown) => sent.push({ channel, payload }),
    isDestroyed: () => destroyed,
    on: (name: string, listener: (...args: unknown[]) => void) => contentsListeners.set(name, [...(contentsListeners.get(name) ?? []), listener]),
    once: (name: string, listener: (...args: unknown[]) => void) => contentsListeners.set(name, [...(contentsListeners.get(name) ?? []), listener]),
  })
  const calls: string[] = []
  const sinks = new Map<string, StreamSink>()
  const core = {
    openStream: (name: string, input: unknown, sink: StreamSink) => {
      const key = JSON.stringify(input)
      calls.push(`open ${name} ${key}`)
      sinks.set(key, sink)
      return {
        ack: (bytes: number) => calls.push(`ack ${key} ${String(bytes)}`),
        send: (message: unknown) => calls.push(`send ${key} ${JSON.stringify(message)}`),
        close: () => calls.push(`close ${key}`),
      }
    },
  } as unknown as StrataCore
  let control: ((event: IpcMainEvent, envelope: unknown) => void) | null = null
  const ipcMain = {
    on: (channel: string, listener: (event: IpcMainEvent, envelope: unknown) => void) => {
      if (channel === IPC_STREAM_CONTROL_CHANNEL) control = listener
    },
  } as unknown as IpcMain
  bindStreams(ipcMain, core, window.contents, mainFrameOf(window.contents, location))
  const post = (envelope: unknown, frame: FakeFrame = window.mainFrame, sender: WebContents = window.contents): void => {
    control?.(ipcEvent(sender, frame) as unknown as IpcMainEvent, envelope)
  }
  const fire = (name: string, ...args: unknown[]): void => {
    for (const listener of contentsListeners.get(name) ?? []) listener(...args)
  }
  return {
    window,
    sent,
    calls,
    sinks,
    post,
    fire,
    destroy: () => {
      destroyed = true
      fire('destroyed')
    },
  }
}

describe('streams over IPC (Electron main)', () => {
  it('opens a stream per id, passes ack, send and close to it, and sends the core’s messages back under that id', () => {
    const { post, calls, sinks, sent } = setup()
    post({ id: 's1', message: { op: 'open', stream: 'containers.logs', input: { id: 'web' } } })
    expect(calls).toEqual(['open containers.logs {"id":"web"}'])
    const sink = sinks.get('{"id":"web"}')
    sink?.opened({ tty: false })
    sink?.data({ entries: [] }, 12)
    post({ id: 's1', message: { op: 'ack', bytes: 12 } })
    post({ id: 's1', message: { op: 'send', message: { kind: 'input', data: 'ls' } } })
    post({ id: 's1', message: { op: 'close' } })
    expect(calls.slice(1)).toEqual(['ack {"id":"web"} 12', 'send {"id":"web"} {"kind":"input","data":"ls"}', 'close {"id":"web"}'])
    sink?.end(null)
    expect(sent).toEqual([
      { channel: IPC_STREAM_CHANNEL, payload: { id: 's1', message: { op: 'opened', info: { tty: false } } } },
      { channel: IPC_STREAM_CHANNEL, payload: { id: 's1', message: { op: 'data', chunk: { entries: [] }, bytes: 12 } } },
      { channel: IPC_STREAM_CHANNEL, payload: { id: 's1', message: { op: 'end', error: null } } },
    ])
  })

  it('refuses malformed messages with INVALID_INPUT under their id, and ignores other frames and bad ids', () => {
    const { post, calls, sent, window } = setup()
    post({ id: 's2', message: { op: 'dance' } })
    expect(sent).toEqual([{ channel: IPC_STREAM_CHANNEL, payload: { id: 's2', message: { op: 'end', error: expect.objectContaining({ code: 'INVALID_INPUT' }) as unknown } } }])
    post({ id: 's3', message: { op: 'open', stream: 'containers.logs', input: {} } })
    post({ id: 's3', message: { op: 'open', stream: 'containers.logs', input: {} } })
    expect(sent.at(-1)?.payload).toMatchObject({ id: 's3', message: { op: 'end', error: { code: 'INVALID_INPUT', message: 'Stream s3 is open already.' } } })
    const before = calls.length
    post({ id: 's4', message: { op: 'open', stream: 'containers.logs', input: { other: true } } }, window.subframe())
    post({ id: '../x', message: { op: 'open', stream: 'containers.logs', input: {} } })
    post(null)
    post('open')
    expect(calls.length).toBe(before)
  })

  it('closes every open stream when the page navigates away or the window is destroyed', () => {
    const { post, calls, fire, destroy } = setup()
    post({ id: 'a', message: { op: 'open', stream: 'containers.stats', input: { id: 'a' } } })
    post({ id: 'b', message: { op: 'open', stream: 'containers.stats', input: { id: 'b' } } })
    fire('did-start-navigation', { isMainFrame: true, isSameDocument: true })
    expect(calls.filter((call) => call.startsWith('close'))).toEqual([])
    fire('did-start-navigation', { isMainFrame: true, isSameDocument: false })
    expect(calls.filter((call) => call.startsWith('close'))).toEqual(['close {"id":"a"}', 'close {"id":"b"}'])
    post({ id: 'c', message: { op: 'open', stream: 'containers.stats', input: { id: 'c' } } })
    destroy()
    expect(calls.at(-1)).toBe('close {"id":"c"}')
  })
})
