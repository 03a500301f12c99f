import type { IpcMainInvokeEvent, WebContents } from 'electron'

/** What mainFrameOf reads of a WebFrameMain. */
export interface FakeFrame {
  url: string
  processId: number
  routingId: number
  parent: FakeFrame | null
}

export const RENDERER_PATH = '/opt/strata/out/renderer/index.html'
export const TRUSTED_URL = `file://${RENDERER_PATH}`

let nextProcess = 1

/** A window's contents with its main frame; each call is another window (another renderer process). */
export function fakeWindow(url = TRUSTED_URL): { contents: WebContents; mainFrame: FakeFrame; subframe: (frameUrl?: string) => FakeFrame } {
  const processId = nextProcess++
  const mainFrame: FakeFrame = { url, processId, routingId: 1, parent: null }
  let nextRouting = 2
  const contents = { mainFrame } as unknown as WebContents
  return { contents, mainFrame, subframe: (frameUrl = url) => ({ url: frameUrl, processId, routingId: nextRouting++, parent: mainFrame }) }
}

/** An IPC event as Electron builds it: the sending contents and (read lazily, as a getter) the frame. */
export function ipcEvent(sender: WebContents, frame: FakeFrame | null | (() => FakeFrame | null)): IpcMainInvokeEvent {
  return {
    sender,
    get senderFrame() {
      return typeof frame === 'function' ? frame() : frame
    },
  } as unknown as IpcMainInvokeEvent
}
