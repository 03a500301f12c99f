import { readFileSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { collectPageProblems, launchChromium, startServe, type ServeProcess } from '../support/browser'
import { Leftovers } from '../support/containers'
import { privateDocker } from '../support/engine'
import { FIXTURES } from '../support/fixtures'

// The Logs tab in a real Chromium against `strata serve`: both streams in order with their
// marks, following, search, Download, and a 100,000-line log scrolled without long tasks.

const docker = privateDocker()
const leftovers = new Leftovers(docker)
let browser: Browser
let serve: ServeProcess
let page: Page
const pageProblems: string[] = []
const ids: Record<string, string> = {}

// The pauses keep the order certain: the engine copies stdout and stderr each on its own.
const BOTH = 'echo out-1; sleep 0.2; echo err-1 >&2; sleep 0.2; echo out-2 get; sleep 0.2; echo "err-2 GET again" >&2'

async function container(name: string, script: string, wait: boolean): Promise<void> {
  const made = await docker.createContainer({ Image: FIXTURES.base.tag, name, Cmd: ['sh', '-c', script] })
  ids[name] = leftovers.container(made.id)
  await made.start()
  if (wait) await made.wait()
}

beforeAll(async () => {
  await container('e2e-logs-both', BOTH, true)
  await container('e2e-logs-big', 'seq 1 100000', true)
  await container('e2e-logs-follow', 'echo first; while [ ! -e /go ]; do sleep 0.1; done; echo second >&2; sleep 600', false)
  serve = await startServe(inject('dockerHost'))
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1400, height: 900 }, acceptDownloads: true })
  collectPageProblems(page, pageProblems)
  await page.goto(serve.url)
  await page.getByRole('link', { name: 'Containers' }).click()
  await page.getByTestId('containers-table').waitFor()
}, 120_000)

afterAll(async () => {
  await browser.close()
  await serve.stop()
  await leftovers.clean()
})

async function openLogs(name: string): Promise<void> {
  await page.evaluate(`window.location.hash = '#/containers/${ids[name] ?? ''}?tab=logs'`)
  await page.getByTestId('logs-tab').waitFor()
}

const lineCount = () => page.getByTestId('log-line-count').textContent()

describe('the Logs tab', () => {
  it('shows stdout and stderr in order, stderr marked apart; search highlights and counts; Download saves the log', async () => {
    await openLogs('e2e-logs-both')
    await expect.poll(lineCount).toBe('4 lines')
    const rows = page.getByTestId('log-line')
    expect(await page.evaluate<string[]>(`[...document.querySelectorAll('[data-testid="log-line"]')].map((row) => row.dataset.stream + ' ' + row.querySelector('.text').textContent)`)).toEqual([
      'stdout out-1',
      'stderr err-1',
      'stdout out-2 get',
      'stderr err-2 GET again',
    ])
    // The mark is text (read by screen readers), and stderr looks different.
    expect(await rows.nth(1).locator('.gutter').textContent()).toBe('stderr')
    expect(await rows.nth(0).locator('.gutter').textContent()).toBe('')
    const colours = await page.evaluate<string[]>(`[...document.querySelectorAll('[data-testid="log-line"]')].map((row) => getComputedStyle(row).color)`)
    expect(colours[1]).not.toBe(colours[0])
    expect(await page.getByTestId('logs-follow').isChecked()).toBe(false)

    const find = page.getByTestId('logs-tab').getByTestId('text-find')
    await find.fill('get')
    await expect.poll(() => page.getByTestId('text-find-count').textContent()).toBe('1 of 2')
    expect(await page.locator('[data-testid="log-lines"] mark').allTextContents()).toEqual(['get', 'GET'])
    await find.press('Enter')
    expect(await page.getByTestId('text-find-count').textContent()).toBe('2 of 2')
    expect(await page.locator('[data-testid="log-lines"] mark.current').textContent()).toBe('GET')
    await find.press('Shift+Enter')
    expect(await page.getByTestId('text-find-count').textContent()).toBe('1 of 2')
    await page.screenshot({ path: '/tmp/logs-tab.png', fullPage: true })
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.screenshot({ path: '/tmp/logs-tab-dark.png', fullPage: true })
    await page.emulateMedia({ colorScheme: 'light' })

    const downloading = page.waitForEvent('download')
    await page.getByTestId('logs-download').click()
    const download = await downloading
    expect(download.suggestedFilename()).toBe('e2e-logs-both.log')
    expect(readFileSync(await download.path(), 'utf8')).toBe('out-1\nerr-1\nout-2 get\nerr-2 GET again\n')
    await find.fill('')

    // Timestamps and since read the log again with the engine's stamps, and from a time.
    await page.getByTestId('logs-timestamps').check()
    await expect.poll(() => page.getByTestId('log-line').first().locator('.text').textContent()).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d+Z out-1$/)
    expect(await lineCount()).toBe('4 lines')
    await page.getByTestId('logs-timestamps').uncheck()
    await page.getByTestId('logs-since').selectOption('5m')
    await expect.poll(() => page.getByTestId('log-line').first().locator('.text').textContent()).toBe('out-1')
    expect(await lineCount()).toBe('4 lines')
    await page.getByTestId('logs-since').selectOption('all')
  })

  it('follows a running container: lines written later appear at the bottom', async () => {
    await openLogs('e2e-logs-follow')
    expect(await page.getByTestId('logs-follow').isChecked()).toBe(true)
    await expect.poll(lineCount).toBe('1 line')
    const exec = await docker.getContainer(ids['e2e-logs-follow'] ?? '').exec({ Cmd: ['touch', '/go'] })
    await exec.start({})
    await expect.poll(lineCount, { timeout: 10_000 }).toBe('2 lines')
    const last = page.getByTestId('log-line').last()
    expect(await last.getAttribute('data-stream')).toBe('stderr')
    expect(await last.locator('.text').textContent()).toBe('second')
  })

  it('says so for a container that never started', async () => {
    const made = await docker.createContainer({ Image: FIXTURES.base.tag, name: 'e2e-logs-created', Cmd: ['true'] })
    ids['e2e-logs-created'] = leftovers.container(made.id)
    await page.getByRole('link', { name: 'Containers', exact: true }).click()
    await page.locator('[data-testid="containers-table"] tr[data-name="e2e-logs-created"]').waitFor()
    await openLogs('e2e-logs-created')
    await expect.poll(() => page.getByTestId('logs-empty').textContent()).toBe('This container has never started, so it has no log yet.')
  })

  it('reads the last 10,000 lines, then all 100,000 on Load all, and scrolls through them without long tasks', async () => {
    await openLogs('e2e-logs-big')
    await expect.poll(lineCount, { timeout: 20_000 }).toBe('10,000 lines')
    expect(await page.getByTestId('log-line').last().locator('.text').textContent()).toBe('100000')
    await page.getByTestId('logs-load-all').click()
    await expect.poll(lineCount, { timeout: 30_000 }).toBe('100,000 lines')
    // Only the rows in view are in the page.
    expect(await page.getByTestId('log-line').count()).toBeLessThan(120)

    // Zero long tasks means something only where the browser reports them.
    expect(await page.evaluate<boolean>("PerformanceObserver.supportedEntryTypes.includes('longtask')")).toBe(true)
    await page.evaluate(`window.longTasks = []; new PerformanceObserver((list) => { for (const entry of list.getEntries()) window.longTasks.push(entry.duration) }).observe({ type: 'longtask' })`)
    const scroller = page.getByTestId('log-lines')
    const scrollTo = (top: string): Promise<unknown> => page.evaluate(`document.querySelector('[data-testid="log-lines"]').scrollTop = ${top}`)
    const started = Date.now()
    // Jumps across the whole log, as dragging the scroll bar does, each checked for the right rows.
    for (const line of [1, 25_000, 50_000, 75_000, 99_990]) {
      await scrollTo(String((line - 1) * 20))
      await expect.poll(() => page.getByTestId('log-line').locator('.text').allTextContents()).toContain(String(line))
    }
    // Then the wheel, in steps, from the middle.
    await scrollTo(`document.querySelector('[data-testid="log-lines"]').scrollHeight / 2`)
    await scroller.hover()
    for (let step = 0; step < 60; step += 1) {
      await page.mouse.wheel(0, 1200)
      await page.waitForTimeout(16)
    }
    await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))')
    const longTasks = await page.evaluate<number[]>('window.longTasks')
    const worst = longTasks.length === 0 ? 0 : Math.max(...longTasks)
    console.log(`100,000-line log: scrolled in ${String(Date.now() - started)} ms; long tasks: ${String(longTasks.length)}, longest ${worst.toFixed(1)} ms [${longTasks.map((duration) => duration.toFixed(0)).join(', ')}]`)
    expect(worst).toBeLessThan(100)
    expect(await page.getByTestId('logs-latest').isVisible()).toBe(true)
    await page.getByTestId('logs-latest').click()
    await expect.poll(() => page.getByTestId('log-line').last().locator('.text').textContent()).toBe('100000')
    expect(pageProblems).toEqual([])
  })
})
