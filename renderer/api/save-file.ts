import { StrataError, parseWireError } from '../../shared/errors'
import { downloadUrl, suggestedFileName, type SaveFileRequest, type SaveFileResult, type SaveTextRequest } from '../../shared/save-file'

/**
 * Saves a file of an image where the user says: in Electron through the main
 * process's save dialog; in the browser as a download from the host.
 */
export async function saveImageFile(request: SaveFileRequest): Promise<SaveFileResult> {
  const bridge = window.strata
  if (bridge !== undefined) {
    const outcome = (await bridge.saveFile(request)) as { ok?: unknown; value?: unknown; error?: unknown } | null
    if (outcome?.ok === true) return outcome.value as SaveFileResult
    throw StrataError.fromWire(parseWireError(outcome?.error))
  }
  const link = document.createElement('a')
  link.href = downloadUrl(request)
  link.download = suggestedFileName(request.path)
  link.rel = 'noopener'
  document.body.append(link)
  link.click()
  link.remove()
  return { outcome: 'download' }
}

/**
 * Saves text the page holds (a log): in Electron through the main process's save dialog;
 * in the browser as a download of the text itself.
 */
export async function saveTextFile(request: SaveTextRequest): Promise<SaveFileResult> {
  const bridge = window.strata
  if (bridge !== undefined) {
    const outcome = (await bridge.saveText(request)) as { ok?: unknown; value?: unknown; error?: unknown } | null
    if (outcome?.ok === true) return outcome.value as SaveFileResult
    throw StrataError.fromWire(parseWireError(outcome?.error))
  }
  const url = URL.createObjectURL(new Blob([request.text], { type: 'text/plain;charset=utf-8' }))
  const link = document.createElement('a')
  link.href = url
  link.download = request.fileName
  document.body.append(link)
  link.click()
  link.remove()
  // The browser has taken the Blob once the click is handled; a later revoke keeps slow ones safe.
  setTimeout(() => {
    URL.revokeObjectURL(url)
  }, 10_000)
  return { outcome: 'download' }
}
