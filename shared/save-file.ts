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
