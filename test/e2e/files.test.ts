import { mkdirSync, readFileSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { FIXTURES, buildFixture } from '../support/fixtures'
import { launchChromium, startServe, type ServeProcess } from '../support/browser'
import { privateDocker } from '../support/engine'

const SCREENSHOTS = 'test-results/screenshots'
const docker = privateDocker()
let browser: Browser
let serve: ServeProcess
let page: Page
let imageId = ''
let topLayer = 0

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true })
  imageId = await buildFixture(docker, {
    tag: 'e2e/files:1',
    dockerfile: [
      `FROM ${FIXTURES.base.tag}`,
      'RUN mkdir -p /data && dd if=/dev/zero of=/data/big.bin bs=1024 count=512 && echo keep > /data/keep.txt && echo same > /data/same.txt',
      'RUN rm /data/big.bin && echo changed > /data/keep.txt && touch /data/same.txt',
    ].join('\n'),
  })
  const inspect = await docker.getImage(imageId).inspect()
  topLayer = (inspect.RootFS.Layers?.length ?? 0) - 1
  serve = await startServe(inject('dockerHost'))
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1360, height: 860 } })
  await page.goto(serve.url)
  await page.locator(`tr[data-image-id="${imageId}"]`).waitFor()
}, 120_000)

afterAll(async () => {
  await browser.close()
  await serve.stop()
})

function tree(name: 'changes-tree' | 'merged-tree') {
  return page.getByTestId(name)
}

function row(name: 'changes-tree' | 'merged-tree', path: string) {
  return tree(name).locator(`[data-testid="tree-row"][data-path="${path}"]`)
}

describe('the Files tab in the browser', () => {
  it('analyzes the image and selects the top layer', async () => {
    await page.locator(`tr[data-image-id="${imageId}"]`).click()
    await page.getByRole('tab', { name: /Files/ }).click()
    expect(page.url()).toContain('tab=files')
    await page.getByTestId('files-tab').waitFor()
    await page.getByTestId('layer-list').waitFor({ timeout: 30_000 })
    expect(await page.getByTestId('analysis-progress').count()).toBe(0)

    const items = page.getByTestId('layer-item')
    expect(await items.count()).toBe(topLayer + 1)
    // The top layer comes first and is selected.
    expect(await items.first().getAttribute('data-layer-index')).toBe(String(topLayer))
    const top = page.locator(`[data-testid="layer-item"][data-layer-index="${topLayer}"]`)
    expect(await top.getAttribute('aria-selected')).toBe('true')
    expect(await top.textContent()).toContain('rm /data/big.bin')
    expect(await top.textContent()).toContain('−1')
  })

  it('shows the removed file in the top layer changes, struck through', async () => {
    await page.locator(`[data-testid="layer-item"][data-layer-index="${topLayer}"]`).click()
    const data = row('changes-tree', 'data')
    await data.waitFor()
    expect(await data.getAttribute('aria-expanded')).toBe('false')
    await data.click()
    const big = row('changes-tree', 'data/big.bin')
    await big.waitFor()
    expect(await data.getAttribute('aria-expanded')).toBe('true')
    expect(await big.getAttribute('data-change')).toBe('removed')
    expect(await big.getAttribute('aria-level')).toBe('2')
    expect(await big.textContent()).toContain('-rw-r--r--')
    expect(await big.textContent()).toContain('524 kB')
    // Evaluated in the page, where the DOM's types live.
    const decoration = await page.evaluate(
      `getComputedStyle(document.querySelector('[data-testid="changes-tree"] [data-path="data/big.bin"] .label')).textDecorationLine`,
    )
    expect(decoration).toBe('line-through')
    expect(await row('changes-tree', 'data/keep.txt').getAttribute('data-change')).toBe('modified')
    // touch stores the file again with the same bytes; a rewrite does not say so.
    expect(await row('changes-tree', 'data/same.txt').getAttribute('data-change')).toBe('modified')
    expect(await row('changes-tree', 'data/same.txt').getByTestId('same-content').count()).toBe(1)
    expect(await row('changes-tree', 'data/keep.txt').getByTestId('same-content').count()).toBe(0)

    // The merged filesystem as of the top layer no longer holds big.bin.
    const mergedData = row('merged-tree', 'data')
    await mergedData.waitFor()
    expect(await mergedData.textContent()).toContain('drwxr-xr-x')
    await mergedData.focus()
    await page.keyboard.press('ArrowRight')
    await row('merged-tree', 'data/keep.txt').waitFor()
    expect(await row('merged-tree', 'data/big.bin').count()).toBe(0)
    await page.keyboard.press('ArrowLeft')
    await expect.poll(() => row('merged-tree', 'data/keep.txt').count()).toBe(0)
    await page.screenshot({ path: `${SCREENSHOTS}/files-changes.png` })
  })

  it('filters to a flat list and opens a file in the viewer', async () => {
    await page.getByTestId('files-filter').fill('keep')
    const keep = row('merged-tree', 'data/keep.txt')
    await keep.waitFor()
    expect(await keep.textContent()).toContain('/data/keep.txt')
    await expect.poll(() => tree('merged-tree').getByTestId('tree-row').count()).toBe(1)
    await keep.dblclick()
    const viewer = page.getByTestId('file-viewer')
    await viewer.getByText('changed').waitFor({ timeout: 30_000 })
    expect(await viewer.textContent()).toContain('As of layer')
    // Save as: in the browser the host streams a download of the whole file.
    const [download] = await Promise.all([page.waitForEvent('download'), viewer.getByTestId('viewer-save').click()])
    expect(download.suggestedFilename()).toBe('keep.txt')
    expect(readFileSync(await download.path(), 'utf8')).toBe('changed\n')
    await viewer.getByTestId('viewer-saved').getByText('Download started').waitFor()
    await page.screenshot({ path: `${SCREENSHOTS}/files-viewer.png` })
    await page.keyboard.press('Escape')
    await expect.poll(() => viewer.count()).toBe(0)

    // Clearing the filter returns to the tree.
    await page.getByTestId('files-filter').fill('')
    await row('merged-tree', 'bin').waitFor()
  })

  it('lists the wasted bytes and selects a layer from them', async () => {
    const panel = page.getByTestId('wasted-panel')
    const big = panel.locator('[data-testid="wasted-path"][data-path="data/big.bin"]')
    await big.waitFor()
    expect(await big.textContent()).toContain('524 kB')
    expect(await big.textContent()).toContain(`in layer ${topLayer - 1}`)
    await big.getByRole('button', { name: `Select layer ${topLayer - 1}` }).click()
    const lower = page.locator(`[data-testid="layer-item"][data-layer-index="${topLayer - 1}"]`)
    expect(await lower.getAttribute('aria-selected')).toBe('true')
    // Open folders stay open from layer to layer.
    expect(await row('changes-tree', 'data').getAttribute('aria-expanded')).toBe('true')
    expect(await row('changes-tree', 'data/big.bin').getAttribute('data-change')).toBe('added')

    // Arrow keys on the layer list move the selection, and the trees follow.
    await page.getByTestId('layer-list').focus()
    await page.keyboard.press('ArrowUp')
    expect(await page.locator(`[data-testid="layer-item"][data-layer-index="${topLayer}"]`).getAttribute('aria-selected')).toBe('true')
    await expect.poll(() => row('changes-tree', 'data/big.bin').getAttribute('data-change')).toBe('removed')
  })

  it('shows only the changes pane on request, in both colour schemes', async () => {
    await page.getByTestId('only-changes').check()
    await expect.poll(() => tree('merged-tree').count()).toBe(0)
    await page.screenshot({ path: `${SCREENSHOTS}/files-only-changes.png` })
    await page.getByTestId('only-changes').uncheck()
    await tree('merged-tree').waitFor()
    await page.emulateMedia({ colorScheme: 'dark' })
    await row('merged-tree', 'data').click()
    await row('merged-tree', 'data/keep.txt').waitFor()
    await page.screenshot({ path: `${SCREENSHOTS}/files-dark.png` })
    await page.getByTestId('files-filter').fill('keep')
    await row('changes-tree', 'data/keep.txt').dblclick()
    await page.getByTestId('file-viewer').getByText('changed').waitFor({ timeout: 30_000 })
    await page.screenshot({ path: `${SCREENSHOTS}/files-viewer-dark.png` })
    await page.keyboard.press('Escape')
    await page.getByTestId('files-filter').fill('')
    await page.emulateMedia({ colorScheme: 'light' })
  })
})
