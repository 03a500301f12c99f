import { mkdirSync } from 'node:fs'
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
let idA = ''

/** Two images from one base: a different config, a text file changed on one line, a binary file changed. */
function variant(tag: string, mode: string, port: number, second: string, byte: string): { tag: string; dockerfile: string } {
  return {
    tag,
    dockerfile: [
      `FROM ${FIXTURES.base.tag}`,
      `RUN mkdir -p /srv/d1 /srv/d2 /srv/d10 && printf 'one\\n${second}\\nthree\\nfour\\n' > /srv/app.conf && printf '\\000\\${byte}' > /srv/blob.bin`,
      `ENV MODE=${mode} SHARED=yes`,
      `EXPOSE ${port}`,
      'WORKDIR /srv',
      `LABEL version="${mode}"`,
    ].join('\n'),
  }
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true })
  idA = await buildFixture(docker, variant('e2e/compare-config:a', 'dev', 8080, 'two', '001'))
  await buildFixture(docker, variant('e2e/compare-config:b', 'prod', 9090, 'TWO', '002'))
  serve = await startServe(inject('dockerHost'))
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1024, height: 640 } })
  await page.goto(serve.url)
  await page.goto(`${new URL(page.url()).origin}/#/images/${idA}?tab=compare`)
}, 180_000)

afterAll(async () => {
  await browser.close()
  await serve.stop()
})

describe('comparing the config and the content of two images', () => {
  it('sets the settings that differ side by side and folds the same ones', async () => {
    await page.getByTestId('compare').waitFor()
    await page.getByTestId('compare-with').selectOption({ label: 'e2e/compare-config:b' })
    await page.getByRole('button', { name: 'Compare', exact: true }).click()
    const config = page.getByTestId('compare-config')
    await config.waitFor({ timeout: 60_000 })
    const rows = config.getByTestId('config-diff-row')
    const cells = async (field: string, key: string): Promise<string[]> =>
      rows.and(page.locator(`[data-field="${field}"][data-key="${key}"]`)).locator('td').allTextContents()
    expect(await cells('env', 'MODE')).toEqual(['dev', 'prod'])
    expect(await cells('labels', 'version')).toEqual(['dev', 'prod'])
    expect(await cells('exposedPorts', '8080/tcp')).toEqual(['8080/tcp', 'not set'])
    expect(await cells('exposedPorts', '9090/tcp')).toEqual(['not set', '9090/tcp'])
    // What both share is not among the differences: it is folded under "the same".
    expect(await rows.and(page.locator('[data-key="SHARED"]')).count()).toBe(0)
    expect(await rows.and(page.locator('[data-field="workingDir"]')).count()).toBe(0)
    const same = config.getByTestId('config-same')
    expect(await same.locator('summary').textContent()).toMatch(/settings are the same/)
    expect(await same.getAttribute('open')).toBeNull()
  })

  it('shows paths as absolute paths and a changed text file line by line', async () => {
    const changed = page.getByTestId('compare-changed')
    await changed.locator('[data-testid="compare-path"][data-path="/srv/app.conf"]').waitFor()
    expect(await changed.textContent()).toContain('/srv/app.conf')
    await changed.getByRole('button', { name: 'Compare content of /srv/app.conf' }).click()
    const content = page.getByTestId('compare-content')
    await content.getByTestId('content-diff').waitFor({ timeout: 60_000 })
    const lines = content.getByTestId('content-line')
    expect(await lines.and(page.locator('[data-kind="removed"]')).allTextContents()).toEqual([expect.stringContaining('two')])
    expect(await lines.and(page.locator('[data-kind="added"]')).allTextContents()).toEqual([expect.stringContaining('TWO')])
    expect(await lines.and(page.locator('[data-kind="same"]')).count()).toBe(3)
    // The heading takes the focus, for keyboard and screen reader users.
    await expect.poll(() => page.evaluate<string>('document.activeElement?.tagName ?? ""')).toBe('H3')
    await content.scrollIntoViewIfNeeded()
    await page.screenshot({ path: `${SCREENSHOTS}/compare-content.png` })
  })

  it('says a binary file is not compared line by line', async () => {
    await page.getByTestId('compare-changed').getByRole('button', { name: 'Compare content of /srv/blob.bin' }).click()
    const note = page.getByTestId('compare-content').getByTestId('compare-content-note')
    await note.waitFor({ timeout: 60_000 })
    expect(await note.textContent()).toMatch(/Binary content: not compared line by line/)
    await page.getByTestId('compare-content-close').click()
    expect(await page.getByTestId('compare-content').count()).toBe(0)
    // The focus goes back to the button that opened it.
    await expect.poll(() => page.evaluate<string>('document.activeElement?.closest("[data-path]")?.getAttribute("data-path") ?? ""')).toBe('/srv/blob.bin')
  })
})

describe('opening a file in the Files tab', () => {
  it('selects with one click, opens with Enter or the Open button; folders sort naturally', async () => {
    await page.goto(`${new URL(page.url()).origin}/#/images/${idA}?tab=files`)
    const merged = page.getByTestId('merged-tree')
    const srv = merged.locator('[data-testid="tree-row"][data-path="srv"]')
    await srv.waitFor({ timeout: 60_000 })
    await srv.click()
    await merged.locator('[data-testid="tree-row"][data-path="srv/d10"]').waitFor()
    const folderRows = await merged.locator('[data-testid="tree-row"][data-path^="srv/d"]').all()
    const folders = await Promise.all(folderRows.map((folder) => folder.getAttribute('data-path')))
    expect(folders).toEqual(['srv/d1', 'srv/d2', 'srv/d10'])

    const open = merged.getByTestId('open-file')
    expect(await open.isDisabled()).toBe(true)
    const conf = merged.locator('[data-testid="tree-row"][data-path="srv/app.conf"]')
    await conf.click()
    expect(await page.getByTestId('file-viewer').count()).toBe(0)
    expect(await conf.getAttribute('aria-selected')).toBe('true')
    expect(await open.isEnabled()).toBe(true)
    await page.keyboard.press('Enter')
    const viewer = page.getByTestId('file-viewer')
    await viewer.getByText('three').waitFor({ timeout: 30_000 })
    await page.keyboard.press('Escape')
    await viewer.waitFor({ state: 'detached' })
    await open.click()
    await viewer.getByText('three').waitFor({ timeout: 30_000 })
    await page.keyboard.press('Escape')
    await viewer.waitFor({ state: 'detached' })
  })

  it('filters the trees by change, with a count on each toggle and Alt+letter keys', async () => {
    const changes = page.getByTestId('changes-tree')
    const srv = changes.locator('[data-testid="tree-row"][data-path="srv"]')
    const added = page.getByTestId('show-added')
    // The layer of the RUN added /srv; the top layer may be WORKDIR's. Step down the stack to it.
    await page.getByTestId('layer-list').focus()
    for (let step = 0; step < 4 && (await srv.count()) === 0; step += 1) {
      await page.keyboard.press('ArrowDown')
      await page.waitForTimeout(300)
    }
    await srv.waitFor()
    expect(await added.getAttribute('aria-pressed')).toBe('true')
    expect(await added.textContent()).toMatch(/Added\s*[1-9]/)
    await expect.poll(() => page.getByTestId('show-unchanged').textContent()).toMatch(/Unchanged\s*[1-9]/)

    await added.click()
    expect(await added.getAttribute('aria-pressed')).toBe('false')
    await srv.waitFor({ state: 'detached' })
    await page.screenshot({ path: `${SCREENSHOTS}/files-filters.png` })
    await page.getByTestId('layer-list').focus()
    await page.keyboard.press('Alt+A')
    expect(await added.getAttribute('aria-pressed')).toBe('true')
    await srv.waitFor()
  })
})

describe('one order of the stack', () => {
  it('lists the history top step first, as Layers and Files do, and says so', async () => {
    await page.goto(`${new URL(page.url()).origin}/#/images/${idA}?tab=history`)
    const history = page.getByTestId('history')
    await history.getByTestId('history-row').first().waitFor({ timeout: 30_000 })
    expect(await history.locator('caption').textContent()).toContain('top layer first')
    const rows = history.getByTestId('history-row')
    // The last instruction of the Dockerfile (LABEL) comes first, the base's COPY last, each with its step number from the base.
    expect(await rows.first().textContent()).toContain('LABEL')
    expect((await rows.last().locator('td').first().textContent())?.trim()).toBe('1')
    expect(await rows.last().textContent()).toMatch(/COPY|ADD/)
    await page.screenshot({ path: `${SCREENSHOTS}/history-order.png` })
    await page.getByRole('tab', { name: /Layers/ }).click()
    await page.getByTestId('layers').waitFor()
    expect(await page.getByTestId('layers').locator('h3').first().textContent()).toBe('Top layer first')
  })
})

describe('in Chinese', () => {
  it('words the config and content diff in Chinese', async () => {
    const origin = new URL(page.url()).origin
    await page.goto(`${origin}/#/settings`)
    await page.getByTestId('language-option-zh-CN').click()
    await expect.poll(() => page.evaluate<string>('document.documentElement.lang')).toBe('zh-CN')
    await page.goto(`${origin}/#/images/${idA}?tab=compare`)
    await page.getByTestId('compare-with').selectOption({ label: 'e2e/compare-config:b' })
    await page.locator('[data-testid="compare"] button[type="submit"]').click()
    const config = page.getByTestId('compare-config')
    await config.waitFor({ timeout: 60_000 })
    expect(await config.locator('h3').textContent()).toContain('配置')
    await page.getByTestId('compare-changed').getByTestId('compare-content-button').first().click()
    await page.getByTestId('content-diff').waitFor({ timeout: 60_000 })
    expect(await page.getByTestId('compare-content').locator('h3').textContent()).toContain('的内容')
    await page.screenshot({ path: `${SCREENSHOTS}/compare-zh.png`, fullPage: true })
    await page.goto(`${origin}/#/images/${idA}?tab=files`)
    await page.getByTestId('show-unchanged').waitFor({ timeout: 30_000 })
    expect(await page.getByTestId('show-unchanged').textContent()).toContain('未变')
    await page.screenshot({ path: `${SCREENSHOTS}/files-zh.png` })
    await page.goto(`${origin}/#/settings`)
    await page.getByTestId('language-option-en').click()
  })
})
