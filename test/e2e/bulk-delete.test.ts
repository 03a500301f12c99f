import { mkdirSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { formatBytes } from '../../shared/format'
import { collectConsoleProblems, launchChromium, startServe, type ServeProcess } from '../support/browser'
import { buildBulkScenario, layersSize, type BulkScenario } from '../support/bulk-scenario'
import { Leftovers } from '../support/containers'
import { privateDocker } from '../support/engine'
import { exists } from '../integration/cleanup-helpers'

const SCREENSHOTS = 'test-results/screenshots'
const docker = privateDocker()
const leftovers = new Leftovers(docker)
let browser: Browser
let serve: ServeProcess
let page: Page
let scenario: BulkScenario
const consoleProblems: string[] = []

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true })
  scenario = await buildBulkScenario(docker, leftovers, 'bulke2e')
  // A stopped container of four: the set is blocked until the user chooses to remove it too.
  const user = await docker.createContainer({ Image: scenario.ids[3] ?? '', name: 'bulke2e-user', Cmd: ['true'] })
  leftovers.container(user.id)
  serve = await startServe(inject('dockerHost'))
  browser = await launchChromium()
  // The smallest window Strata is made for.
  page = await browser.newPage({ viewport: { width: 1024, height: 640 } })
  collectConsoleProblems(page, consoleProblems)
  await page.goto(serve.url)
  await page.getByRole('searchbox', { name: 'Filter images' }).fill('bulke2e/m')
  await page.locator('tr[data-image-id]').nth(4).waitFor()
}, 180_000)

afterAll(async () => {
  await browser.close()
  await serve.stop()
  await leftovers.clean()
})

async function rowIds(): Promise<string[]> {
  const rows = await page.locator('tr[data-image-id]').all()
  return Promise.all(rows.map(async (row) => (await row.getAttribute('data-image-id')) ?? ''))
}

async function selectedIds(): Promise<string[]> {
  const rows = await page.locator('tr[data-image-id].selected').all()
  return Promise.all(rows.map(async (row) => (await row.getAttribute('data-image-id')) ?? ''))
}

const row = (index: number) => page.locator(`tr[data-index="${String(index)}"]`)
const summary = () => page.getByTestId('selection-summary')

describe('bulk actions on images', () => {
  it('selects by keyboard and mouse: Ctrl+A, Escape, Shift-click, Ctrl-click, Space', async () => {
    const ids = await rowIds()
    expect([...ids].sort()).toEqual([...scenario.ids].sort())
    await row(0).focus()
    await page.keyboard.press('Control+a')
    await expect.poll(selectedIds).toEqual(ids)
    await expect.poll(async () => summary().textContent()).toMatch(/^5 selected · /)
    const header = page.getByTestId('select-all-images')
    expect(await header.isChecked()).toBe(true)

    await page.keyboard.press('Escape')
    await expect.poll(selectedIds).toEqual([])
    expect(await page.getByTestId('selection-bar').count()).toBe(0)

    await row(0).getByTestId('select-image').click()
    await row(2).click({ modifiers: ['Shift'] })
    await expect.poll(selectedIds).toEqual(ids.slice(0, 3))
    // Some selected: the header checkbox says so.
    expect(await header.evaluate((element) => (element as { indeterminate?: boolean }).indeterminate === true)).toBe(true)
    await row(4).click({ modifiers: ['Control'] })
    await expect.poll(selectedIds).toEqual([...ids.slice(0, 3), ids[4]])
    await row(4).focus()
    await page.keyboard.press('Space')
    await expect.poll(selectedIds).toEqual(ids.slice(0, 3))
    // The figure is the set's: worked out by the core, shared layers once.
    await expect.poll(async () => summary().textContent()).toMatch(/^3 selected · .+ freed if deleted/)
    await page.screenshot({ path: `${SCREENSHOTS}/bulk-selection.png` })
    // Still on the list: none of the clicks opened an image.
    expect(page.url()).not.toContain('/images/sha256')
    await header.click()
    await expect.poll(selectedIds).toEqual(ids)
  })

  it('deletes five images at once and frees exactly what it predicted, as the engine measures it', async () => {
    await page.getByTestId('delete-selected').click()
    const dialog = page.getByTestId('bulk-delete-dialog')
    await dialog.getByTestId('bulk-predicted').waitFor()
    expect(await dialog.getByTestId('blocker').textContent()).toContain('bulke2e-user')
    // Keeping the container keeps four: four of five can go.
    expect(await dialog.textContent()).toContain('4 of 5 can be deleted')
    await dialog.getByTestId('remove-containers').check()
    const predicted = dialog.getByTestId('bulk-predicted')
    await expect.poll(async () => Number(await predicted.getAttribute('data-bytes'))).toBe(scenario.expectedFreed)
    expect(await predicted.textContent()).toContain(formatBytes(scenario.expectedFreed))
    await page.screenshot({ path: `${SCREENSHOTS}/bulk-delete-dialog.png` })

    const before = await layersSize(docker)
    await dialog.getByTestId('bulk-delete').click()
    const freed = dialog.getByTestId('bulk-freed')
    await freed.waitFor({ timeout: 60_000 })
    const drop = before - (await layersSize(docker))
    expect(drop).toBe(scenario.expectedFreed)
    expect(Number(await freed.getAttribute('data-bytes'))).toBe(drop)
    expect(Number(await freed.getAttribute('data-predicted'))).toBe(drop)
    expect(await freed.textContent()).toContain(`Freed ${formatBytes(drop)}`)
    expect(await dialog.locator('[data-testid="bulk-outcome"][data-status="deleted"]').count()).toBe(5)
    await page.screenshot({ path: `${SCREENSHOTS}/bulk-delete-result.png` })

    await dialog.getByRole('button', { name: 'Close' }).click()
    await expect.poll(rowIds).toEqual([])
    for (const id of scenario.ids) expect(await exists(docker, id)).toBe(false)
    expect(await exists(docker, scenario.outside)).toBe(true)
    expect(consoleProblems).toEqual([])
  })

  it('speaks Chinese: the selection bar and the dialog', async () => {
    await page.locator('nav a[href="#/settings"]').click()
    await page.getByTestId('language-option-zh-CN').click()
    await expect.poll(() => page.evaluate<string>('document.documentElement.lang')).toBe('zh-CN')
    await page.locator('nav a[href="#/images"]').click()
    const outside = page.locator(`tr[data-image-id="${scenario.outside}"]`)
    await page.getByRole('searchbox').first().fill('bulke2e')
    await outside.getByTestId('select-image').click()
    await expect.poll(async () => summary().textContent()).toMatch(/^已选 1 个 · 删除后可释放 /)
    await page.getByTestId('delete-selected').click()
    const dialog = page.getByTestId('bulk-delete-dialog')
    await dialog.getByTestId('bulk-predicted').waitFor()
    expect(await dialog.textContent()).toContain('删除 1 个镜像')
    await page.screenshot({ path: `${SCREENSHOTS}/bulk-delete-dialog-zh.png` })
    await page.keyboard.press('Escape')
    await page.locator('nav a[href="#/settings"]').click()
    await page.getByTestId('language-option-en').click()
    expect(consoleProblems).toEqual([])
  })
})
