import { spawn, type ChildProcess } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'

// Linux only: the display checks are Linux's, and the stand-ins are shell scripts.
// `npm start` where no window can open: no Electron binary (forced with ELECTRON_OVERRIDE_DIST_PATH,
// which node_modules/electron honours, so the test means the same on a desktop) and no display.
// The browser UI is served without an engine: --host names a socket that does not exist.
const ENV: NodeJS.ProcessEnv = { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: '/nonexistent/electron-dist', npm_config_loglevel: 'silent' }
delete ENV.DISPLAY
delete ENV.ELECTRON_EXEC_PATH
delete ENV.WAYLAND_DISPLAY
const NO_ENGINE = ['--host', 'unix:///nonexistent/strata-test.sock']

interface Started {
  child: ChildProcess
  output: () => string
  /** What `ready` captured: the served address, or the stand-in Electron's pid. */
  match: string
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

const started: ChildProcess[] = []

afterEach(() => {
  for (const child of started.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
})

/** Starts the command in its own process group (as a terminal runs it) and waits until `ready` matches (the served address). */
async function start(command: string, args: string[], env = ENV, ready = /serving at (http:\/\/\S+)/): Promise<Started> {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
  started.push(child)
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      resolve({ code, signal })
    })
  })
  const deadline = Date.now() + 90_000
  for (;;) {
    const match = ready.exec(output)?.[1]
    if (match !== undefined) return { child, output: () => output, match, exited }
    if (child.exitCode !== null) throw new Error(`it ended before it was ready:\n${output}`)
    if (Date.now() > deadline) throw new Error(`not ready within 90 s:\n${output}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

async function expectServesThePage(url: string): Promise<void> {
  // The token in the address is traded for this port's session cookie, then the page loads.
  const session = await fetch(url, { redirect: 'manual' })
  expect(session.status).toBe(303)
  const cookie = session.headers.getSetCookie().find((value) => value.startsWith('strata_token_'))
  expect(cookie).toBeDefined()
  const page = await fetch(new URL(session.headers.get('location') ?? '/', url))
  expect(page.status).toBe(200)
  expect(page.headers.get('content-type')).toMatch(/text\/html/)
  expect(await page.text()).toMatch(/<div id="app">/)
}

async function expectClosed(url: string): Promise<void> {
  await expect(fetch(url, { signal: AbortSignal.timeout(2000) })).rejects.toThrow()
}

function reasonLines(output: string): string[] {
  return output.split('\n').filter((line) => line.startsWith('strata: ') && line.includes('starting the browser UI instead'))
}

describe.runIf(process.platform === 'linux')('npm start without Electron or a display', () => {
  it('says why in one line, serves the browser UI, and ends on SIGTERM', async () => {
    const run = await start(process.execPath, ['scripts/start.mjs', ...NO_ENGINE])
    const reasons = reasonLines(run.output())
    expect(reasons).toHaveLength(1)
    expect(reasons[0]).toMatch(/Electron binary is not installed.*no display/)
    await expectServesThePage(run.match)
    run.child.kill('SIGTERM')
    expect(await run.exited).toEqual({ code: 0, signal: null })
    await expectClosed(run.match)
    expect(run.output()).not.toMatch(/error|could not/i)
  }, 120_000)

  it('through npm, ends on Ctrl+C (SIGINT to the whole process group, as a terminal sends it)', async () => {
    const run = await start('npm', ['start', '--', ...NO_ENGINE])
    expect(reasonLines(run.output())).toHaveLength(1)
    await expectServesThePage(run.match)
    if (run.child.pid === undefined) throw new Error('npm has no pid')
    process.kill(-run.child.pid, 'SIGINT')
    const end = await run.exited
    // npm passes on the script's status or, having had SIGINT itself, ends as interrupted.
    expect([0, 130]).toContain(end.code ?? (end.signal === 'SIGINT' ? 130 : -1))
    await expectClosed(run.match)
    expect(run.output()).not.toMatch(/error|could not/i)
  }, 120_000)
})

describe.runIf(process.platform === 'linux')('npm start with a display but no Electron binary', () => {
  const folder = mkdtempSync(join(tmpdir(), 'strata-fake-opener-'))
  const opened = join(folder, 'opened.txt')
  writeFileSync(join(folder, 'xdg-open'), `#!/bin/sh\necho "$*" > "${opened}"\n`)
  mkdirSync(join(folder, 'empty'))
  chmodSync(join(folder, 'xdg-open'), 0o755)
  afterAll(() => {
    rmSync(folder, { recursive: true, force: true })
  })
  const withDisplay = (path: string): NodeJS.ProcessEnv => ({ ...ENV, DISPLAY: ':99', PATH: path })

  it('opens the served address with xdg-open', async () => {
    const run = await start(process.execPath, ['scripts/start.mjs', ...NO_ENGINE], withDisplay(`${folder}:${process.env.PATH ?? ''}`))
    const reason = reasonLines(run.output())[0]
    expect(reason).toMatch(/Electron binary is not installed/)
    expect(reason).not.toMatch(/no display/)
    const deadline = Date.now() + 10_000
    while (!existsSync(opened) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50))
    expect(readFileSync(opened, 'utf8').trim()).toBe(run.match)
    run.child.kill('SIGTERM')
    expect(await run.exited).toEqual({ code: 0, signal: null })
  }, 120_000)

  it('still serves where no xdg-open is installed, and says to open the address by hand', async () => {
    // start.mjs runs node by its full path: a PATH of one empty folder leaves out only the opener.
    const run = await start(process.execPath, ['scripts/start.mjs', ...NO_ENGINE], withDisplay(join(folder, 'empty')))
    const deadline = Date.now() + 10_000
    while (!run.output().includes('could not start xdg-open') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50))
    expect(run.output()).toContain('strata: could not start xdg-open; open the address above in a browser.')
    await expectServesThePage(run.match)
    run.child.kill('SIGTERM')
    expect(await run.exited).toEqual({ code: 0, signal: null })
  }, 120_000)
})

// Where a window can open, the app runs as before: electron-vite preview, here with a stand-in
// Electron (ELECTRON_EXEC_PATH, which electron-vite honours) that says how it was started.
describe.runIf(process.platform === 'linux')('npm start with Electron and a display', () => {
  const folder = mkdtempSync(join(tmpdir(), 'strata-fake-electron-'))
  const electron = join(folder, 'electron')
  writeFileSync(
    electron,
    ['#!/bin/sh', 'echo "fake electron $$: $*"', 'trap \'echo "fake electron: SIGINT"; exit 0\' INT', 'trap \'echo "fake electron: SIGTERM"; exit 0\' TERM', 'while :; do sleep 0.1; done', ''].join('\n'),
  )
  chmodSync(electron, 0o755)
  afterAll(() => {
    rmSync(folder, { recursive: true, force: true })
  })

  it('runs the app through electron-vite with the arguments after --, and Ctrl+C ends it and Electron', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, DISPLAY: ':99', ELECTRON_EXEC_PATH: electron }
    delete env.ELECTRON_OVERRIDE_DIST_PATH
    const run = await start(process.execPath, ['scripts/start.mjs', '--host=unix:///nonexistent/strata-test.sock'], env, /fake electron (\d+): /)
    expect(run.output()).toMatch(/fake electron \d+: \. --host=unix:\/\/\/nonexistent\/strata-test\.sock/)
    expect(reasonLines(run.output())).toEqual([])
    if (run.child.pid === undefined) throw new Error('no pid')
    process.kill(-run.child.pid, 'SIGINT')
    expect(await run.exited).toEqual({ code: 0, signal: null })
    expect(run.output()).toContain('fake electron: SIGINT')
    expect(() => process.kill(Number(run.match), 0)).toThrow()
  }, 120_000)
})
