import { mkdirSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { FIXTURES, buildFixture } from '../support/fixtures'
import { launchChromium, startServe, type ServeProcess } from '../support/browser'
import { privateDocker } from '../support/engine'

const SCREENSHOTS = 'test-results/screenshots'
let browser: Browser
let serve: ServeProcess
let page: Page
let imageId = ''

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true })
  imageId = await buildFixture(privateDocker(), { tag: 'e2e/compare:1', dockerfile: `FROM ${FIXTURES.base.tag}\nRUN echo here > /only-here.txt && rm /bin/vi` })
  serve = await startServe(inject('dockerHost'))
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1360, height: 900 } })
  await page.goto(serve.url)
  await page.goto(`${new URL(page.url()).origin}/#/images/${imageId}?tab=compare`)
}, 120_000)

afterAll(async () => {
  await browser.close()
  await serve.stop()
})

describe('comparing two images', () => {
  it('shows the layers both hold and the files only one has', async () => {
    await page.getByTestId('compare').waitFor()
    await page.getByTestId('compare-with').selectOption({ label: FIXTURES.base.tag })
    await page.getByRole('button', { name: 'Compare', exact: true }).click()
    const summary = page.getByTestId('compare-summary')
    await summary.waitFor({ timeout: 30_000 })
    expect(await summary.textContent()).toMatch(/2\s+shared layers/)
    // A is this image, B the base: the base lacks only-here.txt and still has /bin/vi.
    expect(await page.getByTestId('compare-removed').textContent()).toContain('only-here.txt')
    expect(await page.getByTestId('compare-added').textContent()).toContain('bin/vi')
    await page.screenshot({ path: `${SCREENSHOTS}/compare.png` })
  })
})
