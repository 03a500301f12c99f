import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { isEventName } from '../../shared/events'
import { IPC_LOAD_IMAGES_FROM_CHANNEL, IPC_SAVE_IMAGES_AS_CHANNEL } from '../../shared/image-files'
import { IPC_EVENT_CHANNEL, IPC_READY_CHANNEL, ipcChannel, isMethodName } from '../../shared/methods'
import { IPC_SAVE_FILE_CHANNEL } from '../../shared/save-file'

/**
 * window.strata, generated from the contract's method list: `call` accepts only
 * the listed methods, `on` subscribes to core events and returns the unsubscribe.
 * Only plain data crosses; typed errors are rebuilt in renderer/api.
 */
const bridge = {
  call(method: string, input: unknown): Promise<unknown> {
    if (!isMethodName(method)) return Promise.resolve({ ok: false, error: { code: 'INVALID_INPUT', message: `Unknown method ${method}`, detail: {} } })
    return ipcRenderer.invoke(ipcChannel(method), input)
  },
  on(event: string, listener: (payload: unknown) => void): () => void {
    if (!isEventName(event)) throw new Error(`Unknown event ${event}`)
    const wrapped = (_ipcEvent: IpcRendererEvent, message: unknown): void => {
      const received = message as { event?: unknown; payload?: unknown } | null
      if (received?.event === event) listener(received.payload)
    }
    ipcRenderer.on(IPC_EVENT_CHANNEL, wrapped)
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, wrapped)
    }
  },
  /** Opens a save dialog in the main process and writes the file there; resolves to an Outcome. */
  saveFile(request: unknown): Promise<unknown> {
    return ipcRenderer.invoke(IPC_SAVE_FILE_CHANNEL, request)
  },
  /** Asks for an archive path in a save dialog, then saves the images there; no path crosses from the page. */
  saveImagesAs(request: unknown): Promise<unknown> {
    return ipcRenderer.invoke(IPC_SAVE_IMAGES_AS_CHANNEL, request)
  },
  /** Asks for an archive in an open dialog, then loads it. */
  loadImagesFrom(request: unknown): Promise<unknown> {
    return ipcRenderer.invoke(IPC_LOAD_IMAGES_FROM_CHANNEL, request)
  },
  ready(): void {
    ipcRenderer.send(IPC_READY_CHANNEL)
  },
}

contextBridge.exposeInMainWorld('strata', bridge)

export type StrataBridge = typeof bridge
