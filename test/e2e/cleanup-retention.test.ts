import { mkdirSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { collectPageProblems, launchChromium, startServe, type ServeProcess } from '../support/browser'
import { Leftovers } from '../support/containers'
import { loadDatedImages } from '../support/dated-images'
import { privateDocker } from '../support/engine'

const SCREENSHOTS = 'test-results/screenshots'
const LABEL = 'strata.test=retention-e2e'
const DAY = 86_400_000
const docker = privateDocker()
const leftovers = new Leftovers(docker)
let browser: Browser
let serve: ServeProcess
let page: Page
const problems: string[] = []
let ids: string[] = []

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true })
  const specs = ['1.8', '1.9', '1.10', '2.0.0-rc1'].map((version, index) => ({ tag: `retention-e2e/app:${version}`, created: new Date(Date.now() - (10 - index) * DAY), labels: { 'strata.test': 'retention-e2e' } }))
  ids = (await loadDatedImages(docker, specs)).map((id) => leftovers.image(id))
  serve = await startServe(inject('dockerHost'))
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  collectPageProblems(page, problems)
  await page.goto(serve.url)
  await page.getByRole('link', { name: 'Cleanup' }).click()
}, 120_000)

afterAll(async () => {
  await browser.close()
  await serve.stop()
  await leftovers.clean()
})

describe('retention rules in the Cleanup view', () => {
  it('says which rule removes each planned image and which keeps the others', async () => {
    // The view has no retention fields yet (the policy editor adds them): the request carries the rules instead.
    await page.route('**/api/cleanup.plan', (route) => route.continue({ postData: JSON.stringify({ retention: { keepLast: 2 }, labels: [LABEL] }) }))
    try {
      await page.getByTestId('plan-button').click()
      const why = (id: string): Promise<string | null> => page.locator(`[data-testid="plan-item"][data-key="image:${id}"] .why`).textContent()
      await expect.poll(() => page.locator('[data-testid="plan-item"]').count(), { timeout: 10_000 }).toBe(2)
      expect(await why(ids[0] ?? '')).toBe('removed by rule keep-last 2, not among the newest 2')
      expect(await why(ids[1] ?? '')).toBe('removed by rule keep-last 2, not among the newest 2')
      const kept = (id: string): Promise<string | null> => page.locator(`[data-testid="protected-item"][data-key="image:${id}"] [data-testid="protected-reason"]`).textContent()
      expect(await kept(ids[2] ?? '')).toBe('kept by rule keep-last 2')
      expect(await kept(ids[3] ?? '')).toBe('kept by rule keep-last 2')
      await page.getByTestId('plan-items').screenshot({ path: `${SCREENSHOTS}/cleanup-retention-items.png` })
      await page.getByTestId('protected').screenshot({ path: `${SCREENSHOTS}/cleanup-retention-kept.png` })
    } finally {
      await page.unroute('**/api/cleanup.plan')
    }
    expect(problems).toEqual([])
  })
})
