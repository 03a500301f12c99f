import { mkdirSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { collectPageProblems, launchChromium, type ServeProcess, startServe } from '../support/browser'
import { FIXTURES } from '../support/fixtures'
import { buildPodmanFixture, startPrivatePodman, type PrivatePodman } from '../support/podman'

// Switching engines from the Engine view, live: from the private dockerd to the private
// Podman service and back, with no stale rows and no page errors.

const SCREENSHOTS = 'test-results/screenshots'
const PODMAN_TAG = 'localhost/strata/switch-ui:1'
let podman: PrivatePodman
let serve: ServeProcess
let browser: Browser
let page: Page
const pageProblems: string[] = []

async function tagsShown(): Promise<string[]> {
  await page.getByRole('link', { name: 'Images' }).click()
  await page.getByTestId('tag').first().waitFor()
  return page.getByTestId('tag').allTextContents()
}

async function switchTo(host: string): Promise<void> {
  await page.getByRole('link', { name: 'Engine' }).click()
  await page.getByTestId('engine-address').fill(host)
  await page.getByTestId('engine-use').click()
  await expect.poll(() => page.getByTestId('engine-switched').textContent(), { timeout: 10_000 }).toContain(`Now on ${host}`)
  await expect.poll(() => page.getByTestId('engine-state').textContent(), { timeout: 15_000 }).toBe('Connected')
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true })
  podman = await startPrivatePodman()
  buildPodmanFixture(podman, PODMAN_TAG)
  serve = await startServe(inject('dockerHost'))
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  collectPageProblems(page, pageProblems)
  await page.goto(serve.url)
  await page.getByTestId('engine-state').getByText('Connected').waitFor({ timeout: 15_000 })
}, 180_000)

afterAll(async () => {
  await browser.close()
  await serve.stop()
  await podman.stop()
})

describe('switching engines in the app', () => {
  it('moves every view to Podman and back, with no rows of the engine left', async () => {
    expect(await tagsShown()).toContain(FIXTURES.app.tag)

    await switchTo(podman.host)
    await expect.poll(() => page.getByText('Podman 4.').count(), { timeout: 10_000 }).toBeGreaterThan(0)
    await page.screenshot({ path: `${SCREENSHOTS}/engine-switched.png`, fullPage: true })
    await expect.poll(tagsShown, { timeout: 10_000 }).toEqual([PODMAN_TAG])

    await switchTo(inject('dockerHost'))
    await expect.poll(tagsShown, { timeout: 10_000 }).toContain(FIXTURES.app.tag)
    expect(await tagsShown()).not.toContain(PODMAN_TAG)
    expect(pageProblems).toEqual([])
  })

  it('refuses an address that is not one, in the form and from the core', async () => {
    await page.getByRole('link', { name: 'Engine' }).click()
    await page.getByTestId('engine-address').fill('/var/run/docker.sock')
    expect(await page.getByTestId('engine-use').isDisabled()).toBe(true)
    expect(await page.getByTestId('engine-switch').getByRole('alert').textContent()).toContain('unix://')
    await page.getByTestId('engine-address').fill('tcp://host:notaport')
    await page.getByTestId('engine-use').click()
    await expect.poll(() => page.getByTestId('engine-switch-error').textContent()).toContain('tcp://host:notaport')
    expect(await page.getByTestId('engine-state').textContent()).toBe('Connected')
  })
})
