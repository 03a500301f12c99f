import type { MenuItemConstructorOptions } from 'electron'
import type { Outcome } from '../../shared/errors'
import type { EngineInfo, StrataSettings } from '../../shared/types'

/** What the Help menu does; passed in so the menu is tested without Electron. */
export interface HelpActions {
  about: () => void
  openLogsFolder: () => void
  copyDiagnostics: () => void
}

/** The versions a bug report needs, read from the running process. */
export interface RuntimeVersions {
  app: string
  electron: string
  chrome: string
  node: string
  os: string
}

export function helpMenu(actions: HelpActions): MenuItemConstructorOptions {
  return {
    role: 'help',
    submenu: [
      { label: 'About Strata', click: actions.about },
      { type: 'separator' },
      { label: 'Open Logs Folder', click: actions.openLogsFolder },
      { label: 'Copy Diagnostics', click: actions.copyDiagnostics },
    ],
  }
}

function engineLine(engine: Outcome<EngineInfo>): string {
  if (!engine.ok) return `Engine: not answering (${engine.error.code}: ${engine.error.message})`
  const info = engine.value
  const kind = info.podman ? 'Podman' : 'Docker Engine'
  return `Engine: ${kind} ${info.engineVersion}, API ${info.apiVersion} (daemon ${info.daemonApiVersion}), ${info.storageDriver}, ${info.os} ${info.architecture}, at ${info.endpoint.url}`
}

/** The About box's text: Strata's version, its runtime and the engine it talks to. */
export function aboutText(versions: RuntimeVersions, engine: Outcome<EngineInfo>): string {
  return [`Strata ${versions.app}`, `Electron ${versions.electron} (Chromium ${versions.chrome}, Node ${versions.node})`, versions.os, engineLine(engine)].join('\n')
}

/**
 * What "Copy Diagnostics" puts on the clipboard for a bug report. Settings hold the
 * pinned images and nothing secret; registry credentials live in the docker config,
 * which is never read for this.
 */
export function diagnosticsText(versions: RuntimeVersions, engine: Outcome<EngineInfo>, settings: StrataSettings, logFile: string): string {
  return [aboutText(versions, engine), `Settings: ${JSON.stringify(settings)}`, `Log file: ${logFile}`].join('\n')
}
