import { mkdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import Docker from 'dockerode'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { collectPageProblems, launchChromium, startServe, type ServeProcess } from '../support/browser'
import { Leftovers } from '../support/containers'
import { startPrivateDaemon, type PrivateDaemon } from '../support/daemon'
import { dockerCli } from '../support/docker-cli'
import { privateDocker } from '../support/engine'
import { FIXTURES, buildFixture } from '../support/fixtures'

const SCREENSHOTS = 'test-results/screenshots'
/** What "live" means here: the view shows the engine's change this soon after the docker command returned. */
const LIVE_MS = 1000

let browser: Browser

/** axe's source, evaluated in the page (the CSP refuses a <script>), as the accessibility e2e does. */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/** The moderate-or-worse axe violations inside `selector`, as readable lines. */
async function axeViolations(page: Page, selector: string): Promise<string[]> {
  if (!(await page.evaluate<boolean>("typeof window.axe !== 'undefined'"))) await page.evaluate(AXE_SOURCE)
  return page.evaluate<string[]>(`(async () => {
    const result = await window.axe.run(document.querySelector(${JSON.stringify(selector)}), { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }, resultTypes: ['violations'] })
    return result.violations.filter((v) => ['moderate', 'serious', 'critical'].includes(v.impact)).flatMap((v) => v.nodes.map((n) => v.id + ': ' + n.target.join(' ')))
  })()`)
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true })
  browser = await launchChromium()
}, 60_000)

afterAll(async () => {
  await browser.close()
})

function row(page: Page, name: string) {
  return page.locator(`[data-testid="containers-table"] tr[data-name="${name}"]`)
}

/** Milliseconds until `probe` is true, polling every few ms; fails past the timeout. */
async function msUntil(probe: () => Promise<boolean>, timeoutMs = 5000): Promise<number> {
  const started = Date.now()
  for (;;) {
    if (await probe()) return Date.now() - started
    if (Date.now() - started > timeoutMs) throw new Error(`not shown within ${String(timeoutMs)} ms`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

async function badge(page: Page, name: string): Promise<string | null> {
  const target = row(page, name).locator('.badge')
  return (await target.count()) === 0 ? null : target.first().textContent()
}

describe('the Containers view follows every engine event, in order, within a second', () => {
  const docker = privateDocker()
  const leftovers = new Leftovers(docker)
  const problems: string[] = []
  let serve: ServeProcess
  let page: Page

  beforeAll(async () => {
    serve = await startServe(inject('dockerHost'))
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    collectPageProblems(page, problems)
    await page.goto(serve.url)
    await page.getByRole('link', { name: 'Containers' }).click()
    await page.waitForURL(/#\/containers/)
  }, 60_000)

  afterAll(async () => {
    await page.close()
    await serve.stop()
    await leftovers.clean()
  })

  it.each([100, 250, 400, 500])('a container killed %i ms after docker run shows as exited, not running', async (gapMs) => {
    const name = `live-quick-${String(gapMs)}`
    leftovers.container((await dockerCli('run', '-d', '--name', name, FIXTURES.base.tag, 'sleep', '300')).trim())
    await new Promise((resolve) => setTimeout(resolve, gapMs))
    await dockerCli('kill', name)
    const elapsed = await msUntil(async () => (await badge(page, name)) === 'exited')
    expect(elapsed).toBeLessThan(LIVE_MS)
    // And it stays so: no late answer for the start turns it back to running.
    await new Promise((resolve) => setTimeout(resolve, 1500))
    expect(await badge(page, name)).toBe('exited')
    expect(await row(page, name).textContent()).toContain('137')
  })

  it('shows pause, unpause, rename and rm -f as they happen', async () => {
    leftovers.container((await dockerCli('run', '-d', '--name', 'live-steady', FIXTURES.base.tag, 'sleep', '300')).trim())
    await msUntil(async () => (await badge(page, 'live-steady')) === 'running')

    await dockerCli('pause', 'live-steady')
    expect(await msUntil(async () => (await badge(page, 'live-steady')) === 'paused')).toBeLessThan(LIVE_MS)
    await dockerCli('unpause', 'live-steady')
    expect(await msUntil(async () => (await badge(page, 'live-steady')) === 'running')).toBeLessThan(LIVE_MS)

    await dockerCli('rename', 'live-steady', 'live-renamed')
    expect(await msUntil(async () => (await row(page, 'live-renamed').count()) === 1 && (await row(page, 'live-steady').count()) === 0)).toBeLessThan(LIVE_MS)

    await dockerCli('rm', '-f', 'live-renamed')
    expect(await msUntil(async () => (await row(page, 'live-renamed').count()) === 0)).toBeLessThan(LIVE_MS)
    expect(problems).toEqual([])
  })
})

describe('an engine that goes away and comes back', () => {
  let daemon: PrivateDaemon
  let serve: ServeProcess
  let page: Page
  /** The same app in Chinese, in the smallest window the app supports. */
  let zhPage: Page
  const problems: string[] = []

  beforeAll(async () => {
    // A daemon of this file's own: stopping the run's shared one would break the files after it.
    daemon = await startPrivateDaemon()
    const docker = new Docker({ socketPath: daemon.socketPath })
    await buildFixture(docker, FIXTURES.base)
    const survivor = await docker.createContainer({ Image: FIXTURES.base.tag, name: 'live-survivor', Cmd: ['sleep', '600'] })
    await survivor.start()
    serve = await startServe(daemon.host)
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    collectPageProblems(page, problems)
    await page.goto(serve.url)
    await page.getByRole('link', { name: 'Containers' }).click()
    await msUntil(async () => (await badge(page, 'live-survivor')) === 'running', 15_000)
    zhPage = await browser.newPage({ viewport: { width: 1024, height: 640 }, locale: 'zh-CN' })
    collectPageProblems(zhPage, problems)
    await zhPage.goto(serve.url)
    await zhPage.getByRole('link', { name: '容器' }).click()
    await msUntil(async () => (await row(zhPage, 'live-survivor').count()) === 1, 15_000)
  }, 180_000)

  afterAll(async () => {
    await zhPage.close()
    await page.close()
    await serve.stop()
    await daemon.stop()
  })

  it('says so in a banner and keeps the last rows, dimmed, with when they were last live', async () => {
    expect(await page.getByTestId('stale-banner').count()).toBe(0)
    await daemon.stop({ keepFiles: true })
    const banner = page.getByRole('status').filter({ hasText: 'The engine does not answer' })
    await banner.waitFor({ timeout: 15_000 })
    expect(await banner.getAttribute('data-cause')).toBe('engine')
    expect(await page.getByTestId('stale-since').textContent()).toMatch(/^Last updated (just now|\d+ seconds? ago)\.$/)
    // The rows stay, as they were last seen, under the banner (the daemon stopped its containers on the way out).
    expect(await row(page, 'live-survivor').count()).toBe(1)
    // The view after the banner is dimmed: its opacity is below 1.
    const dimmed = await page.evaluate<number>(`Number(getComputedStyle(document.querySelector('[data-testid="stale-banner"] ~ *')).opacity)`)
    expect(dimmed).toBeLessThan(1)
    await page.screenshot({ path: `${SCREENSHOTS}/live-engine-down.png` })
    expect(await axeViolations(page, '[data-testid="stale-banner"]')).toEqual([])

    const zhBanner = zhPage.getByRole('status').filter({ hasText: '引擎没有响应' })
    await zhBanner.waitFor({ timeout: 15_000 })
    expect(await zhPage.getByTestId('stale-since').textContent()).toMatch(/^最后更新于/)
    await zhPage.screenshot({ path: `${SCREENSHOTS}/live-engine-down-zh-CN-1024x640.png` })
    expect(await axeViolations(zhPage, '[data-testid="stale-banner"]')).toEqual([])
  })

  it('reads everything again once the engine is back: the banner goes and the rows are fresh', async () => {
    const reread: string[] = []
    page.on('request', (request) => {
      const method = /\/api\/(images\.list|containers\.list)$/.exec(request.url())?.[1]
      if (method !== undefined) reread.push(method)
    })
    daemon = await startPrivateDaemon({ root: daemon.root })
    await page.getByTestId('stale-banner').waitFor({ state: 'detached', timeout: 45_000 })
    await expect.poll(() => [...new Set(reread)].sort(), { timeout: 5000 }).toEqual(['containers.list', 'images.list'])
    expect(await badge(page, 'live-survivor')).toBe('exited')
    expect(await row(page, 'live-survivor').textContent()).toMatch(/Exited \(\d+\)/)
    // Where the user was: the engine coming back does not move the app to another view.
    expect(page.url()).toContain('#/containers')
    await page.screenshot({ path: `${SCREENSHOTS}/live-engine-back.png` })
    expect(problems).toEqual([])
  })
})
