import type { Browser, Page, WebSocket as PageSocket } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { StrataCore } from '../../electron/core/api/core'
import { collectPageProblems, launchChromium, startServe, type ServeProcess } from '../support/browser'
import { Leftovers } from '../support/containers'
import { callOk, privateCore, privateDocker } from '../support/engine'

// The container loop of issue 15 in the browser: run an image from the Images list,
// work in a terminal (its size follows the pane), see what the shell made in Changes and
// Files, watch stats, stop, commit, and find the file in the new image's top layer.

const SCREENSHOTS = 'test-results/screenshots'
const docker = privateDocker()
const leftovers = new Leftovers(docker)
let browser: Browser
let serve: ServeProcess
let page: Page
let core: StrataCore
let containerId = ''
const pageProblems: string[] = []
const sockets: PageSocket[] = []

beforeAll(async () => {
  serve = await startServe(inject('dockerHost'))
  core = privateCore()
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1360, height: 900 } })
  collectPageProblems(page, pageProblems)
  page.on('websocket', (socket) => {
    if (socket.url().endsWith('/api/streams')) sockets.push(socket)
  })
  await page.goto(serve.url)
}, 120_000)

afterAll(async () => {
  await browser.close()
  await serve.stop()
  await core.close()
  await leftovers.clean()
})

function screenText(): Promise<string> {
  return page.locator('[data-testid="terminal-tab"] .xterm-rows').first().innerText()
}

async function typeInTerminal(line: string): Promise<void> {
  await page.getByTestId('terminal-screen').first().click()
  await page.keyboard.type(line)
  await page.keyboard.press('Enter')
}

const tab = (name: string) => page.getByRole('tab', { name, exact: true })

describe('run, terminal, changes, stats, stop, commit', () => {
  it('runs an image from the Images list with a command, an ENV and a label', async () => {
    await page.getByRole('link', { name: 'Images' }).click()
    const row = page.locator(`tr[data-image-id="${inject('fixtureIds').base}"]`)
    await row.hover()
    await row.getByTestId('run-image').click()
    const dialog = page.getByTestId('run-dialog')
    await dialog.waitFor()
    await page.getByTestId('run-name').fill('e2e-loop')
    await page.getByTestId('run-command').fill('sleep 600')
    await page.getByTestId('run-add-env').click()
    await dialog.getByTestId('run-env-key').fill('STAGE')
    await dialog.getByTestId('run-env-value').fill('loop')
    await page.getByTestId('run-add-labels').click()
    await dialog.getByTestId('run-labels-key').fill('e2e.loop')
    await dialog.getByTestId('run-labels-value').fill('yes')
    await page.getByTestId('run-submit').click()
    await page.waitForURL(/#\/containers\/[0-9a-f]{64}$/)
    containerId = leftovers.container(/#\/containers\/([0-9a-f]{64})$/.exec(page.url())?.[1] ?? '')
    await expect.poll(() => page.getByTestId('container-state').textContent()).toBe('running')
    const inspected = await docker.getContainer(containerId).inspect()
    expect(inspected.Config.Env).toContain('STAGE=loop')
    expect(inspected.Config.Labels).toEqual({ 'e2e.loop': 'yes' })
  })

  it('opens a shell whose size follows the pane, and changes files in it', async () => {
    await tab('Terminal').click()
    await expect.poll(screenText, { timeout: 15_000 }).toContain('/ #')
    expect(await page.getByTestId('terminal-session').first().textContent()).toContain('/bin/sh 1')
    await typeInTerminal('stty size')
    await expect.poll(screenText).toMatch(/stty size\s+(\d+) (\d+)/)
    const [, rows, cols] = /stty size\s+(\d+) (\d+)/.exec(await screenText()) ?? []
    // A narrower window makes a narrower pane: the shell's TTY follows.
    await page.setViewportSize({ width: 1100, height: 900 })
    await page.waitForTimeout(400)
    await typeInTerminal('clear; stty size')
    await expect.poll(async () => /^(\d+) (\d+)$/m.exec(await screenText())?.[2]).not.toBe(cols)
    const [, rowsAfter, colsAfter] = /^(\d+) (\d+)$/m.exec(await screenText()) ?? []
    expect(Number(colsAfter)).toBeLessThan(Number(cols))
    expect(rowsAfter).toBe(rows)
    // The terminal takes the page's colours, and follows the scheme.
    const background = (): Promise<string> => page.evaluate<string>(`getComputedStyle(document.querySelector('[data-testid="terminal-tab"] .xterm-viewport')).backgroundColor`)
    expect(await background()).toBe('rgb(255, 255, 255)')
    await page.screenshot({ path: `${SCREENSHOTS}/container-terminal.png` })
    await page.emulateMedia({ colorScheme: 'dark' })
    await expect.poll(background).toBe('rgb(29, 32, 39)')
    await page.screenshot({ path: `${SCREENSHOTS}/container-terminal-dark.png` })
    await page.emulateMedia({ colorScheme: 'light' })
    await page.setViewportSize({ width: 1360, height: 900 })

    const [shellExec] = (await docker.getContainer(containerId).inspect()).ExecIDs ?? []
    expect(shellExec).toBeDefined()
    await typeInTerminal('echo made-here > /made && touch /bin/busybox && exit')
    await page.getByTestId('terminal-ended').waitFor({ timeout: 10_000 })
    expect(await page.getByTestId('terminal-ended').textContent()).toContain('The shell ended.')
    // The shell is over on the engine too.
    expect((await docker.getExec(shellExec ?? '').inspect()).Running).toBe(false)
  })

  it('a second terminal, closed, ends its exec session on the engine', async () => {
    const before = new Set((await docker.getContainer(containerId).inspect()).ExecIDs ?? [])
    await page.getByTestId('terminal-new').click()
    await expect.poll(() => page.getByTestId('terminal-session').count()).toBe(2)
    await expect.poll(async () => ((await docker.getContainer(containerId).inspect()).ExecIDs ?? []).filter((id) => !before.has(id)).length, { timeout: 10_000 }).toBe(1)
    const opened = ((await docker.getContainer(containerId).inspect()).ExecIDs ?? []).find((id) => !before.has(id)) ?? ''
    expect((await docker.getExec(opened).inspect()).Running).toBe(true)
    await page.getByTestId('terminal-close').nth(1).click()
    await expect.poll(async () => (await docker.getExec(opened).inspect()).Running, { timeout: 10_000 }).toBe(false)
  })

  it('shows what the shell made in Changes and in Files', async () => {
    await tab('Changes').click()
    const made = page.locator('[data-testid="change-row"][data-path="/made"]')
    await made.waitFor({ timeout: 15_000 })
    expect(await made.textContent()).toContain('made')
    await tab('Files').click()
    const fileRow = (path: string) => page.locator(`[data-testid="container-files-tree"] [data-testid="tree-row"][data-path="${path}"]`)
    await fileRow('made').waitFor({ timeout: 30_000 })
    expect(await fileRow('made').getByTestId('origin').textContent()).toBe('added in container')
    await fileRow('bin').click()
    await fileRow('bin/busybox').waitFor()
    expect(await fileRow('bin/busybox').getByTestId('origin').textContent()).toBe('copied up and changed')
  })

  it('shows live stats, and leaving the tab closes their stream', async () => {
    const before = sockets.length
    await tab('Stats').click()
    await expect.poll(() => page.getByTestId('stats-memory').getByTestId('stats-value').textContent(), { timeout: 15_000 }).toMatch(/\d/)
    await expect.poll(() => page.getByTestId('stats-cpu').getByTestId('stats-value').textContent(), { timeout: 15_000 }).toMatch(/%$/)
    expect(await page.getByTestId('stats-pids').getByTestId('stats-value').textContent()).toBe('1')
    expect(sockets.length).toBe(before + 1)
    const stats = sockets.at(-1)
    await page.screenshot({ path: `${SCREENSHOTS}/container-stats.png` })
    await tab('Inspect').click()
    await expect.poll(() => stats?.isClosed(), { timeout: 5000 }).toBe(true)
  })

  it('stops the container, commits it with a CMD, and the new image’s top layer holds /made', async () => {
    await page.getByTestId('action-stop').click()
    await expect.poll(() => page.getByTestId('container-state').textContent(), { timeout: 30_000 }).toBe('exited')
    await tab('Terminal').click()
    await page.getByTestId('terminal-new').waitFor()
    expect(await page.getByTestId('terminal-new').isDisabled()).toBe(true)
    await page.getByTestId('open-commit').click()
    await page.getByTestId('commit-repository').fill('e2e/loop')
    await page.getByTestId('commit-tag').fill('v1')
    await page.getByTestId('commit-cmd').fill('/bin/sh\n-c\ncat /made')
    await page.getByTestId('commit-tag').press('Enter')
    await page.getByTestId('files-tab').waitFor({ timeout: 30_000 })
    const image = await docker.getImage('e2e/loop:v1').inspect()
    leftovers.image(image.Id)
    expect(image.Config.Cmd).toEqual(['/bin/sh', '-c', 'cat /made'])
    const top = (image.RootFS.Layers?.length ?? 1) - 1
    const listing = await callOk(core, 'layers.tree', { ref: image.Id, layer: top, path: '', onlyChanges: true })
    expect(listing.entries.map((entry) => entry.name)).toContain('made')
    const content = await callOk(core, 'layers.readFile', { ref: image.Id, layer: top, path: 'made', maxBytes: 64 })
    expect(content).toMatchObject({ text: 'made-here\n' })
    expect(pageProblems).toEqual([])
  })
})
