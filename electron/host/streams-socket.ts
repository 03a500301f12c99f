import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type RawData, type WebSocket } from 'ws'
import { StrataError } from '../../shared/errors'
import { parseStreamClientMessage, type StreamServerMessage } from '../../shared/streams'
import type { StrataCore } from '../core/api/core'
import type { OpenStream } from '../core/streams/stream-hub'

/** A terminal paste may be long; nothing else a client sends comes near this. */
export const MAX_STREAM_FRAME = 2 * 1024 * 1024

/** Close codes: 1000 the stream ended, 1008 the client broke the protocol (RFC 6455 §7.4.1). */
const CLOSE_DONE = 1000
const CLOSE_PROTOCOL = 1008

export interface StreamSockets {
  accept(request: IncomingMessage, socket: Duplex, head: Buffer): void
  close(): void
}

/**
 * The WebSocket at /api/streams: one socket per stream. The client's first message opens
 * it ({ op: 'open', stream, input }); then it acknowledges data, sends terminal input, or
 * closes. Closing the socket closes the stream, so a tab that goes away leaves nothing
 * open on the engine. Anything malformed ends the stream with a clear error and 1008;
 * the host never throws for what a client sends.
 */
export function serveStreams(core: StrataCore): StreamSockets {
  const sockets = new Set<WebSocket>()
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_STREAM_FRAME })

  function attach(ws: WebSocket): void {
    let stream: OpenStream | null = null
    const send = (message: StreamServerMessage): void => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message))
    }
    const refuse = (message: string): void => {
      send({ op: 'end', error: new StrataError('INVALID_INPUT', message).toWire() })
      stream?.close()
      ws.close(CLOSE_PROTOCOL, 'Not a stream message.')
    }
    ws.on('message', (data: RawData, isBinary: boolean) => {
      let parsed: unknown
      try {
        parsed = isBinary ? undefined : JSON.parse(rawText(data))
      } catch {
        parsed = undefined
      }
      const message = parseStreamClientMessage(parsed)
      if ('invalid' in message) {
        refuse(`Not a stream message: ${message.invalid}.`)
        return
      }
      if (message.op === 'open') {
        if (stream !== null) {
          refuse('This socket has its stream already: open another socket for another stream.')
          return
        }
        stream = core.openStream(message.stream, message.input, {
          opened: (info) => {
            send({ op: 'opened', info })
          },
          data: (chunk, bytes) => {
            send({ op: 'data', chunk, bytes })
          },
          end: (error) => {
            send({ op: 'end', error })
            if (ws.readyState === ws.OPEN) ws.close(CLOSE_DONE)
          },
        })
        return
      }
      if (stream === null) {
        refuse('Open the stream first: { "op": "open", "stream": …, "input": … }.')
        return
      }
      if (message.op === 'ack') stream.ack(message.bytes)
      else if (message.op === 'send') stream.send(message.message)
      else stream.close()
    })
    ws.on('close', () => {
      sockets.delete(ws)
      stream?.close()
    })
    ws.on('error', () => {
      // ws has sent the close frame its rules call for; the close handler ends the stream.
      sockets.delete(ws)
      stream?.close()
    })
  }

  return {
    accept(request, socket, head) {
      wss.handleUpgrade(request, socket, head, (ws) => {
        sockets.add(ws)
        attach(ws)
      })
    },
    close() {
      for (const ws of sockets) ws.terminate()
      wss.close()
    },
  }
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8')
  return Buffer.from(data as ArrayBuffer).toString('utf8')
}
