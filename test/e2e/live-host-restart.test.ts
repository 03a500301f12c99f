import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StrataCore } from '../../electron/core/api/core'
import { startHost, type RunningHost } from '../../electron/host/server'
import { collectPageProblems, launchChromium } from '../support/browser'
import { dockerCli } from '../support/docker-cli'
import { privateCore } from '../support/engine'
import { FIXTURES } from '../support/fixtures'

/**
 * The browser host (what `strata serve` runs: the HTTP API, the events WebSocket, a core of
 * its own) stops and starts again on the same port while the engine changes. The host runs
 * in this process, so it comes back with the same token: the page's session cookie is still
 * good and nothing but the host's absence is tested. A `strata serve` started again by hand
 * prints a new token, which the old page does not have.
 */
const SCREENSHOTS = 'test-results/screenshots'
const PREFIX = 'e2e-host-restart'
const KEPT = `${PREFIX}/kept:1`
const GONE = `${PREFIX}/gone:1`
const ADDED = `${PREFIX}/added:1`

let browser: Browser
let page: Page
let core: StrataCore
let host: RunningHost
const problems: string[] = []

/** `token`: the one the page's cookie holds; none on the first start, which picks one. */
async function startAgain(port: number, token?: string): Promise<void> {
  // A new core, as a restarted `strata serve` has: it knows nothing of what the page saw.
  core = privateCore()
  core.follow()
  host = await startHost({ core, staticRoot: resolve('out/renderer'), port, token })
}

async function stopHost(): Promise<void> {
  await host.close()
  await core.close()
}

/** The tags the Images table shows, of this file's images only. */
async function shownTags(): Promise<string[]> {
  const chips = await page.getByTestId('images-table').locator('tr.list-row').allTextContents()
  return [KEPT, GONE, ADDED].filter((tag) => chips.some((text) => text.includes(tag))).sort()
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true })
  for (const tag of [KEPT, GONE]) await dockerCli('tag', FIXTURES.base.tag, tag)
  await startAgain(0)
  browser = await launchChromium()
}, 60_000)

afterAll(async () => {
  await browser.close()
  await stopHost()
  for (const tag of [KEPT, GONE, ADDED]) await dockerCli('rmi', tag).catch(() => undefined)
})

describe('a browser host that restarts', () => {
  it('shows the outage, then the engine changes made meanwhile, without a reload', async () => {
    // The first start picked a port and a random token: the restart takes both again.
    const { port, token } = host
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    collectPageProblems(page, problems)
    await page.goto(host.url)
    await page.getByRole('link', { name: 'Images' }).click()
    await page.getByRole('searchbox', { name: 'Filter images' }).fill(PREFIX)
    await expect.poll(shownTags, { timeout: 15_000 }).toEqual([GONE, KEPT].sort())
    // A reload would lose this: the page after the restart must be the same document.
    await page.evaluate('window.__sameDocument = true')

    await stopHost()
    const banner = page.getByTestId('stale-banner')
    await banner.waitFor({ timeout: 10_000 })
    expect(await banner.getAttribute('data-cause')).toBe('host')
    expect(await banner.textContent()).toContain('The Strata server does not answer')
    // The sidebar's pill no longer claims the engine is connected: the page cannot know.
    expect(await page.getByTestId('engine-state').textContent()).toBe('Strata server not answering')
    // The last rows stay under the banner while the host is away.
    expect(await shownTags()).toEqual([GONE, KEPT].sort())

    await dockerCli('rmi', GONE)
    await dockerCli('tag', FIXTURES.base.tag, ADDED)
    await page.screenshot({ path: `${SCREENSHOTS}/live-host-down.png` })

    await startAgain(port, token)
    const restartedAt = Date.now()
    await banner.waitFor({ state: 'detached', timeout: 15_000 })
    await expect.poll(shownTags, { timeout: 5000 }).toEqual([ADDED, KEPT].sort())
    await expect.poll(() => page.getByTestId('engine-state').textContent()).toBe('Connected')
    // The client retries at most 4 s apart: a few seconds after the restart, the page has caught up.
    expect(Date.now() - restartedAt).toBeLessThan(8000)
    expect(await page.evaluate('window.__sameDocument')).toBe(true)
    expect(page.url()).toContain('#/images')
    await page.screenshot({ path: `${SCREENSHOTS}/live-host-back.png` })
    // Chromium logs each refused reconnection itself; the page logged nothing else.
    expect(problems.filter((problem) => !/^WebSocket connection to '[^']+' failed/.test(problem))).toEqual([])
  }, 90_000)

  it('says so when the host comes back with a new token, and the new address carries on', async () => {
    const { port } = host
    await stopHost()
    // What `strata serve` started again by hand does: the same port, a token the page's cookie does not hold.
    await startAgain(port)
    const banner = page.getByTestId('stale-banner')
    await expect.poll(() => banner.getAttribute('data-refused'), { timeout: 15_000 }).toBe('true')
    expect(await banner.textContent()).toContain('started again with a new token')
    expect(await page.getByTestId('engine-state').textContent()).toBe('Strata server restarted')
    await page.screenshot({ path: `${SCREENSHOTS}/live-host-new-token.png` })

    await page.goto(host.url)
    await page.getByRole('link', { name: 'Images' }).click()
    await page.getByRole('searchbox', { name: 'Filter images' }).fill(PREFIX)
    await expect.poll(shownTags, { timeout: 15_000 }).toEqual([ADDED, KEPT].sort())
    expect(await page.getByTestId('stale-banner').count()).toBe(0)
  }, 90_000)
})
