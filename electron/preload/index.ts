import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron'
import { IPC_ANALYZE_DROPPED_FILE_CHANNEL, IPC_LOAD_DROPPED_FILE_CHANNEL } from '../../shared/dropped-file'
import { IPC_CHOOSE_ENGINE_SOCKET_CHANNEL } from '../../shared/engine-socket'
import { isEventName } from '../../shared/events'
import { IPC_LOAD_IMAGES_FROM_CHANNEL, IPC_SAVE_IMAGES_AS_CHANNEL } from '../../shared/image-files'
import { IPC_EVENT_CHANNEL, IPC_READY_CHANNEL, ipcChannel, isMethodName } from '../../shared/methods'
import { IPC_SAVE_FILE_CHANNEL, IPC_SAVE_TEXT_CHANNEL } from '../../shared/save-file'
import { IPC_CHOOSE_TLS_FILE_CHANNEL } from '../../shared/tls-file'
import { IPC_STREAM_CHANNEL, IPC_STREAM_CONTROL_CHANNEL } from '../../shared/streams'

/** Sends the path Electron knows for a dropped File; a File the page made itself has none, and nothing is sent. */
function sendDropped(channel: string, file: File, request: { taskId?: string } | undefined, verb: 'loaded' | 'analyzed'): Promise<unknown> {
  // getPathForFile throws for anything that is not a File (the page may pass anything).
  let path: string
  try {
    path = webUtils.getPathForFile(file)
  } catch {
    path = ''
  }
  if (path === '') {
    return Promise.resolve({ ok: false, error: { code: 'INVALID_INPUT', message: `That file has no path on this computer (it was not dropped from a folder), so it cannot be ${verb}.`, detail: {} } })
  }
  return ipcRenderer.invoke(channel, request?.taskId === undefined ? { path } : { path, taskId: request.taskId })
}

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
  /** Opens a save dialog in the main process and writes the page's text there (a log); resolves to an Outcome. */
  saveText(request: unknown): Promise<unknown> {
    return ipcRenderer.invoke(IPC_SAVE_TEXT_CHANNEL, request)
  },
  /** Asks for an archive path in a save dialog, then saves the images there; no path crosses from the page. */
  saveImagesAs(request: unknown): Promise<unknown> {
    return ipcRenderer.invoke(IPC_SAVE_IMAGES_AS_CHANNEL, request)
  },
  /** Asks for an archive in an open dialog, then loads it. */
  loadImagesFrom(request: unknown): Promise<unknown> {
    return ipcRenderer.invoke(IPC_LOAD_IMAGES_FROM_CHANNEL, request)
  },
  /**
   * Loads an archive dropped on the window. The page hands over the File, never a path:
   * Electron knows the path only of files the user dropped or picked, and a File the page
   * made itself has none, so the page cannot steer the load to a file of its choosing.
   */
  loadDroppedFile(file: File, request: { taskId?: string } | undefined): Promise<unknown> {
    return sendDropped(IPC_LOAD_DROPPED_FILE_CHANNEL, file, request, 'loaded')
  },
  /** Analyzes an archive dropped on the window without loading it; as loadDroppedFile, only the File crosses from the page. */
  analyzeDroppedFile(file: File, request: { taskId?: string } | undefined): Promise<unknown> {
    return sendDropped(IPC_ANALYZE_DROPPED_FILE_CHANNEL, file, request, 'analyzed')
  },
  /** Asks for an engine's socket in an open dialog, then switches to it; no path crosses from the page. */
  chooseEngineSocket(request: unknown): Promise<unknown> {
    return ipcRenderer.invoke(IPC_CHOOSE_ENGINE_SOCKET_CHANNEL, request)
  },
  /** Asks for one TLS file of a tcp:// engine in an open dialog; answers the chosen path. */
  chooseTlsFile(request: unknown): Promise<unknown> {
    return ipcRenderer.invoke(IPC_CHOOSE_TLS_FILE_CHANNEL, request)
  },
  /** Sends one stream message (open, ack, send, close) for the stream `id` the page chose. */
  streamPost(id: string, message: unknown): void {
    ipcRenderer.send(IPC_STREAM_CONTROL_CHANNEL, { id, message })
  },
  /** Listens to the core's messages of stream `id`; returns the unsubscribe. */
  onStream(id: string, listener: (message: unknown) => void): () => void {
    const wrapped = (_event: IpcRendererEvent, envelope: unknown): void => {
      const received = envelope as { id?: unknown; message?: unknown } | null
      if (received?.id === id) listener(received.message)
    }
    ipcRenderer.on(IPC_STREAM_CHANNEL, wrapped)
    return () => {
      ipcRenderer.removeListener(IPC_STREAM_CHANNEL, wrapped)
    }
  },
  ready(): void {
    ipcRenderer.send(IPC_READY_CHANNEL)
  },
}

contextBridge.exposeInMainWorld('strata', bridge)

export type StrataBridge = typeof bridge
