import type { MenuItemConstructorOptions } from 'electron'
import type { CliToolActions } from './cli-install-run'
import { helpMenu, type HelpActions } from './help'

/** Reload and DevTools, for development only. */
const DEVELOPER_ITEMS: MenuItemConstructorOptions[] = [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }]

/**
 * Where no package puts `strata` on PATH (Linux's deb and rpm link /usr/bin/strata), and only
 * in a packaged app: a development run has no resources/bin to link to.
 */
function cliToolItems(platform: NodeJS.Platform, packaged: boolean, actions: CliToolActions | undefined): MenuItemConstructorOptions[] {
  if (actions === undefined || !packaged || (platform !== 'darwin' && platform !== 'win32')) return []
  return [
    { label: 'Install Command Line Tool…', click: actions.install },
    { label: 'Uninstall Command Line Tool…', click: actions.uninstall },
    { type: 'separator' },
  ]
}

/**
 * The usual roles; on macOS the first menu is the app menu. A packaged app has no
 * DevTools (its window refuses them too) and no reload: nothing in a release needs one,
 * the views follow the engine live, and a reload would drop the progress of running transfers.
 */
export function menuTemplate(platform: NodeJS.Platform, appName: string, options: { packaged: boolean; help?: HelpActions; cliTool?: CliToolActions | undefined }): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin'
  const template: MenuItemConstructorOptions[] = []
  const cliTool = cliToolItems(platform, options.packaged, options.cliTool)
  if (mac) {
    template.push({
      label: appName,
      submenu: [
        options.help === undefined ? { role: 'about' } : { label: `About ${appName}`, click: options.help.about },
        { type: 'separator' },
        ...cliTool,
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    })
  }
  template.push(
    { label: 'File', submenu: mac ? [{ role: 'close' }] : [...cliTool, { role: 'quit' }] },
    {
      label: 'Edit',
      submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
    },
    {
      label: 'View',
      submenu: [
        ...(options.packaged ? [] : DEVELOPER_ITEMS),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { label: 'Window', submenu: mac ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }] : [{ role: 'minimize' }, { role: 'close' }] },
  )
  if (options.help !== undefined) template.push(helpMenu(options.help))
  return template
}
