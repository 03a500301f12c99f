import { mkdirSync } from 'node:fs'
import Docker from 'dockerode'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, startServe, type ServeProcess } from '../support/browser'
import { crashDaemon, startPrivateDaemon, type PrivateDaemon } from '../support/daemon'
import { importImages } from '../support/imported-images'

/**
 * The Cleanup view when the engine vanishes part-way: the dialog must show what was
 * removed and what was not, not an error that hides the work done. A daemon of this
 * file's own is killed while the browser's cleanup runs.
 */

const SCREENSHOTS = 'test-results/screenshots'
const IMAGES = 16
let daemon: PrivateDaemon
let docker: Docker
let serve: ServeProcess
let browser: Browser
let page: Page

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true })
  daemon = await startPrivateDaemon()
  docker = new Docker({ socketPath: daemon.socketPath })
  await importImages(docker, 'ui', IMAGES)
  serve = await startServe(daemon.host)
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1360, height: 1000 } })
  await page.goto(serve.url)
  await page.getByRole('link', { name: 'Cleanup' }).click()
}, 120_000)

afterAll(async () => {
  await browser.close()
  await serve.stop()
  await daemon.stop()
})

async function tagCount(): Promise<number | null> {
  return docker
    .listImages()
    .then((images) => images.flatMap((image) => image.RepoTags ?? []).length)
    .catch(() => null)
}

describe('an interrupted cleanup in the browser', () => {
  it('shows how far it got: the removed items, the step in flight, the rest not tried, and no measured total', async () => {
    await page.locator('[data-option="unused"]').check()
    await expect.poll(() => page.getByTestId('plan-item').count(), { timeout: 15_000 }).toBe(IMAGES)
    await page.getByTestId('open-cleanup').click()
    const dialog = page.getByTestId('cleanup-dialog')
    await dialog.getByTestId('confirm-cleanup').click()
    // The engine goes away as soon as a few images are gone.
    for (;;) {
      const count = await tagCount()
      if (count === null || count <= IMAGES - 3) break
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    await crashDaemon(daemon)

    await dialog.getByTestId('cleanup-report').waitFor({ timeout: 30_000 })
    expect(await dialog.locator('h2, [role="heading"]').first().textContent()).toContain('Cleanup interrupted')
    const headline = (await dialog.getByTestId('report-headline').textContent()) ?? ''
    const statuses = await Promise.all((await dialog.getByTestId('outcome').all()).map(async (outcome) => (await outcome.getAttribute('data-status')) ?? ''))
    const removed = statuses.filter((status) => status === 'removed').length
    expect(removed).toBeGreaterThan(0)
    expect(statuses.filter((status) => status === 'skipped').length).toBeGreaterThan(0)
    expect(headline).toBe(`Interrupted after removing ${String(removed)} of ${String(IMAGES)} items. What it freed could not be measured.`)
    expect(await dialog.getByTestId('report-freed').textContent()).toBe('not measured')
    expect(await dialog.getByTestId('report-verdict').textContent()).toContain('No Docker engine answers')
    await page.screenshot({ path: `${SCREENSHOTS}/cleanup-interrupted.png` })
  })
})
