#!/usr/bin/env node
// npm start: the Electron app where it can open a window; elsewhere (no Electron binary,
// no display, WSL without WSLg) one line that says why, then the browser UI (`strata serve`),
// opened in a browser when a display exists. Arguments after `npm start --` go to the app
// or to `strata serve` (e.g. --host=unix:///path/to.sock, or --port N for serve).
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { browserOpener, needsBuild, servedAddress, startPlan } from './start-plan.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const require = createRequire(import.meta.url)
const args = process.argv.slice(2)

/**
 * The binary electron-vite runs: ELECTRON_EXEC_PATH when set, else the path node_modules/electron
 * exports (it throws when its install never downloaded one).
 */
function electronBinaryExists() {
  try {
    const path = process.env.ELECTRON_EXEC_PATH || require('electron')
    return typeof path === 'string' && existsSync(path)
  } catch {
    return false
  }
}

function readProcVersion() {
  try {
    return readFileSync('/proc/version', 'utf8')
  } catch {
    return null
  }
}

/** electron-vite's command line, run with this Node (no npx, no shell, the same on Windows). */
function electronVite() {
  const manifestPath = require.resolve('electron-vite/package.json')
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'))
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin['electron-vite']
  return join(dirname(manifestPath), bin)
}

/**
 * `npm install` builds (the prepare script); `npm start` builds only where no build is there,
 * so it starts in a second. After changing the sources: `npm run build`, or `npm run dev`.
 */
function buildIfMissing() {
  if (!needsBuild({ present: (file) => existsSync(join(root, file)) })) return true
  process.stdout.write('strata: no build yet; building first (npm run build)\n')
  const build = spawnSync(process.execPath, [electronVite(), 'build'], { cwd: root, stdio: 'inherit' })
  return build.status === 0
}

/** Never fails: without a browser opener the printed address is still there to open by hand. */
function openInBrowser(url) {
  const { command, args: openerArgs } = browserOpener(process.platform, url)
  try {
    const opener = spawn(command, openerArgs, { stdio: 'ignore', detached: true, windowsVerbatimArguments: process.platform === 'win32' })
    opener.on('error', () => {
      process.stdout.write(`strata: could not start ${command}; open the address above in a browser.\n`)
    })
    opener.unref()
  } catch {
    process.stdout.write(`strata: could not start ${command}; open the address above in a browser.\n`)
  }
}

/**
 * The child runs in its own process group (not on Windows), so Ctrl+C reaches it once, from
 * here, and not a second time from the terminal while it shuts down (npm forwards signals
 * too). The first SIGINT/SIGTERM/SIGHUP is passed on (electron-vite passes it on to Electron);
 * this process ends as the child does.
 */
function supervise(child) {
  let forwarded = false
  const forward = (signal) => {
    if (forwarded || child.exitCode !== null) return
    forwarded = true
    child.kill(signal)
  }
  process.on('SIGINT', forward)
  process.on('SIGTERM', forward)
  process.on('SIGHUP', forward)
  process.on('exit', () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
  })
  child.on('error', (error) => {
    process.stderr.write(`strata: could not start ${child.spawnfile}: ${error.message}\n`)
    process.exit(1)
  })
  child.on('exit', (code, signal) => {
    process.exit(code ?? (signal === 'SIGINT' ? 130 : 143))
  })
}

const plan = startPlan({ platform: process.platform, env: process.env, electronBinaryExists: electronBinaryExists(), procVersion: readProcVersion() })
if (plan.ui === 'browser') process.stdout.write(`${plan.reason}\n`)

if (!buildIfMissing()) {
  process.stderr.write('strata: the build failed (see above).\n')
  process.exit(1)
}

if (plan.ui === 'electron') {
  // electron-vite runs the app from the build; arguments after `--` reach the app.
  const child = spawn(process.execPath, [electronVite(), 'preview', '--skipBuild', ...(args.length > 0 ? ['--', ...args] : [])], {
    cwd: root,
    stdio: 'inherit',
    detached: process.platform !== 'win32',
  })
  supervise(child)
} else {
  const child = spawn(process.execPath, [join(root, 'bin', 'strata.js'), 'serve', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: process.platform !== 'win32',
  })
  supervise(child)
  let pending = ''
  let opened = false
  child.stdout.setEncoding('utf8')
  child.stdout.on('data', (chunk) => {
    process.stdout.write(chunk)
    pending += chunk
    const lines = pending.split('\n')
    pending = lines.pop() ?? ''
    for (const line of lines) {
      const url = servedAddress(line)
      if (url !== null && !opened && plan.openBrowser) {
        opened = true
        openInBrowser(url)
      }
    }
  })
}
