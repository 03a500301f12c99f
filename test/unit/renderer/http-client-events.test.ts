import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createHttpClient } from '../../../renderer/api/http-client'
import { parseEventMessage } from '../../../shared/event-schemas'

/** The browser's WebSocket as the client uses it: the test opens, feeds and drops each socket. */
class FakeSocket {
  static made: FakeSocket[] = []
  private readonly handlers = new Map<string, ((event: unknown) => void)[]>()
  constructor(readonly url: URL) {
    FakeSocket.made.push(this)
  }
  addEventListener(type: string, handler: (event: unknown) => void): void {
    this.handlers.set(type, [...(this.handlers.get(type) ?? []), handler])
  }
  emit(type: string, event: unknown = {}): void {
    for (const handler of this.handlers.get(type) ?? []) handler(event)
  }
  message(data: unknown): void {
    this.emit('message', { data })
  }
}

const CONNECTED = { state: 'connected', endpoint: { url: 'unix:///run/docker.sock', kind: 'unix', source: 'default', context: null, tls: false }, message: null, retryInSeconds: null }

beforeEach(() => {
  FakeSocket.made = []
  vi.stubGlobal('WebSocket', FakeSocket)
  // The host is away unless a test says otherwise: the client's probe finds nobody.
  vi.stubGlobal('fetch', vi.fn(() => Promise.reject(new TypeError('connection refused'))))
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

describe('events from the browser host', () => {
  it('logs a malformed message and goes on delivering the good ones', () => {
    const api = createHttpClient('http://127.0.0.1:8080')
    const states: unknown[] = []
    api.on('engine.state', (state) => states.push(state.state))
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const socket = FakeSocket.made[0]
    expect(socket?.url.href).toBe('ws://127.0.0.1:8080/api/events')
    expect(() => {
      socket?.message('{not json')
      socket?.message(JSON.stringify({ event: 'engine.state', payload: { state: 'on fire' } }))
      socket?.message(JSON.stringify({ event: 'containers.changed', payload: { action: 'die', id: 'a', container: { id: 'a' } } }))
      socket?.message(JSON.stringify(['engine.state']))
      socket?.message(new ArrayBuffer(4))
      socket?.message(JSON.stringify({ event: 'engine.state', payload: CONNECTED }))
    }).not.toThrow()
    expect(warn).toHaveBeenCalledTimes(5)
    warn.mockRestore()
    expect(states).toEqual(['connected'])
  })

  it('says when the host went away and came back, and asks every store to read again', () => {
    const api = createHttpClient('http://127.0.0.1:8080')
    const transport: boolean[] = []
    const resets: string[] = []
    api.on('images.reset', ({ reason }) => resets.push(reason))
    api.onTransport?.((connected) => transport.push(connected))
    FakeSocket.made[0]?.emit('open')
    expect(resets).toEqual([])
    FakeSocket.made[0]?.emit('close')
    vi.advanceTimersByTime(600)
    expect(FakeSocket.made).toHaveLength(2)
    FakeSocket.made[1]?.emit('open')
    expect(transport).toEqual([false, true, false, true])
    expect(resets).toEqual(['host-reconnected'])
  })

  it('says when the host is back but refuses the session (strata serve started again with a new token)', async () => {
    const api = createHttpClient('http://127.0.0.1:8080')
    const transport: [boolean, boolean][] = []
    api.onTransport?.((connected, refused) => transport.push([connected, refused]))
    FakeSocket.made[0]?.emit('open')
    FakeSocket.made[0]?.emit('close')
    await vi.waitFor(() => { expect(transport).toEqual([[false, false], [true, false], [false, false]]); })
    const probe = vi.fn((url: URL) => Promise.resolve({ status: url.pathname === '/api/events' ? 401 : 500 }))
    vi.stubGlobal('fetch', probe)
    vi.advanceTimersByTime(600)
    FakeSocket.made[1]?.emit('close')
    await vi.waitFor(() => { expect(transport.at(-1)).toEqual([false, true]); })
    expect(probe).toHaveBeenCalledWith(new URL('http://127.0.0.1:8080/api/events'), { credentials: 'same-origin' })
    // The page opened with the new address is a new client; a socket that opens again clears the refusal.
    vi.advanceTimersByTime(1100)
    FakeSocket.made.at(-1)?.emit('open')
    expect(transport.at(-1)).toEqual([true, false])
  })

  it('tries again at most 4 s apart however long the host stays away, and from 0.5 s once it was back', () => {
    const api = createHttpClient('http://127.0.0.1:8080')
    api.onTransport?.(() => undefined)
    /** Drops the newest socket and says how many ms passed until the client made the next one. */
    const waitAfterDrop = (): number => {
      const before = FakeSocket.made.length
      FakeSocket.made.at(-1)?.emit('close')
      for (let ms = 1; ms <= 20_000; ms += 1) {
        vi.advanceTimersByTime(1)
        if (FakeSocket.made.length > before) return ms
      }
      return Number.POSITIVE_INFINITY
    }
    expect([waitAfterDrop(), waitAfterDrop(), waitAfterDrop(), waitAfterDrop(), waitAfterDrop(), waitAfterDrop()]).toEqual([500, 1000, 2000, 4000, 4000, 4000])
    FakeSocket.made.at(-1)?.emit('open')
    expect(waitAfterDrop()).toBe(500)
  })
})

describe('the event message check', () => {
  it('accepts every event the host sends in its own shape', () => {
    expect(parseEventMessage(JSON.stringify({ event: 'images.reset', payload: { reason: 'reconnected' } }))).toEqual({ event: 'images.reset', payload: { reason: 'reconnected' } })
    expect(parseEventMessage(JSON.stringify({ event: 'containers.changed', payload: { action: 'destroy', id: 'a', container: null } }))).toMatchObject({ event: 'containers.changed' })
  })

  it('says what is wrong with one that is not', () => {
    expect(parseEventMessage(JSON.stringify({ event: 'nope', payload: {} }))).toEqual({ invalid: 'unknown event "nope"' })
    expect(parseEventMessage('null')).toEqual({ invalid: 'not an object' })
    const wrong = parseEventMessage(JSON.stringify({ event: 'progress', payload: { taskId: 't', label: 'x', done: 'half', total: null, finished: false } }))
    expect('invalid' in wrong && wrong.invalid).toContain('done')
  })
})
