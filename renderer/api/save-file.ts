import { StrataError, parseWireError } from '../../shared/errors'
import { downloadUrl, suggestedFileName, type SaveFileRequest, type SaveFileResult } from '../../shared/save-file'

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
