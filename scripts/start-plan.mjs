// What `npm start` does on this machine, decided from plain inputs so tests can craft them.
// scripts/start.mjs gathers the inputs and carries the plan out.

/**
 * Why no window can open here, or null when one can. Linux and the BSDs need an X11 or
 * Wayland display; macOS and Windows always have one for a logged-in user. WSL shows
 * windows only through WSLg, which sets DISPLAY and WAYLAND_DISPLAY.
 */
export function displayProblem({ platform, env, procVersion }) {
  if (platform === 'darwin' || platform === 'win32') return null
  const isSet = (name) => typeof env[name] === 'string' && env[name] !== ''
  if (isSet('DISPLAY') || isSet('WAYLAND_DISPLAY')) return null
  if (platform === 'linux' && /microsoft/i.test(procVersion ?? '')) return 'WSL without WSLg (neither DISPLAY nor WAYLAND_DISPLAY is set)'
  return 'no display to open a window on (neither DISPLAY nor WAYLAND_DISPLAY is set)'
}

/**
 * { ui: 'electron' } runs the desktop app; { ui: 'browser', reason, openBrowser } serves the
 * browser UI instead, with `reason` the one line that says why, and `openBrowser` true when
 * a display exists to open the address on.
 */
export function startPlan({ platform, env, electronBinaryExists, procVersion }) {
  const reasons = []
  if (!electronBinaryExists) {
    reasons.push('the Electron binary is not installed (node_modules/electron came without it; `node node_modules/electron/install.js` downloads it)')
  }
  const display = displayProblem({ platform, env, procVersion })
  if (display !== null) reasons.push(display)
  if (reasons.length === 0) return { ui: 'electron' }
  return { ui: 'browser', reason: `strata: ${reasons.join('; ')}: starting the browser UI instead.`, openBrowser: display === null }
}

/** The program and arguments that open `url` in the default browser. */
export function browserOpener(platform, url) {
  if (platform === 'darwin') return { command: 'open', args: [url] }
  // `start` is cmd's own; its first quoted argument is a window title, hence the empty one.
  if (platform === 'win32') return { command: 'cmd', args: ['/d', '/s', '/c', 'start', '""', url] }
  return { command: 'xdg-open', args: [url] }
}

/** The address `strata serve` prints ("Strata is serving at http://127.0.0.1:PORT/?token=..."), or null. */
export function servedAddress(line) {
  const match = /\bserving at (http:\/\/\S+)/.exec(line)
  return match?.[1] ?? null
}

/** What `npm run build` writes and `npm start` runs from: the app's main process, the CLI, the renderer. */
export const BUILD_OUTPUTS = ['out/main/index.js', 'out/main/cli.js', 'out/preload/index.cjs', 'out/renderer/index.html']

/** Build first when any output is missing. */
export function needsBuild({ present }) {
  return !BUILD_OUTPUTS.every((file) => present(file))
}
