import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron'
import { StrataError, type Outcome } from '../../shared/errors'
import type { EventMessage } from '../../shared/events'
import { IPC_EVENT_CHANNEL, IPC_READY_CHANNEL, METHOD_NAMES, ipcChannel, type MethodName } from '../../shared/methods'
import type { StrataCore } from '../core/api/core'
import type { SenderCheck } from './sender'

/**
 * Methods whose path the renderer would name. In the app the main process asks for the
 * file in a native dialog instead (image-files.ts), or takes the one the user dropped
 * (dropped-file.ts), so a compromised page cannot pick one.
 */
export const DIALOG_ONLY_METHODS: ReadonlySet<MethodName> = new Set(['images.save', 'images.load', 'layers.analyzeArchive'])

function refused(message: string, method: MethodName): Outcome<never> {
  return { ok: false, error: new StrataError('PERMISSION_DENIED', message, { method }).toWire() }
}

/**
 * Binds every contract method once. Handlers refuse senders that are not the main
 * window's renderer and always resolve to an Outcome, because a thrown error would
 * lose everything but its message crossing IPC.
 */
export function bindContract(ipcMain: IpcMain, core: StrataCore, isMainFrame: SenderCheck): void {
  for (const method of METHOD_NAMES) {
    ipcMain.handle(ipcChannel(method), async (event: IpcMainInvokeEvent, input: unknown): Promise<Outcome<unknown>> => {
      if (!isMainFrame(event)) return refused('This frame may not call the Strata API.', method)
      if (method === 'layers.analyzeArchive') return refused('Strata analyzes only an archive dropped on its window: drop the file and choose "Analyze without loading".', method)
      if (DIALOG_ONLY_METHODS.has(method)) return refused('Strata picks the files it saves images to and loads them from in its own dialogs: use "Save as…" or "Load from file…".', method)
      return core.call(method, input)
    })
  }
}

export function unbindContract(ipcMain: IpcMain): void {
  for (const method of METHOD_NAMES) ipcMain.removeHandler(ipcChannel(method))
}

/**
 * Forwards core events to one window; until its renderer says it is ready,
 * events wait in a bounded queue so nothing sent during start-up is lost.
 */
export class EventRelay {
  private ready = false
  private readonly queue: EventMessage[] = []

  constructor(
    private readonly contents: WebContents,
    private readonly maxQueued = 1000,
  ) {}

  send(message: EventMessage): void {
    if (this.contents.isDestroyed()) return
    if (!this.ready) {
      this.queue.push(message)
      if (this.queue.length > this.maxQueued) this.queue.shift()
      return
    }
    this.contents.send(IPC_EVENT_CHANNEL, message)
  }

  markReady(): void {
    this.ready = true
    for (const message of this.queue.splice(0)) this.contents.send(IPC_EVENT_CHANNEL, message)
  }

  /** A reload makes the renderer start over; queue again until it says ready. */
  markLoading(): void {
    this.ready = false
  }
}

export function relayReadiness(ipcMain: IpcMain, relay: EventRelay, contents: WebContents, isMainFrame: SenderCheck): void {
  ipcMain.on(IPC_READY_CHANNEL, (event) => {
    if (isMainFrame(event)) relay.markReady()
  })
  contents.on('did-start-navigation', (details) => {
    if (details.isMainFrame && !details.isSameDocument) relay.markLoading()
  })
}
