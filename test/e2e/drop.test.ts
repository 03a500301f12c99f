import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { FIXTURES } from '../support/fixtures'
import { launchChromium, startServe, type ServeProcess } from '../support/browser'
import { privateDocker } from '../support/engine'

const SCREENSHOTS = 'test-results/screenshots'
let browser: Browser
let serve: ServeProcess
let page: Page
let folder = ''
let archive = ''

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true })
  folder = mkdtempSync(join(tmpdir(), 'strata-drop-e2e-'))
  archive = join(folder, 'base image.tar')
  await pipeline(await privateDocker().getImage(FIXTURES.base.tag).get(), createWriteStream(archive))
  serve = await startServe(inject('dockerHost'))
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1280, height: 760 } })
  await page.goto(serve.url)
  await page.getByTestId('tag').filter({ hasText: FIXTURES.base.tag }).first().waitFor()
}, 120_000)

afterAll(async () => {
  await browser.close()
  await serve.stop()
  rmSync(folder, { recursive: true, force: true })
})

/** A drag from outside the page as Chromium delivers it: a DataTransfer holding Files (or only text). */
async function drag(kind: 'dragenter' | 'dragover' | 'dragleave' | 'drop', names: string[], text = false): Promise<void> {
  // A string, evaluated in the page where the DOM's types live; the names go in as JSON.
  await page.evaluate(`(() => {
    const data = new DataTransfer()
    if (${JSON.stringify(text)}) data.setData('text/plain', 'just text')
    for (const name of ${JSON.stringify(names)}) data.items.add(new File(['not really a tar'], name, { type: 'application/x-tar' }))
    document.querySelector('main').dispatchEvent(new DragEvent(${JSON.stringify(kind)}, { dataTransfer: data, bubbles: true, cancelable: true }))
  })()`)
}

async function dropFiles(names: string[]): Promise<void> {
  await drag('dragenter', names)
  await drag('dragover', names)
  await drag('drop', names)
}

describe('dropping an image archive on the browser UI', () => {
  it('shows the overlay only for drags that carry files', async () => {
    await drag('dragenter', [], true)
    expect(await page.getByTestId('drop-overlay').count()).toBe(0)
    await drag('dragenter', ['base image.tar'])
    await drag('dragover', ['base image.tar'])
    await page.getByTestId('drop-overlay').waitFor()
    expect(await page.getByTestId('drop-overlay').textContent()).toContain('Drop an image archive to load or analyze it')
    await page.screenshot({ path: `${SCREENSHOTS}/drop-overlay.png` })
    await drag('dragleave', ['base image.tar'])
    await page.getByTestId('drop-overlay').waitFor({ state: 'detached' })
  })

  it('offers Load, Load and analyze, or Analyze without loading, and says the path must be typed', async () => {
    await dropFiles(['base image.tar'])
    const dialog = page.getByTestId('drop-dialog')
    await dialog.waitFor()
    expect(await page.getByTestId('drop-overlay').count()).toBe(0)
    expect(await dialog.getByRole('heading').textContent()).toBe('Open base image.tar')
    expect(await page.getByTestId('drop-load').textContent()).toContain('Load into the engine')
    expect(await page.getByTestId('drop-analyze').textContent()).toContain('Load and analyze')
    expect(await page.getByTestId('drop-archive').textContent()).toContain('Analyze without loading')
    expect(await page.getByTestId('drop-path-note').textContent()).toContain('A browser does not tell the page where base image.tar lies')
    // The first choice has the keyboard focus; Escape closes the dialog and loads nothing.
    expect(await page.evaluate("document.activeElement?.getAttribute('data-testid')")).toBe('drop-load')
    await page.screenshot({ path: `${SCREENSHOTS}/drop-dialog.png` })
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
    expect(await page.getByTestId('load-dialog').count()).toBe(0)
  })

  it('refuses a file that is not an archive, and several files, saying why', async () => {
    await dropFiles(['notes.txt'])
    expect(await page.getByTestId('drop-refused').textContent()).toContain('notes.txt is not an image archive')
    await page.keyboard.press('Enter')
    await page.getByTestId('drop-dialog').waitFor({ state: 'detached' })
    await dropFiles(['a.tar', 'b.tar'])
    expect(await page.getByTestId('drop-refused').textContent()).toBe('2 files were dropped: drop one image archive at a time.')
    await page.getByTestId('drop-cancel').click()
  })

  it('Load opens the Load form naming the dropped file, without uploading it', async () => {
    const uploads: string[] = []
    page.on('request', (request) => {
      if (request.method() !== 'GET') uploads.push(`${request.method()} ${request.url()} ${String(request.postData()?.length ?? 0)}`)
    })
    await dropFiles(['base image.tar'])
    await page.getByTestId('drop-load').click()
    const form = page.getByTestId('load-dialog')
    await form.waitFor()
    expect(await form.getByRole('heading').textContent()).toBe('Load base image.tar')
    expect(await page.getByTestId('load-dropped-name').textContent()).toContain('You dropped base image.tar')
    expect(await page.getByTestId('load-path').getAttribute('placeholder')).toBe('/path/to/base image.tar')
    expect(await page.evaluate("document.activeElement?.getAttribute('data-testid')")).toBe('load-path')
    await page.screenshot({ path: `${SCREENSHOTS}/drop-load-form.png` })
    // Calls carry small JSON; the file's bytes never leave the browser.
    expect(uploads.filter((line) => !/ \d{1,4}$/.test(line))).toEqual([])
    await page.keyboard.press('Escape')
    await form.waitFor({ state: 'detached' })
  })

  it('Load and analyze loads the typed path, then opens the image’s Files tab', async () => {
    await dropFiles(['base image.tar'])
    await page.getByTestId('drop-analyze').click()
    await page.getByTestId('load-path').fill(archive)
    await page.getByTestId('load-file').click()
    await page.getByTestId('files-tab').waitFor({ timeout: 30_000 })
    expect(page.url()).toContain(`#/images/${inject('fixtureIds').base}`)
    expect(page.url()).toContain('tab=files')
    expect(await page.getByTestId('load-dialog').count()).toBe(0)
  })
  it('Analyze without loading reads the typed path into the archive view, and the engine is left as it is', async () => {
    const docker = privateDocker()
    const imagesBefore = (await docker.listImages({ all: true })).map((image) => image.Id).sort()
    const layers = ((await docker.getImage(FIXTURES.base.tag).inspect()).RootFS.Layers ?? []).length
    await dropFiles(['base image.tar'])
    await page.getByTestId('drop-archive').click()
    await page.getByTestId('archive-view').waitFor()
    expect(page.url()).toContain('#/archive')
    expect(await page.getByTestId('archive-dropped-name').textContent()).toContain('You dropped base image.tar')
    expect(await page.getByTestId('archive-path').getAttribute('placeholder')).toBe('/path/to/base image.tar')
    // The path field has the focus: the user types and presses Enter.
    expect(await page.evaluate("document.activeElement?.getAttribute('data-testid')")).toBe('archive-path')
    await page.keyboard.type(archive)
    await page.keyboard.press('Enter')
    await page.getByTestId('archive-header').waitFor({ timeout: 30_000 })
    expect(await page.getByTestId('archive-title').textContent()).toBe('base image.tar')
    expect(await page.getByTestId('archive-path').count()).toBe(0)
    expect(await page.getByTestId('archive-file').textContent()).toBe(archive)
    expect(await page.getByTestId('archive-references').textContent()).toContain(FIXTURES.base.tag)
    expect(await page.getByTestId('archive-size').textContent()).toMatch(/\d/)
    expect(await page.getByTestId('layer-item').count()).toBe(layers)
    // The top layer is selected and its changes are listed; the keyboard moves down the stack.
    await page.getByTestId('archive-changes').getByRole('treeitem').first().waitFor()
    await page.getByTestId('layer-list').focus()
    const top = await page.getByTestId('layer-list').getAttribute('aria-activedescendant')
    await page.keyboard.press('End')
    expect(await page.getByTestId('layer-list').getAttribute('aria-activedescendant')).not.toBe(top)
    expect(await page.getByTestId('archive-changes').textContent()).toContain('Changes in layer 0')
    // No engine action: nothing here runs, deletes or tags.
    for (const action of ['run-from-image', 'delete-image', 'commit-from-container']) expect(await page.getByTestId(action).count(), action).toBe(0)
    await page.setViewportSize({ width: 1024, height: 640 })
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(1024)
    await page.screenshot({ path: `${SCREENSHOTS}/drop-archive-view.png` })
    // The advisor read the same archive: the base image holds nothing to get back, and says so.
    await page.getByTestId('show-advice').click()
    await page.getByTestId('advice-panel').waitFor()
    expect(await page.getByTestId('advice-empty').count()).toBe(1)
    expect(await page.getByTestId('advice-loading').count()).toBe(0)
    await page.screenshot({ path: `${SCREENSHOTS}/drop-archive-advice.png` })
    await page.getByTestId('show-wasted').click()
    await page.setViewportSize({ width: 1280, height: 760 })
    expect((await docker.listImages({ all: true })).map((image) => image.Id).sort()).toEqual(imagesBefore)
  })

  it('a path that is not an archive is refused on the archive view, saying why', async () => {
    await page.getByTestId('archive-another').click()
    await page.getByTestId('archive-path').fill(`${folder}/absent.tar`)
    await page.getByTestId('archive-analyze').click()
    expect(await page.getByTestId('archive-failed').textContent()).toContain('There is no file')
  })

  it('the Load form analyzes a typed path without loading it', async () => {
    await page.locator(`nav a[href="#/images"]`).click()
    await dropFiles(['base image.tar'])
    await page.getByTestId('drop-load').click()
    await page.getByTestId('load-path').fill(archive)
    await page.getByTestId('load-analyze-archive').click()
    await page.getByTestId('archive-header').waitFor({ timeout: 30_000 })
    expect(await page.getByTestId('load-dialog').count()).toBe(0)
    expect(await page.getByTestId('archive-references').textContent()).toContain(FIXTURES.base.tag)
  })
})
