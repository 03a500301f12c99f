import { mkdirSync } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { collectConsoleProblems, launchChromium, startServe, type ServeProcess } from '../support/browser'
import { Leftovers } from '../support/containers'
import { privateDocker } from '../support/engine'
import { FIXTURES } from '../support/fixtures'
import { formatBytes } from '../../shared/format'

const SCREENSHOTS = 'test-results/screenshots'
const docker = privateDocker()
const leftovers = new Leftovers(docker)
let browser: Browser
let serve: ServeProcess
let page: Page
const consoleProblems: string[] = []
const ids = { json: '', rotated: '', none: '' }
let jsonLogPath = ''

/** 40,000 lines of 50 bytes: 2 MB printed, more on disk as json-file wraps each line. */
const PRINT = 'yes 0123456789012345678901234567890123456789012345678 | head -n 40000'

async function printed(name: string, type: string, config: Record<string, string> = {}): Promise<string> {
  const container = await docker.createContainer({ Image: FIXTURES.base.tag, name, Cmd: ['sh', '-c', PRINT], HostConfig: { LogConfig: { Type: type, Config: config } } })
  leftovers.container(container.id)
  await container.start()
  await container.wait()
  return container.id
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true })
  ids.json = await printed('e2e-log-json', 'json-file')
  ids.rotated = await printed('e2e-log-rotated', 'json-file', { 'max-size': '100k', 'max-file': '3' })
  ids.none = await printed('e2e-log-none', 'none')
  jsonLogPath = ((await docker.getContainer(ids.json).inspect()) as { LogPath: string }).LogPath
  serve = await startServe(inject('dockerHost'))
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1360, height: 860 } })
  collectConsoleProblems(page, consoleProblems)
  await page.goto(serve.url)
  await page.getByRole('link', { name: 'Containers' }).click()
}, 120_000)

afterAll(async () => {
  await browser.close()
  await serve.stop()
  await leftovers.clean()
})

function logCell(name: string) {
  return page.locator(`[data-testid="containers-table"] tr[data-name="${name}"] [data-testid="container-log"]`)
}

describe('container logs in the browser', () => {
  it("shows each container's log size in a sortable Log column, a no-rotation mark, and why a size is unknown", async () => {
    await page.locator('[data-testid="containers-table"] th[data-column="log"]').waitFor()
    const onDisk = (await stat(jsonLogPath)).size
    await expect.poll(() => logCell('e2e-log-json').textContent(), { timeout: 10_000 }).toContain(formatBytes(onDisk))
    expect(await logCell('e2e-log-json').locator('.no-rotation').count()).toBe(1)
    expect(await logCell('e2e-log-json').getAttribute('title')).toContain('Log rotation is off')
    expect(await logCell('e2e-log-rotated').locator('.no-rotation').count()).toBe(0)
    expect(await logCell('e2e-log-none').getAttribute('title')).toBe('Log size not known: its log driver keeps no file Strata can measure')

    await page.locator('th[data-column="log"] button.sort').click()
    expect(await page.locator('th[data-column="log"]').getAttribute('aria-sort')).toBe('descending')
    const order = await page.evaluate<string[]>(`[...document.querySelectorAll('[data-testid="containers-table"] tbody tr[data-name^="e2e-log-"]')].map((row) => row.getAttribute('data-name'))`)
    expect(order).toEqual(['e2e-log-json', 'e2e-log-rotated', 'e2e-log-none'])
    await page.screenshot({ path: `${SCREENSHOTS}/container-logs-column.png` })
  }, 60_000)

  it("shows the log's size, driver and rotation on the container's page, with the remedy when rotation is off", async () => {
    await page.locator('[data-testid="containers-table"] tr[data-name="e2e-log-json"] [data-testid="container-link"]').click()
    await page.getByTestId('log-file').waitFor()
    expect(await page.getByTestId('log-file-driver').textContent()).toBe('json-file')
    expect(await page.getByTestId('log-file-rotation').textContent()).toBe('off')
    expect(await page.getByTestId('log-file-size').textContent()).toContain(formatBytes((await stat(jsonLogPath)).size))
    await page.getByTestId('log-remedy').locator('summary').click()
    expect(JSON.parse((await page.getByTestId('log-remedy-daemon').textContent()) ?? '')).toEqual({ 'log-opts': { 'max-size': '10m', 'max-file': '3' } })
    expect(await page.getByTestId('log-remedy-run').textContent()).toContain('docker run --log-opt max-size=10m --log-opt max-file=3')
    await page.getByTestId('log-remedy-copy-daemon').click()
    // Copied, or (no clipboard in this browser) the text selected to copy by hand: either way it says so.
    await page.getByTestId('log-remedy').getByRole('status').waitFor()
    await page.screenshot({ path: `${SCREENSHOTS}/container-logs-remedy.png`, fullPage: true })

    await page.goto(`${serve.url}#/containers/${ids.rotated}`)
    await page.getByTestId('log-file').waitFor()
    expect(await page.getByTestId('log-file-rotation').textContent()).toBe('at 100k, keeps 3 files')
    expect(await page.getByTestId('log-file-options').textContent()).toBe('max-file=3 max-size=100k')
    expect(await page.getByTestId('log-remedy').count()).toBe(0)
  }, 60_000)

  it('shows container logs as their own group in the disk map, counted but never freed', async () => {
    await page.goto(`${serve.url}#/cleanup`)
    await page.locator('[data-option="unused"]').check()
    const tile = page.locator(`[data-testid="treemap-tile"][data-key="log:${ids.json}"]`)
    await tile.waitFor({ timeout: 20_000 })
    expect(await tile.getAttribute('aria-label')).toContain(`e2e-log-json: ${formatBytes((await stat(jsonLogPath)).size)}, container log (json-file, no rotation); a cleanup does not free it`)
    expect(await tile.getAttribute('class')).not.toContain('planned')
    expect(await page.locator('.legend li[data-group="logs"]').textContent()).toContain('Container logs')
    expect(await page.getByTestId('disk-logs-note').textContent()).toContain('never in what a cleanup frees')
    expect(await page.getByTestId('disk-logs-note').textContent()).toContain('not measured: its log driver keeps no file Strata can measure')
    await page.getByTestId('disk-treemap').screenshot({ path: `${SCREENSHOTS}/container-logs-disk-map.png` })
    expect(consoleProblems).toEqual([])
  }, 60_000)

  it("speaks Chinese at 1024x640 on the container's page", async () => {
    const zh = await browser.newPage({ viewport: { width: 1024, height: 640 }, locale: 'zh-CN' })
    try {
      await zh.goto(`${serve.url}#/containers/${ids.json}`)
      await zh.getByTestId('log-file').waitFor()
      expect(await zh.getByTestId('log-file').textContent()).toContain('日志轮转')
      expect(await zh.getByTestId('log-file-rotation').textContent()).toBe('未开启')
      await zh.getByTestId('log-remedy').locator('summary').click()
      expect(await zh.getByTestId('log-remedy').textContent()).toContain('Strata 从不截断日志')
      await zh.screenshot({ path: `${SCREENSHOTS}/zh-CN-container-logs-remedy-1024x640.png` })
    } finally {
      await zh.close()
    }
  }, 60_000)
})
