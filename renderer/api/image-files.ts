import { StrataError, parseWireError } from '../../shared/errors'
import type { AnalyzeDroppedFileResult, LoadDroppedFileResult } from '../../shared/dropped-file'
import type { ChooseEngineSocketRequest, ChooseEngineSocketResult } from '../../shared/engine-socket'
import type { ChooseTlsFileRequest, ChooseTlsFileResult } from '../../shared/tls-file'
import type { LoadImagesFromRequest, LoadImagesFromResult, SaveImagesAsRequest, SaveImagesAsResult } from '../../shared/image-files'

/**
 * In the app, files for images.save and images.load are chosen in the main process's
 * dialogs (the generic calls are refused there); in the browser the user types a path
 * on the machine `strata serve` runs on.
 */
export function choosesFilesInDialogs(): boolean {
  return window.strata !== undefined
}

function desktopBridge(): StrataBridge {
  const bridge = window.strata
  if (bridge === undefined) throw new StrataError('INTERNAL', 'File dialogs exist only in the Strata app.')
  return bridge
}

/** The value of an Outcome that crossed IPC, or its error rebuilt as a StrataError. */
function valueOf(outcome: unknown): unknown {
  const answer = outcome as { ok?: unknown; value?: unknown; error?: unknown } | null
  if (answer?.ok === true) return answer.value
  throw StrataError.fromWire(parseWireError(answer?.error))
}

export async function saveImagesAs(request: SaveImagesAsRequest): Promise<SaveImagesAsResult> {
  return valueOf(await desktopBridge().saveImagesAs(request)) as SaveImagesAsResult
}

export async function loadImagesFrom(request: LoadImagesFromRequest): Promise<LoadImagesFromResult> {
  return valueOf(await desktopBridge().loadImagesFrom(request)) as LoadImagesFromResult
}

/** Loads a file dropped on the window: the preload finds its path, the page hands over only the File. */
export async function loadDroppedFile(file: File, request: { taskId?: string }): Promise<LoadDroppedFileResult> {
  return valueOf(await desktopBridge().loadDroppedFile(file, request)) as LoadDroppedFileResult
}

/** Analyzes a file dropped on the window without loading it; as for a load, only the File crosses. */
export async function analyzeDroppedFile(file: File, request: { taskId?: string }): Promise<AnalyzeDroppedFileResult> {
  return valueOf(await desktopBridge().analyzeDroppedFile(file, request)) as AnalyzeDroppedFileResult
}

/** Asks for an engine's socket in the app's open dialog; the main process switches to it. */
export async function chooseEngineSocket(request: ChooseEngineSocketRequest): Promise<ChooseEngineSocketResult> {
  return valueOf(await desktopBridge().chooseEngineSocket(request)) as ChooseEngineSocketResult
}

/** Asks for one TLS file (CA, client certificate or key) in the app's open dialog. */
export async function chooseTlsFile(request: ChooseTlsFileRequest): Promise<ChooseTlsFileResult> {
  return valueOf(await desktopBridge().chooseTlsFile(request)) as ChooseTlsFileResult
}
