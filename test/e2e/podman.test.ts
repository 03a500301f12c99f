import { mkdirSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatBytes } from '../../shared/format'
import { launchChromium, startServe, type ServeProcess } from '../support/browser'
import { buildPodmanFixture, startPrivatePodman, type PrivatePodman } from '../support/podman'

// The browser UI on Podman's Docker-compatible service: the screens a Podman user sees
// where its answers differ from Docker's (no layer total, intermediates counted).

const SCREENSHOTS = 'test-results/screenshots'
const TAG = 'localhost/strata/podman-ui:1'
let podman: PrivatePodman
let serve: ServeProcess
let browser: Browser
let page: Page

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true })
  podman = await startPrivatePodman()
  buildPodmanFixture(podman, TAG)
  podman.podman('tag', TAG, 'localhost/strata/podman-unused:1')
  podman.podman('create', '--name', 'podman-ui', '--network', 'none', TAG, '/bin/busybox', 'true')
  serve = await startServe(podman.host)
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1360, height: 1000 } })
  await page.goto(serve.url)
}, 120_000)
afterAll(async () => {
  await browser.close()
  await serve.stop()
  await podman.stop()
})

describe('Strata in the browser on Podman', () => {
  it('says Podman in the status and lists the image with its platform', async () => {
    await expect.poll(() => page.getByText('Podman 4.').count(), { timeout: 10_000 }).toBeGreaterThan(0)
    const row = page.locator('tr', { hasText: TAG })
    await row.waitFor()
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain('linux/amd64')
  })

  it('cleans up the stopped container and reports the layers it summed itself', async () => {
    await page.getByRole('link', { name: 'Cleanup' }).click()
    expect(await page.getByTestId('podman-layers-note').textContent()).toContain('reports no layer total')
    await page.locator('[data-option="dangling"]').uncheck()
    await page.locator('[data-option="containers"]').check()
    await expect.poll(() => page.getByTestId('plan-item').count(), { timeout: 10_000 }).toBe(1)
    await page.getByTestId('open-cleanup').click()
    const dialog = page.getByTestId('cleanup-dialog')
    await dialog.getByTestId('confirm-cleanup').click()
    await dialog.getByTestId('cleanup-report').waitFor({ timeout: 30_000 })
    const layers = Number(podman.podman('image', 'inspect', '--format', '{{.Size}}', TAG))
    // Nothing of the image's layers goes, and the figure is Strata's sum over what Podman lists.
    expect(await dialog.getByTestId('report-engine-layers').textContent()).toBe(`The layers of the images the engine lists (it reports no total) stayed at ${formatBytes(layers)}.`)
    await page.screenshot({ path: `${SCREENSHOTS}/podman-cleanup-report.png` })
    expect(podman.podman('ps', '-a', '--format', '{{.Names}}')).toBe('')
    await dialog.getByTestId('close-report').click()
    await page.getByTestId('disk-usage').screenshot({ path: `${SCREENSHOTS}/podman-engine-says.png` })
  })
})
