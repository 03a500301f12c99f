import type { StreamClient, StreamClientMessage, StreamHandlers, StreamName, StreamServerMessage } from '../../shared/streams'

/** One transport's way to carry a stream's messages: a WebSocket, or the preload's IPC. */
export interface StreamWire {
  post(message: StreamClientMessage): void
  /** The core's messages; `gone` when the transport itself broke (the socket closed without an end). */
  listen(receive: (message: StreamServerMessage) => void, gone: (reason: string) => void): void
  dispose(): void
}

/**
 * The page's side of one stream, the same on both transports: it opens the stream,
 * hands each message to its handler, acknowledges data once the handler returns (so
 * a page that cannot keep up holds the engine back), and ends exactly once.
 */
export function startStream<N extends StreamName>(wire: StreamWire, name: N, input: unknown, handlers: StreamHandlers<N>): StreamClient<N> {
  let ended = false
  const finish = (error: Parameters<StreamHandlers<N>['end']>[0]): void => {
    if (ended) return
    ended = true
    wire.dispose()
    handlers.end(error)
  }
  wire.listen(
    (message) => {
      if (ended) return
      if (message.op === 'opened') handlers.opened?.(message.info as never)
      else if (message.op === 'data') {
        handlers.data(message.chunk as never)
        wire.post({ op: 'ack', bytes: message.bytes })
      } else finish(message.error)
    },
    (reason) => {
      finish({ code: 'ENGINE_UNREACHABLE', message: `The stream was cut: ${reason}`, detail: {} })
    },
  )
  wire.post({ op: 'open', stream: name, input })
  return {
    send: (message) => {
      if (!ended) wire.post({ op: 'send', message })
    },
    close: () => {
      if (ended) return
      wire.post({ op: 'close' })
      finish(null)
    },
  }
}

let nextId = 0

/** A stream over the preload's IPC bridge. */
export function ipcStreamWire(bridge: StrataBridge): StreamWire {
  nextId += 1
  const id = `s${String(nextId)}-${Math.random().toString(36).slice(2, 10)}`
  let unsubscribe: (() => void) | null = null
  return {
    post: (message) => {
      bridge.streamPost(id, message)
    },
    listen: (receive) => {
      unsubscribe = bridge.onStream(id, (message) => {
        receive(message as StreamServerMessage)
      })
    },
    dispose: () => {
      unsubscribe?.()
    },
  }
}

/** A stream over its own WebSocket at /api/streams (the session cookie admits it). */
export function socketStreamWire(origin: string): StreamWire {
  const url = new URL('/api/streams', origin)
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
  const socket = new WebSocket(url)
  const queued: string[] = []
  let disposed = false
  socket.addEventListener('open', () => {
    for (const text of queued.splice(0)) socket.send(text)
  })
  return {
    post: (message) => {
      const text = JSON.stringify(message)
      if (socket.readyState === WebSocket.OPEN) socket.send(text)
      else if (socket.readyState === WebSocket.CONNECTING) queued.push(text)
    },
    listen: (receive, gone) => {
      socket.addEventListener('message', (event: MessageEvent<unknown>) => {
        if (typeof event.data !== 'string') return
        let parsed: unknown
        try {
          parsed = JSON.parse(event.data)
        } catch {
          return
        }
        if (typeof parsed === 'object' && parsed !== null && 'op' in parsed) receive(parsed as StreamServerMessage)
      })
      socket.addEventListener('close', (event) => {
        if (!disposed) gone(event.reason === '' ? `the connection to strata serve closed (${String(event.code)})` : event.reason)
      })
    },
    dispose: () => {
      disposed = true
      if (socket.readyState === WebSocket.OPEN || socket.readyState === WebSocket.CONNECTING) socket.close(1000)
    },
  }
}
