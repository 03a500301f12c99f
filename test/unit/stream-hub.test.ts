import { describe, expect, it } from 'vitest'
import type { EngineConnection } from '../../electron/core/engine/connection'
import { StreamHub, type StreamSink } from '../../electron/core/streams/stream-hub'
import type { SourceEvents, StreamSource } from '../../electron/core/streams/stream-source'
import { StrataError, type WireError } from '../../shared/errors'
import { STREAM_WINDOW_BYTES } from '../../shared/streams'

/** A source the test drives by hand, recording what the hub asked of it. */
function fakeSource() {
  const calls: string[] = []
  let events: SourceEvents | null = null
  const source: StreamSource = {
    pause: () => calls.push('pause'),
    resume: () => calls.push('resume'),
    send: (message) => {
      calls.push(`send:${JSON.stringify(message)}`)
      return Promise.resolve()
    },
    close: () => {
      calls.push('close')
      return Promise.resolve()
    },
  }
  return {
    calls,
    emit: () => {
      if (events === null) throw new Error('not opened')
      return events
    },
    open: (_connection: EngineConnection, _input: never, given: SourceEvents) => {
      events = given
      given.opened({ ready: true })
      return Promise.resolve(source)
    },
  }
}

function hubWith(fake: ReturnType<typeof fakeSource>, checkInput = (input: unknown) => input !== 'bad') {
  return new StreamHub({
    connection: () => Promise.resolve({} as EngineConnection),
    explain: (error) => StrataError.from(error),
    kinds: () =>
      Promise.resolve({
        parseInput: (input: unknown) => (checkInput(input) ? { ok: true as const, value: input } : { ok: false as const, error: new StrataError('INVALID_INPUT', 'bad input') }),
        parseMessage: (message: unknown) => (message === 'bad' ? { ok: false as const, error: new StrataError('INVALID_INPUT', 'bad message') } : { ok: true as const, value: message }),
        source: fake.open as never,
      }),
  })
}

function sink() {
  const seen = { opened: [] as unknown[], data: [] as unknown[], ends: [] as (WireError | null)[] }
  const target: StreamSink = {
    opened: (info) => seen.opened.push(info),
    data: (chunk) => seen.data.push(chunk),
    end: (error) => seen.ends.push(error),
  }
  return { seen, target }
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))

describe('StreamHub', () => {
  it('pauses the source above the window of unacknowledged bytes and resumes below half of it', async () => {
    const fake = fakeSource()
    const hub = hubWith(fake)
    const { seen, target } = sink()
    const stream = hub.start('containers.logs', { id: 'x' }, target)
    await settle()
    expect(seen.opened).toEqual([{ ready: true }])
    fake.emit().data('a', STREAM_WINDOW_BYTES)
    expect(fake.calls).toEqual([])
    fake.emit().data('b', 1)
    expect(fake.calls).toEqual(['pause'])
    fake.emit().data('c', 10)
    expect(fake.calls).toEqual(['pause'])
    stream.ack(STREAM_WINDOW_BYTES / 2)
    expect(fake.calls).toEqual(['pause'])
    stream.ack(11)
    expect(fake.calls).toEqual(['pause', 'resume'])
    expect(seen.data).toEqual(['a', 'b', 'c'])
    expect(hub.size).toBe(1)
  })

  it('ends each stream once: by the source, by the client (closing the source), or all at once', async () => {
    const fake = fakeSource()
    const hub = hubWith(fake)
    const first = sink()
    hub.start('containers.logs', {}, first.target)
    await settle()
    fake.emit().end(null)
    fake.emit().end(new Error('late'))
    expect(first.seen.ends).toEqual([null])
    expect(fake.calls).toEqual(['close'])

    const second = sink()
    const closing = hub.start('containers.logs', {}, second.target)
    await settle()
    closing.close()
    closing.close()
    expect(second.seen.ends).toEqual([null])

    const third = sink()
    hub.start('containers.logs', {}, third.target)
    await settle()
    expect(hub.size).toBe(1)
    hub.closeAll()
    expect(third.seen.ends).toEqual([expect.objectContaining({ code: 'CANCELLED' })])
    expect(hub.size).toBe(0)
  })

  it('refuses bad input without opening a source, and a bad message ends the stream', async () => {
    const fake = fakeSource()
    const hub = hubWith(fake)
    const refused = sink()
    hub.start('containers.logs', 'bad', refused.target)
    await settle()
    expect(refused.seen.ends).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', message: 'bad input' })])
    expect(refused.seen.opened).toEqual([])

    const open = sink()
    const stream = hub.start('containers.terminal', {}, open.target)
    await settle()
    stream.send({ kind: 'input', data: 'ls\r' })
    await settle()
    stream.send('bad')
    expect(fake.calls).toEqual(['send:{"kind":"input","data":"ls\\r"}', 'close'])
    expect(open.seen.ends).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', message: 'bad message' })])
    expect(hub.size).toBe(0)
  })

  it('survives a sink that throws', async () => {
    const fake = fakeSource()
    const hub = hubWith(fake)
    const stream = hub.start('containers.logs', {}, {
      opened: () => {
        throw new Error('socket gone')
      },
      data: () => {
        throw new Error('socket gone')
      },
      end: () => {
        throw new Error('socket gone')
      },
    })
    await settle()
    expect(() => {
      fake.emit().data('x', 1)
    }).not.toThrow()
    expect(() => {
      stream.close()
    }).not.toThrow()
  })
})
