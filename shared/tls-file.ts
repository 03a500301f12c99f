/**
 * "Choose…" beside a TLS file field in Electron: the main process asks for the file in a
 * native open dialog and answers its path, which the page then names in engines.probe,
 * engines.use or settings.saveEngine as a typed path would be.
 * Kept free of schema code so the sandboxed preload can bundle it.
 */
export const IPC_CHOOSE_TLS_FILE_CHANNEL = 'strata:choose-tls-file'

export type TlsFileRole = 'ca' | 'cert' | 'key'

export const TLS_FILE_ROLES: readonly TlsFileRole[] = ['ca', 'cert', 'key']

export interface ChooseTlsFileRequest {
  role: TlsFileRole
}

export type ChooseTlsFileResult = { outcome: 'chosen'; path: string } | { outcome: 'cancelled' }
