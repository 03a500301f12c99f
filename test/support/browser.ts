import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'

export const CHROMIUM = '/usr/bin/chromium'

/** Debian's Chromium, headless, with the flags that keep it off the network. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error('Chromium is not installed: `sudo apt-get install chromium` (e2e tests drive Debian\'s Chromium).')
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  })
}

export interface ServeProcess {
  url: string
  stop(): Promise<void>
}

/** Runs the real `strata serve` and waits for the URL it prints. */
/** env: variables set on top of the defaults (DOCKER_HOST is emptied unless given here). */
export function startServe(host: string, options: { env?: Record<string, string> } = {}): Promise<ServeProcess> {
  // A cache and a config folder (settings.json: the pinned images) of its own, removed when the server stops.
  const cacheHome = mkdtempSync(join(tmpdir(), 'strata-serve-cache-'))
  const configHome = mkdtempSync(join(tmpdir(), 'strata-serve-config-'))
  const child = spawn('node', ['bin/strata.js', 'serve', '--port', '0', '--host', host], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DOCKER_HOST: '', XDG_CACHE_HOME: cacheHome, XDG_CONFIG_HOME: configHome, ...options.env },
  })
  child.once('exit', () => {
    rmSync(cacheHome, { recursive: true, force: true })
    rmSync(configHome, { recursive: true, force: true })
  })
  let output = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill()
      reject(new Error(`strata serve printed no URL within 15 s: ${output}`))
    }, 15_000)
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8')
      const match = /Strata is serving at (\S+)/.exec(output)
      if (match?.[1] === undefined) return
      clearTimeout(timer)
      resolve({
        url: match[1],
        stop: () =>
          new Promise((done) => {
            // A server that already died (the failure a test is about) has nothing left to stop.
            if (child.exitCode !== null || child.signalCode !== null) {
              done()
              return
            }
            child.once('exit', () => {
              done()
            })
            child.kill('SIGTERM')
          }),
      })
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`strata serve exited with ${String(code)}: ${output}`))
    })
  })
}

/**
 * Collects the page's errors and console errors into `problems`. The console line Chromium
 * writes for a failed request is left out: a 4xx/5xx the view shows (a refusal, an engine
 * that does not answer yet) is an answer, not a page error.
 */
export function collectPageProblems(page: Page, problems: string[]): void {
  page.on('pageerror', (error) => problems.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(message.text())
  })
}

/** Stricter than collectPageProblems: every console error and warning counts, failed requests included. */
export function collectConsoleProblems(page: Page, problems: string[]): void {
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text())
  })
  page.on('pageerror', (error) => problems.push(error.message))
}
