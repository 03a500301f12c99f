import type { IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron'
import { StrataError, type Outcome } from '../../shared/errors'
import { isTrustedFrameUrl, type RendererLocation } from './trust'

/** Says whether an IPC message may be acted on. */
export type SenderCheck = (event: IpcMainEvent | IpcMainInvokeEvent) => boolean

/**
 * Only the main window's main frame, showing our renderer, may talk to the main process.
 * The URL alone is not enough: another window or an iframe can show the same file.
 */
export function mainFrameOf(contents: WebContents, location: RendererLocation): SenderCheck {
  return (event) => {
    if (event.sender !== contents) return false
    try {
      const frame = event.senderFrame
      if (frame === null || frame.parent !== null) return false
      // Two WebFrameMain objects may stand for one frame; its IDs say which frame it is.
      const main = contents.mainFrame
      return frame.processId === main.processId && frame.routingId === main.routingId && isTrustedFrameUrl(frame.url, location)
    } catch {
      // A frame disposed while its message was in flight throws on every property: refuse, never throw out of a handler.
      return false
    }
  }
}

/**
 * An IPC handler that acts only for the main frame and always resolves to an Outcome:
 * a thrown error would lose everything but its message crossing IPC.
 */
export function guardedHandler<T>(isMainFrame: SenderCheck, what: string, run: (input: unknown) => Promise<Outcome<T>>): (event: IpcMainInvokeEvent, input: unknown) => Promise<Outcome<T>> {
  return async (event, input) => {
    if (!isMainFrame(event)) return { ok: false, error: new StrataError('PERMISSION_DENIED', `This frame may not ${what}.`).toWire() }
    try {
      return await run(input)
    } catch (error) {
      return { ok: false, error: StrataError.from(error).toWire() }
    }
  }
}
