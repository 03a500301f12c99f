/**
 * "Save as" for a file inside an image. It is not a contract method because where
 * the bytes go differs per transport: Electron asks for a path in a native dialog
 * and writes there; the browser host streams a download the browser saves.
 * Kept free of schema code so the sandboxed preload can bundle it.
 */
export interface SaveFileRequest {
  ref: string
  /** The layer whose filesystem to read; the top one when missing. */
  layer?: number
  path: string
}

export type SaveFileResult =
  /** Written to `path` (Electron). */
  | { outcome: 'saved'; path: string; size: number }
  /** The user closed the dialog: nothing written. */
  | { outcome: 'cancelled' }
  /** Handed to the browser's download manager (browser host). */
  | { outcome: 'download' }

export const IPC_SAVE_FILE_CHANNEL = 'strata:save-file'

/** The browser host's route for downloads; GET, authenticated like the rest of /api. */
export const DOWNLOAD_PATH = '/api/download'

export function downloadUrl(request: SaveFileRequest): string {
  const query = new URLSearchParams({ ref: request.ref, path: request.path })
  if (request.layer !== undefined) query.set('layer', String(request.layer))
  return `${DOWNLOAD_PATH}?${query.toString()}`
}

/** The name a saved file gets by default: the last part of its path in the image. */
export function suggestedFileName(path: string): string {
  const name = path.split('/').filter((part) => part !== '').at(-1) ?? 'file'
  return name === '.' || name === '..' ? 'file' : name
}

/** "Save as" for text the page holds (a container's log): in Electron a native dialog picks the path. */
export interface SaveTextRequest {
  /** The name the dialog suggests, without folders. */
  fileName: string
  text: string
}

export const IPC_SAVE_TEXT_CHANNEL = 'strata:save-text'

/** Longest text saved in one request; a log is capped well below it (200,000 lines). */
export const MAX_SAVED_TEXT_CHARS = 256 * 1024 * 1024

/** The request, or why it is not one: a plain file name (no folders, nothing hidden) and a string. */
export function checkSaveTextRequest(value: unknown): { ok: true; request: SaveTextRequest } | { ok: false; message: string } {
  if (typeof value !== 'object' || value === null) return { ok: false, message: 'a text to save is an object with fileName and text' }
  const { fileName, text, ...rest } = value as Record<string, unknown>
  if (Object.keys(rest).length > 0) return { ok: false, message: `unexpected fields: ${Object.keys(rest).join(', ')}` }
  if (typeof fileName !== 'string' || !/^[^/\\\0]{1,200}$/.test(fileName) || fileName.startsWith('.')) return { ok: false, message: 'fileName is a plain file name of 1 to 200 characters, without folders, not starting with a dot' }
  if (typeof text !== 'string' || text.length > MAX_SAVED_TEXT_CHARS) return { ok: false, message: `text is a string of at most ${String(MAX_SAVED_TEXT_CHARS)} characters` }
  return { ok: true, request: { fileName, text } }
}
