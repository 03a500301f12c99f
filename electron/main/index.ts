import { app, clipboard, dialog, ipcMain, Menu, screen, shell } from 'electron'
import type { OpenDialogOptions } from 'electron'
import { writeFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { installLastLineOfDefence } from '../core/api/call-guard'
import { createStrataCore } from '../core/api/core'
import { DEFAULT_SETTINGS } from '../core/settings/settings'
import type { Outcome } from '../../shared/errors'
import type { EngineInfo, StrataSettings } from '../../shared/types'
import { appFolders } from './app-folders'
import { cliToolActions } from './cli-install-run'
import { careForRenderer } from './crash-care'
import { bindDroppedFile } from './dropped-file'
import { bindStreams } from './streams-ipc'
import { aboutText, diagnosticsText, type HelpActions, type RuntimeVersions } from './help'
import { logEscapedErrors } from './escaped-errors'
import { bindEngineSocket } from './engine-socket'
import { bindTlsFileDialog } from './tls-file-dialog'
import { bindImageFiles } from './image-files'
import { openLogFile } from './log-file'
import { EventRelay, bindContract, relayReadiness } from './ipc'
import { LongTaskTracker, trackLongTasks } from './long-tasks'
import { menuTemplate } from './menu'
import { removeOldCaches } from './old-caches'
import { guardQuit } from './quit-guard'
import { bindSaveFile } from './save-file'
import { bindSaveText } from './save-text'
import { mainFrameOf } from './sender'
import { hostFromArgv, readSettings } from './settings'
import { APP_USER_MODEL_ID, notifyFinishedTasks } from './task-notifications'
import type { RendererLocation } from './trust'
import { createMainWindow, loadRenderer } from './window'
import { initialBounds, readWindowState, trackWindowState, writeWindowState } from './window-state'

const devServerUrl = process.env.ELECTRON_RENDERER_URL
const location: RendererLocation =
  !app.isPackaged && devServerUrl !== undefined
    ? { kind: 'dev-server', url: devServerUrl }
    : { kind: 'file', path: fileURLToPath(new URL('../renderer/index.html', import.meta.url)) }
const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url))

// The packaged app is named "Strata", so its default user-data folder (~/.config/Strata on Linux)
// would not be the command line's ~/.config/strata: one folder means one settings.json, so an
// image pinned in the app is pinned for `strata cleanup` and `strata serve` too. Set before the
// single-instance lock, which lives in this folder. It keeps settings, window state and logs
// only: Chromium's caches (sessionData, which must be set before ready to count) go below the
// platform's cache folder, beside the image cache the command line keeps.
const folders = appFolders(process.env, process.platform, homedir())
app.setPath('userData', folders.userData)
app.setPath('sessionData', folders.sessionData)
app.setPath('crashDumps', folders.crashDumps)

// The core runs in this process: an error no handler caught fails the one call it came from
// and is logged; the app stays open.
const log = openLogFile(app.getPath('logs'))
installLastLineOfDefence(logEscapedErrors(log))

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  void app.whenReady().then(start)
}

function start(): void {
  const settings = readSettings(app.getPath('userData'))
  // Every handler gets the tracked core, so the quit guard and the notifications see each long call.
  const tasks = new LongTaskTracker()
  const hostArgument = hostFromArgv(process.argv)
  const engineCore = createStrataCore({
    host: hostArgument ?? settings.engineHost,
    // The saved TLS files belong to the saved engine, not to an address given on the command line.
    tls: hostArgument === null ? settings.engineTls : null,
    cacheDir: folders.cache,
    configDir: app.getPath('userData'),
    onBackgroundError: (error) => {
      console.error('strata: live update failed:', error)
      log.write('error', 'live update failed', error)
    },
  })
  const core = trackLongTasks(engineCore, tasks)
  void removeOldCaches(app.getPath('userData'), (folder, error) => {
    log.write('warn', `could not remove the old cache ${folder}`, error)
  })
  log.write('info', `Strata ${app.getVersion()} started (Electron ${process.versions.electron}, ${process.platform} ${process.arch})`)
  core.events.on('engine.state', (state) => {
    log.write(state.state === 'connected' ? 'info' : 'warn', `engine ${state.state}${state.message === null ? '' : `: ${state.message}`}`)
  })
  const versions: RuntimeVersions = {
    app: app.getVersion(),
    electron: process.versions.electron,
    chrome: process.versions.chrome,
    node: process.versions.node,
    os: `${process.platform} ${process.arch} ${process.getSystemVersion()}`,
  }
  const help: HelpActions = {
    about: () => {
      void core.call('engine.info', {}).then((engine) => dialog.showMessageBox({ type: 'info', title: 'About Strata', message: 'Strata', detail: aboutText(versions, engine as Outcome<EngineInfo>), buttons: ['OK'] }))
    },
    openLogsFolder: () => {
      void shell.openPath(log.folder)
    },
    copyDiagnostics: () => {
      void Promise.all([core.call('engine.info', {}), core.call('settings.get', {})]).then(([engine, settings]) => {
        clipboard.writeText(diagnosticsText(versions, engine as Outcome<EngineInfo>, settings.ok ? (settings.value as StrataSettings) : DEFAULT_SETTINGS, log.path))
      })
    },
  }
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(process.platform, app.name, { packaged: app.isPackaged, help, cliTool: cliToolActions((options) => dialog.showMessageBox(options), app.isPackaged) })))

  // The window exists before any handler, so every handler can tell its main frame from any other sender.
  const windowStateFile = join(app.getPath('userData'), 'window-state.json')
  const placement = initialBounds(readWindowState(windowStateFile), screen.getAllDisplays().map((display) => display.workArea))
  const window = createMainWindow(preloadPath, location, { devTools: !app.isPackaged, bounds: placement.bounds })
  if (placement.maximized) window.maximize()
  trackWindowState(window, (state) => {
    writeWindowState(windowStateFile, state)
  })
  const quitGuard = guardQuit(window, tasks, () => core.close(), (level, message) => {
    log.write(level, message)
  })
  careForRenderer(window, { reload: () => loadRenderer(window, location), log, openLogsFolder: help.openLogsFolder, isQuitting: () => quitGuard.quitting })
  if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID)
  notifyFinishedTasks(window, tasks, () => quitGuard.quitting)
  const isMainFrame = mainFrameOf(window.webContents, location)
  bindContract(ipcMain, core, isMainFrame)
  bindSaveFile(ipcMain, core, isMainFrame, {
    showSaveDialog: (options) => dialog.showSaveDialog(window, options),
    downloadsFolder: () => app.getPath('downloads'),
  })
  bindSaveText(ipcMain, isMainFrame, {
    showSaveDialog: (options) => dialog.showSaveDialog(window, options),
    downloadsFolder: () => app.getPath('downloads'),
    writeFile: (path, text) => writeFile(path, text, 'utf8'),
  })
  bindImageFiles(ipcMain, core, isMainFrame, {
    showSaveDialog: (options) => dialog.showSaveDialog(window, options),
    showOpenDialog: (options) => dialog.showOpenDialog(window, options),
    downloadsFolder: () => app.getPath('downloads'),
  })
  const openDialog = { showOpenDialog: (options: OpenDialogOptions) => dialog.showOpenDialog(window, options) }
  bindEngineSocket(ipcMain, core, isMainFrame, openDialog)
  bindTlsFileDialog(ipcMain, isMainFrame, openDialog)
  bindDroppedFile(ipcMain, core, isMainFrame)
  bindStreams(ipcMain, core, window.webContents, isMainFrame)
  const relay = new EventRelay(window.webContents)
  relayReadiness(ipcMain, relay, window.webContents, isMainFrame)
  core.events.onAny((event, payload) => {
    relay.send({ event, payload })
  })
  core.follow()
  void loadRenderer(window, location)

  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore()
    window.focus()
  })
}
