import { mkdirSync } from 'node:fs'
import type Docker from 'dockerode'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { collectPageProblems, launchChromium, startServe, type ServeProcess } from '../support/browser'
import { Leftovers, sleepingContainer } from '../support/containers'
import { privateDocker } from '../support/engine'
import { FIXTURES } from '../support/fixtures'
import { untranslatedTexts } from '../support/untranslated'

const SCREENSHOTS = 'test-results/screenshots'
const docker = privateDocker()
const leftovers = new Leftovers(docker)
const MANY = 300
let browser: Browser
let serve: ServeProcess
let page: Page
const sleepers: Docker.Container[] = []
const consoleProblems: string[] = []

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true })
  // Names that sort differently from their creation order: the Name header must reorder them.
  for (const name of ['e2e-bulk-b', 'e2e-bulk-d', 'e2e-bulk-a', 'e2e-bulk-c']) sleepers.push(await sleepingContainer(docker, leftovers, FIXTURES.base.tag, name))
  serve = await startServe(inject('dockerHost'))
  browser = await launchChromium()
  // Wide enough for the Created column, which gives way first.
  page = await browser.newPage({ viewport: { width: 1600, height: 860 } })
  collectPageProblems(page, consoleProblems)
  await page.goto(serve.url)
  await page.getByRole('link', { name: 'Containers' }).click()
}, 120_000)

afterAll(async () => {
  await browser.close()
  await serve.stop()
  await leftovers.clean()
})

const table = () => page.getByTestId('containers-table')
const row = (name: string) => table().locator(`tr[data-name="${name}"]`)
const header = (column: string) => table().locator(`th[data-column="${column}"]`)

async function shownNames(): Promise<string[]> {
  return page.evaluate<string[]>(`[...document.querySelectorAll('[data-testid="containers-table"] tr[data-name^="e2e-bulk-"]')].map((row) => row.dataset.name)`)
}

async function isRunning(container: Docker.Container): Promise<boolean> {
  return (await container.inspect()).State.Running
}

describe('the Containers table', () => {
  it('sorts by a clicked header, saying so in aria-sort, and again the other way', async () => {
    await row('e2e-bulk-c').waitFor()
    // Newest first by default (the engine dates containers to the second, so the four may tie: their order is the IDs').
    expect(await header('created').getAttribute('aria-sort')).toBe('descending')
    expect(await header('name').getAttribute('aria-sort')).toBe('none')
    await header('name').getByRole('button').click()
    expect(await header('name').getAttribute('aria-sort')).toBe('ascending')
    expect(await header('created').getAttribute('aria-sort')).toBe('none')
    expect(await shownNames()).toEqual(['e2e-bulk-a', 'e2e-bulk-b', 'e2e-bulk-c', 'e2e-bulk-d'])
    await header('name').getByRole('button').click()
    expect(await header('name').getAttribute('aria-sort')).toBe('descending')
    expect(await shownNames()).toEqual(['e2e-bulk-d', 'e2e-bulk-c', 'e2e-bulk-b', 'e2e-bulk-a'])
    await header('name').getByRole('button').click()
  })

  it('sorts by Status, Command and Ports too, by a click or by the keyboard on the header', async () => {
    for (const column of ['status', 'command', 'ports']) {
      const button = header(column).getByRole('button')
      await button.click()
      expect(await header(column).getAttribute('aria-sort')).toBe('ascending')
      expect(await header('name').getAttribute('aria-sort')).toBe('none')
      // The header is a button: Enter and Space flip it as a click does.
      await button.focus()
      await page.keyboard.press('Enter')
      expect(await header(column).getAttribute('aria-sort')).toBe('descending')
      await page.keyboard.press('Space')
      expect(await header(column).getAttribute('aria-sort')).toBe('ascending')
    }
    await page.screenshot({ path: `${SCREENSHOTS}/containers-sorted-by-ports.png` })
    // Back to names A→Z for the tests below, which click rows by position.
    await header('name').getByRole('button').click()
    expect(await shownNames()).toEqual(['e2e-bulk-a', 'e2e-bulk-b', 'e2e-bulk-c', 'e2e-bulk-d'])
  })

  it('shows a row\'s actions on hover and on keyboard focus only', async () => {
    const stop = row('e2e-bulk-b').getByTestId('row-stop')
    const opacity = () => page.evaluate<string>(`getComputedStyle(document.querySelector('tr[data-name="e2e-bulk-b"] .row-actions')).opacity`)
    await page.mouse.move(5, 5)
    expect(await opacity()).toBe('0')
    await row('e2e-bulk-b').hover()
    expect(await opacity()).toBe('1')
    await page.mouse.move(5, 5)
    await row('e2e-bulk-a').click()
    await page.keyboard.press('ArrowDown')
    expect(await page.evaluate('document.activeElement?.dataset.name')).toBe('e2e-bulk-b')
    expect(await opacity()).toBe('1')
    expect(await stop.getAttribute('aria-label')).toBe('Stop e2e-bulk-b')
  })

  it('selects three with Shift-click, stops them together and removes them, each with its result', async () => {
    await row('e2e-bulk-a').click()
    await row('e2e-bulk-c').click({ modifiers: ['Shift'] })
    for (const name of ['e2e-bulk-a', 'e2e-bulk-b', 'e2e-bulk-c']) expect(await row(name).getAttribute('aria-selected')).toBe('true')
    expect(await row('e2e-bulk-d').getAttribute('aria-selected')).toBe('false')
    const bar = page.getByTestId('bulk-bar')
    expect(await bar.getByTestId('bulk-count').textContent()).toBe('3 containers selected')
    expect(await page.evaluate<boolean>(`document.querySelector('[data-testid="select-all"]').indeterminate`)).toBe(true)
    expect(await bar.getByTestId('bulk-start').isDisabled()).toBe(true)

    // sleep as PID 1 ignores SIGTERM: a short timeout makes the engine kill it soon.
    await bar.getByTestId('bulk-timeout').fill('1')
    await bar.getByTestId('bulk-stop').click()
    await expect.poll(() => bar.getByTestId('bulk-headline').textContent(), { timeout: 30_000 }).toBe('Stopped 3 of 3')
    expect(await Promise.all((await bar.getByTestId('bulk-item').all()).map((item) => item.getAttribute('data-status')))).toEqual(['done', 'done', 'done'])
    // Created b, d, a, c: d (index 1) was not selected.
    for (const container of sleepers.filter((_, index) => index !== 1)) expect(await isRunning(container)).toBe(false)
    expect(await isRunning(sleepers[1] as Docker.Container)).toBe(true)
    await expect.poll(() => row('e2e-bulk-b').locator('.badge').textContent()).toBe('exited')
    expect(await row('e2e-bulk-d').locator('.badge').textContent()).toBe('running')
    await page.screenshot({ path: `${SCREENSHOTS}/containers-bulk-stopped.png` })

    // d is running: Ctrl-click adds it, and the dialog names it; without force it stays.
    await row('e2e-bulk-d').click({ modifiers: ['ControlOrMeta'] })
    expect(await bar.getByTestId('bulk-count').textContent()).toBe('4 containers selected')
    await bar.getByTestId('bulk-remove').click()
    const dialog = page.getByTestId('bulk-remove-dialog')
    await dialog.waitFor()
    expect(await dialog.getByTestId('bulk-remove-running').textContent()).toContain('e2e-bulk-d')
    expect(await dialog.getByTestId('bulk-remove-running').textContent()).not.toContain('e2e-bulk-a')
    expect(await dialog.getByTestId('bulk-confirm-remove').textContent()).toContain('Remove 3')
    await page.screenshot({ path: `${SCREENSHOTS}/containers-bulk-remove.png` })
    await dialog.getByTestId('bulk-confirm-remove').click()
    await expect.poll(() => bar.getByTestId('bulk-headline').textContent(), { timeout: 30_000 }).toBe('Removed 3 of 3')
    for (const name of ['e2e-bulk-a', 'e2e-bulk-b', 'e2e-bulk-c']) await expect.poll(() => row(name).count()).toBe(0)
    for (const container of sleepers.filter((_, index) => index !== 1)) await expect(container.inspect()).rejects.toMatchObject({ statusCode: 404 })
    expect(await isRunning(sleepers[1] as Docker.Container)).toBe(true)
    // The removed ones left the selection; the running one is still selected.
    expect(await row('e2e-bulk-d').getAttribute('aria-selected')).toBe('true')
    await page.screenshot({ path: `${SCREENSHOTS}/containers-bulk-removed.png` })
    await bar.getByTestId('bulk-dismiss').click()
    await expect.poll(() => page.getByTestId('bulk-bar').count()).toBe(0)
    expect(await page.getByTestId('selection-bar').textContent()).toContain('e2e-bulk-d')
  }, 90_000)

  it('removes the selected containers\' anonymous volumes too when the dialog is told to', async () => {
    const volumes: string[] = []
    for (const name of ['e2e-vol-1', 'e2e-vol-2']) {
      const container = await docker.createContainer({ Image: FIXTURES.base.tag, name, Cmd: ['true'], Volumes: { '/data': {} } })
      leftovers.container(container.id)
      volumes.push((await container.inspect()).Mounts.find((mount) => mount.Destination === '/data')?.Name ?? '')
    }
    expect(volumes.every((volume) => /^[0-9a-f]{64}$/.test(volume))).toBe(true)
    await row('e2e-vol-1').waitFor()
    await row('e2e-vol-2').waitFor()
    await row('e2e-vol-1').click()
    await row('e2e-vol-2').click({ modifiers: ['ControlOrMeta'] })
    const bar = page.getByTestId('bulk-bar')
    expect(await bar.getByTestId('bulk-count').textContent()).toBe('2 containers selected')
    await bar.getByTestId('bulk-remove').click()
    const dialog = page.getByTestId('bulk-remove-dialog')
    await dialog.getByRole('checkbox', { name: 'Also remove their anonymous volumes' }).check()
    await dialog.getByTestId('bulk-confirm-remove').click()
    await expect.poll(() => bar.getByTestId('bulk-headline').textContent(), { timeout: 30_000 }).toBe('Removed 2 of 2')
    for (const volume of volumes) await expect(docker.getVolume(volume).inspect()).rejects.toMatchObject({ statusCode: 404 })
    await bar.getByTestId('bulk-dismiss').click()
  }, 60_000)

  it(`draws only a screenful of ${MANY} rows, with the full count for screen readers, and Ctrl+A takes them all`, async () => {
    const created: string[] = []
    for (let batch = 0; batch < MANY; batch += 20) {
      const ids = await Promise.all(
        Array.from({ length: Math.min(20, MANY - batch) }, async (_, offset) => {
          const name = `e2e-many-${String(batch + offset).padStart(3, '0')}`
          return (await docker.createContainer({ Image: FIXTURES.base.tag, name, Cmd: ['true'] })).id
        }),
      )
      for (const id of ids) created.push(leftovers.container(id))
    }
    const total = (await docker.listContainers({ all: true })).length
    expect(total).toBeGreaterThanOrEqual(MANY)
    await expect.poll(() => table().getAttribute('aria-rowcount'), { timeout: 30_000 }).toBe(String(total + 1))
    const drawn = await table().locator('tbody tr.list-row').count()
    // 860 px show about 17 rows; the overscan adds 10 at the edge.
    expect(drawn).toBeGreaterThan(10)
    expect(drawn).toBeLessThan(40)

    // Scrolled to the end, the last row says where it is in the whole list.
    await page.evaluate(`(() => { const scroller = document.querySelector('[data-testid="containers-table"]').parentElement; scroller.scrollTop = scroller.scrollHeight })()`)
    await expect.poll(() => table().locator(`tbody tr[aria-rowindex="${total + 1}"]`).count()).toBe(1)
    expect(await table().locator('tbody tr.list-row').count()).toBeLessThan(40)
    await page.screenshot({ path: `${SCREENSHOTS}/containers-bulk-many.png` })

    await table().locator('tbody tr.list-row').last().click()
    await page.keyboard.press('ControlOrMeta+a')
    expect(await page.getByTestId('bulk-count').textContent()).toBe(`${total} containers selected`)
    expect(await page.getByTestId('select-all').isChecked()).toBe(true)
    await page.keyboard.press('Escape')
    await expect.poll(() => page.getByTestId('bulk-bar').count()).toBe(0)
    expect(await table().locator('tr[aria-selected="true"]').count()).toBe(0)
    // Space selects the focused row alone again.
    await page.keyboard.press('Space')
    expect(await table().locator('tr[aria-selected="true"]').count()).toBe(1)
  }, 120_000)

  it('speaks Chinese at 1024x640: the selection bar, its results and the row actions', async () => {
    const zh = await browser.newPage({ viewport: { width: 1024, height: 640 }, locale: 'zh-CN' })
    collectPageProblems(zh, consoleProblems)
    await zh.goto(`${serve.url}#/containers`)
    const zhRow = (name: string) => zh.locator(`[data-testid="containers-table"] tr[data-name="${name}"]`)
    // Names Z→A put the last three at the top; a new page starts in the engine's order.
    const nameHeader = zh.locator('[data-testid="containers-table"] th[data-column="name"] button')
    await nameHeader.click()
    await nameHeader.click()
    await zhRow('e2e-many-299').waitFor()
    // On the Status cell: the row's middle may fall on the image link, which opens the image.
    await zhRow('e2e-many-299').locator('td.status').click()
    await zhRow('e2e-many-297').locator('td.status').click({ modifiers: ['Shift'] })
    const bar = zh.getByTestId('bulk-bar')
    expect(await bar.getByTestId('bulk-count').textContent()).toBe('已选 3 个容器')
    await bar.getByTestId('bulk-start').click()
    await expect.poll(() => bar.getByTestId('bulk-headline').textContent(), { timeout: 30_000 }).toBe('已启动 3/3 个')
    await zhRow('e2e-many-298').hover()
    const names = Array.from({ length: MANY }, (_, index) => `e2e-many-${String(index).padStart(3, '0')}`)
    expect(await untranslatedTexts(zh, [FIXTURES.base.tag, 'e2e-bulk-d', ...names])).toEqual([])
    await zh.screenshot({ path: `${SCREENSHOTS}/zh-CN-containers-bulk-1024x640.png` })
    await zh.close()
  }, 60_000)

  it('raised no console error', () => {
    expect(consoleProblems).toEqual([])
  })
})
