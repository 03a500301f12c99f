import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import type { StrataCore } from '../core/api/core'

/** Events are small JSON; nothing a client could legitimately send comes near this. */
export const MAX_FRAME_PAYLOAD = 64 * 1024

/** Close code for a client that sends a message: the protocol is one-way (RFC 6455 §7.4.1, policy violation). */
export const CLOSE_CLIENT_MESSAGE = 1008

export interface EventSockets {
  /** Completes the WebSocket handshake of an admitted upgrade request. */
  accept(request: IncomingMessage, socket: Duplex, head: Buffer): void
  close(): void
}

/**
 * The WebSocket at /api/events: the host pushes `{ event, payload }` and expects
 * nothing back. A client message of any kind closes that socket with 1008. A
 * malformed frame (over the payload limit, unmasked, invalid UTF-8, a reserved
 * opcode or bit) makes `ws` close that socket with the code RFC 6455 names
 * (1009, 1002, 1007) and report an error, which is absorbed here: one bad
 * client never takes the host down.
 */
/** Events queued for one client that is not reading, before the host gives up on it. */
const MAX_UNREAD_BYTES = 16 * 1024 * 1024

export function serveEvents(core: StrataCore): EventSockets {
  const sockets = new Set<WebSocket>()
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_PAYLOAD })

  const unsubscribe = core.events.onAny((event, payload) => {
    const message = JSON.stringify({ event, payload })
    for (const ws of sockets) {
      if (ws.readyState !== ws.OPEN) continue
      // A client that stopped reading would make the host buffer every event for it without end.
      // Dropping it is safe: the page reconnects and refetches what it shows.
      if (ws.bufferedAmount > MAX_UNREAD_BYTES) ws.terminate()
      else ws.send(message)
    }
  })

  return {
    accept(request, socket, head) {
      wss.handleUpgrade(request, socket, head, (ws) => {
        sockets.add(ws)
        ws.on('error', () => {
          // ws has already sent the close frame with the right code; forget the socket.
          sockets.delete(ws)
        })
        ws.on('close', () => sockets.delete(ws))
        ws.on('message', () => {
          ws.close(CLOSE_CLIENT_MESSAGE, 'This socket only sends events.')
        })
        ws.send(JSON.stringify({ event: 'engine.state', payload: core.session.state }))
      })
    },
    close() {
      unsubscribe()
      for (const ws of sockets) ws.terminate()
      wss.close()
    },
  }
}
