import type { WebPreferences } from 'electron'

/**
 * The renderer is untrusted: isolated, sandboxed, no Node, and only our preload.
 * DevTools only in development: in a release they would let anyone at the keyboard
 * drive the API with the user's engine and files.
 */
export function secureWebPreferences(preloadPath: string, options: { devTools: boolean }): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    devTools: options.devTools,
  }
}
