import type { IpcMain, OpenDialogOptions } from 'electron'
import { StrataError, type Outcome } from '../../shared/errors'
import { IPC_CHOOSE_TLS_FILE_CHANNEL, TLS_FILE_ROLES, type ChooseTlsFileResult, type TlsFileRole } from '../../shared/tls-file'
import type { EngineSocketDialog } from './engine-socket'
import { guardedHandler, type SenderCheck } from './sender'

const TITLES: Record<TlsFileRole, string> = {
  ca: 'Choose the CA certificate (ca.pem)',
  cert: 'Choose the client certificate (cert.pem)',
  key: 'Choose the client key (key.pem)',
}

/** docker's TLS files are PEM whatever their extension; "All files" stays offered for the odd name. */
const PEM_FILTERS: OpenDialogOptions['filters'] = [
  { name: 'PEM files', extensions: ['pem', 'crt', 'cer', 'key'] },
  { name: 'All files', extensions: ['*'] },
]

function isRole(value: unknown): value is TlsFileRole {
  return typeof value === 'string' && (TLS_FILE_ROLES as readonly string[]).includes(value)
}

/** Opens the dialog for one TLS file; a closed dialog answers cancelled and changes nothing. */
export function bindTlsFileDialog(ipcMain: IpcMain, isMainFrame: SenderCheck, dialog: EngineSocketDialog): void {
  ipcMain.handle(
    IPC_CHOOSE_TLS_FILE_CHANNEL,
    guardedHandler(isMainFrame, 'choose a TLS file', async (input): Promise<Outcome<ChooseTlsFileResult>> => {
      const request = input as { role?: unknown } | null
      if (typeof request !== 'object' || request === null || !isRole(request.role) || Object.keys(request).some((key) => key !== 'role')) {
        return { ok: false, error: new StrataError('INVALID_INPUT', 'Not a TLS file request: expected { role: "ca" | "cert" | "key" }').toWire() }
      }
      // Docker keeps its certificates in ~/.docker, a hidden folder.
      const choice = await dialog.showOpenDialog({ title: TITLES[request.role], properties: ['openFile', 'showHiddenFiles'], filters: PEM_FILTERS })
      const [path] = choice.filePaths
      if (choice.canceled || path === undefined || path === '') return { ok: true, value: { outcome: 'cancelled' } }
      return { ok: true, value: { outcome: 'chosen', path } }
    }),
  )
}
