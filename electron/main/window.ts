import { BrowserWindow, nativeTheme, shell, type Session, type WebContents } from 'electron'
import { openExternalLink } from './external-links'
import type { RendererLocation } from './trust'
import { isTrustedFrameUrl } from './trust'
import { secureWebPreferences } from './web-preferences'
import { DEFAULT_SIZE, MIN_SIZE, type Rectangle } from './window-state'

function openInBrowser(url: string): void {
  openExternalLink(url, (allowed) => shell.openExternal(allowed))
}

/** Navigation away from the renderer and new windows are refused; links to allowed sites open in the browser. */
export function hardenContents(contents: WebContents, location: RendererLocation): void {
  contents.on('will-navigate', (event, url) => {
    if (isTrustedFrameUrl(url, location)) return
    event.preventDefault()
    openInBrowser(url)
  })
  contents.on('will-redirect', (event, url) => {
    if (!isTrustedFrameUrl(url, location)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => {
    event.preventDefault()
  })
  contents.setWindowOpenHandler(({ url }) => {
    openInBrowser(url)
    return { action: 'deny' }
  })
}

/** The app needs no camera, notifications or other permission: deny every request and check. */
export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => {
    callback(false)
  })
  session.setPermissionCheckHandler(() => false)
}

/** `devTools` is false in a packaged app: see secureWebPreferences. */
export function createMainWindow(preloadPath: string, location: RendererLocation, options: { devTools: boolean; bounds?: Partial<Rectangle> }): BrowserWindow {
  const window = new BrowserWindow({
    ...DEFAULT_SIZE,
    ...options.bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'Strata',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#16181d' : '#f6f7f9',
    webPreferences: secureWebPreferences(preloadPath, options),
  })
  hardenContents(window.webContents, location)
  denyPermissions(window.webContents.session)
  window.once('ready-to-show', () => {
    window.show()
  })
  return window
}

export async function loadRenderer(window: BrowserWindow, location: RendererLocation): Promise<void> {
  if (location.kind === 'dev-server') await window.loadURL(location.url)
  else await window.loadFile(location.path)
}
