import type { IpcMain, WebContents } from 'electron'
import { StrataError } from '../../shared/errors'
import { IPC_STREAM_CHANNEL, IPC_STREAM_CONTROL_CHANNEL, isStreamId, parseStreamClientMessage, type StreamServerMessage } from '../../shared/streams'
import type { StrataCore } from '../core/api/core'
import type { OpenStream } from '../core/streams/stream-hub'
import type { SenderCheck } from './sender'

/** More streams than a window could show at once is a page gone wrong. */
const MAX_OPEN_STREAMS = 64

/**
 * Streams over IPC for the main window: the renderer names each stream with an id of
 * its own and sends open, ack, send and close on one channel; the core's messages go
 * back on another. A reload or a closed window closes every stream it had open.
 */
export function bindStreams(ipcMain: IpcMain, core: StrataCore, contents: WebContents, isMainFrame: SenderCheck): void {
  const open = new Map<string, OpenStream>()
  const reply = (id: string, message: StreamServerMessage): void => {
    if (!contents.isDestroyed()) contents.send(IPC_STREAM_CHANNEL, { id, message })
  }
  const closeAll = (): void => {
    for (const stream of open.values()) stream.close()
    open.clear()
  }

  ipcMain.on(IPC_STREAM_CONTROL_CHANNEL, (event, envelope: unknown) => {
    if (!isMainFrame(event)) return
    const { id, message: raw } = (typeof envelope === 'object' && envelope !== null ? envelope : {}) as { id?: unknown; message?: unknown }
    if (!isStreamId(id)) return
    const message = parseStreamClientMessage(raw)
    const refuse = (text: string): void => {
      reply(id, { op: 'end', error: new StrataError('INVALID_INPUT', text).toWire() })
      open.get(id)?.close()
      open.delete(id)
    }
    if ('invalid' in message) {
      refuse(`Not a stream message: ${message.invalid}.`)
      return
    }
    const stream = open.get(id)
    if (message.op === 'open') {
      if (stream !== undefined) { refuse(`Stream ${id} is open already.`); return; }
      if (open.size >= MAX_OPEN_STREAMS) { refuse(`At most ${String(MAX_OPEN_STREAMS)} streams may be open at once; close one first.`); return; }
      const started = core.openStream(message.stream, message.input, {
        opened: (info) => {
          reply(id, { op: 'opened', info })
        },
        data: (chunk, bytes) => {
          reply(id, { op: 'data', chunk, bytes })
        },
        end: (error) => {
          open.delete(id)
          reply(id, { op: 'end', error })
        },
      })
      open.set(id, started)
      return
    }
    if (stream === undefined) return
    if (message.op === 'ack') stream.ack(message.bytes)
    else if (message.op === 'send') stream.send(message.message)
    else stream.close()
  })
  contents.on('did-start-navigation', (details) => {
    if (details.isMainFrame && !details.isSameDocument) closeAll()
  })
  contents.once('destroyed', closeAll)
}
