import { mkdirSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { collectPageProblems, launchChromium, type ServeProcess, startServe } from '../support/browser'
import { FIXTURES } from '../support/fixtures'
import { buildPodmanFixture, startPrivatePodman, type PrivatePodman } from '../support/podman'

// First run: strata serve is told to use a socket where nothing listens, while DOCKER_HOST
// (what discovery reads) names the private dockerd. The welcome screen lists both, says why
// the first does not answer, and Use moves the app to the images. Then the sidebar's engine
// menu switches between the engines that answer, by keyboard.

const SCREENSHOTS = 'test-results/screenshots'
const NOTHING = 'unix:///tmp/strata-nothing.sock'
const PODMAN_TAG = 'localhost/strata/welcome-ui:1'
let podman: PrivatePodman
let serve: ServeProcess
let browser: Browser
let page: Page
const pageProblems: string[] = []

function candidate(url: string): ReturnType<Page['getByTestId']> {
  return page.getByTestId('welcome-candidate').filter({ hasText: url })
}

async function tagsShown(): Promise<string[]> {
  await page.getByRole('link', { name: 'Images' }).click()
  await page.getByTestId('tag').first().waitFor({ timeout: 15_000 })
  return page.getByTestId('tag').allTextContents()
}

/** Chooses the language in Settings, as a user does, and comes back to the welcome screen. */
async function setLanguage(language: 'en' | 'zh-CN'): Promise<void> {
  await page.locator('nav a[href="#/settings"]').click()
  await page.getByTestId(`language-option-${language}`).click()
  await expect.poll(() => page.evaluate<string>('document.documentElement.lang')).toBe(language)
  await page.locator('nav a[href="#/images"]').click()
  await page.getByTestId('welcome').waitFor()
}

async function focusedTestId(): Promise<string | null> {
  return page.evaluate<string | null>("document.activeElement?.getAttribute('data-testid') ?? null")
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true })
  podman = await startPrivatePodman()
  buildPodmanFixture(podman, PODMAN_TAG)
  serve = await startServe(NOTHING, { env: { DOCKER_HOST: inject('dockerHost') } })
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1280, height: 860 } })
  collectPageProblems(page, pageProblems)
  await page.goto(serve.url)
}, 180_000)

afterAll(async () => {
  await browser.close()
  await serve.stop()
  await podman.stop()
})

describe('first run', () => {
  it('shows the welcome screen with why the engine in use does not answer and the one that does', async () => {
    await page.getByTestId('welcome').waitFor({ timeout: 15_000 })
    expect(await page.getByTestId('engine-state').textContent()).toBe('Unreachable')
    expect(await page.getByTestId('welcome-reason').textContent()).toContain('/tmp/strata-nothing.sock')

    await candidate(inject('dockerHost')).getByTestId('welcome-use').waitFor({ timeout: 15_000 })
    expect(await candidate(inject('dockerHost')).getByTestId('welcome-candidate-summary').textContent()).toMatch(/Answers: Docker \d+\./)
    expect(await candidate(inject('dockerHost')).textContent()).toContain('DOCKER_HOST')
    const nothing = candidate(NOTHING)
    expect(await nothing.getAttribute('data-answers')).toBe('false')
    expect(await nothing.textContent()).toContain('in use')
    expect(await nothing.getByTestId('welcome-candidate-summary').textContent()).toContain('/tmp/strata-nothing.sock')
    expect(await nothing.getByTestId('welcome-use').count()).toBe(0)
    // The platform's ways to start an engine (Chromium on Linux here).
    expect(await page.getByTestId('welcome-hints').textContent()).toContain('sudo systemctl start docker')
    expect(await page.getByTestId('welcome-hints').textContent()).toContain('systemctl --user start podman.socket')

    // A remote address that is none is refused in the form, before the core is asked.
    await page.getByTestId('welcome-remote-address').fill('tcp://192.168.1.20')
    expect(await page.getByTestId('welcome-test').isDisabled()).toBe(true)
    await page.getByTestId('welcome-remote-address').fill('')

    // The view scrolls inside the content pane: a tall window shows all of it.
    await page.setViewportSize({ width: 1280, height: 1500 })
    await page.evaluate('document.activeElement?.blur(); document.querySelector(".content").scrollTo(0, 0)')
    expect(await page.getByRole('alert').count()).toBe(0)
    await page.screenshot({ path: `${SCREENSHOTS}/welcome.png` })
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.screenshot({ path: `${SCREENSHOTS}/welcome-dark.png` })
    await page.emulateMedia({ colorScheme: 'light' })

    // In Chinese, the core's reasons and remedies are worded from their ids; addresses and commands stay as they are.
    await setLanguage('zh-CN')
    await candidate(inject('dockerHost')).getByTestId('welcome-use').waitFor({ timeout: 15_000 })
    expect(await nothing.getByTestId('welcome-candidate-summary').textContent()).toContain('/tmp/strata-nothing.sock 上没有 socket：那里没有运行引擎。')
    expect(await page.getByTestId('welcome-reason').textContent()).toContain('unix:///tmp/strata-nothing.sock 上没有 Docker 引擎响应。')
    await page.evaluate('document.activeElement?.blur(); document.querySelector(".content").scrollTo(0, 0)')
    await page.screenshot({ path: `${SCREENSHOTS}/welcome-zh.png` })
    await setLanguage('en')
    await page.setViewportSize({ width: 1280, height: 860 })

    // Test connection tries the address without remembering it and says why it does not answer.
    await page.getByTestId('welcome-remote-address').fill('tcp://127.0.0.1:1')
    await page.getByTestId('welcome-test').click()
    await expect.poll(() => page.getByTestId('welcome-test-error').textContent(), { timeout: 15_000 }).toContain('127.0.0.1:1')
    expect(await page.getByTestId('welcome-test-ok').count()).toBe(0)

    // The Engine view stays reachable while no engine answers.
    await page.getByRole('link', { name: 'Engine', exact: true }).click()
    await page.getByTestId('engine-switch').waitFor()
    expect(await page.getByTestId('welcome').count()).toBe(0)
    await page.getByRole('link', { name: 'Images' }).click()
    await page.getByTestId('welcome').waitFor()

    await page.getByTestId('welcome-look-again').click()
    await candidate(inject('dockerHost')).getByTestId('welcome-use').waitFor({ timeout: 15_000 })
    expect(pageProblems).toEqual([])
  })

  it('goes on to the images once Use moved the app to an engine that answers', async () => {
    await candidate(inject('dockerHost')).getByTestId('welcome-use').click()
    await expect.poll(() => page.getByTestId('engine-state').textContent(), { timeout: 15_000 }).toBe('Connected')
    await page.getByTestId('welcome').waitFor({ state: 'detached', timeout: 10_000 })
    expect(page.url()).toContain('#/images')
    await expect.poll(() => page.getByTestId('tag').allTextContents(), { timeout: 15_000 }).toContain(FIXTURES.app.tag)
    expect(pageProblems).toEqual([])
  })
})

describe('the engine menu in the sidebar', () => {
  it('lists the engines that answer, the one in use marked, and switches by keyboard', async () => {
    // Podman becomes the engine in use (typed address); the menu then offers DOCKER_HOST's dockerd too.
    await page.getByRole('link', { name: 'Engine', exact: true }).click()
    await page.getByTestId('engine-address').fill(podman.host)
    await page.getByTestId('engine-use').click()
    await expect.poll(() => page.getByTestId('engine-switched').textContent(), { timeout: 10_000 }).toContain(`Now on ${podman.host}`)
    await expect.poll(() => page.getByTestId('engine-state').textContent(), { timeout: 15_000 }).toBe('Connected')
    await expect.poll(tagsShown, { timeout: 15_000 }).toEqual([PODMAN_TAG])

    const picker = page.getByTestId('engine-picker')
    await picker.focus()
    await page.keyboard.press('Enter')
    await page.getByTestId('engine-menu').waitFor()
    expect(await picker.getAttribute('aria-expanded')).toBe('true')
    const items = page.getByTestId('engine-menu-item')
    await expect.poll(() => items.count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(2)
    const rows = await items.allTextContents()
    const inUse = page.locator('[data-testid="engine-menu-item"][aria-checked="true"]')
    expect(await inUse.count()).toBe(1)
    expect(await inUse.textContent()).toContain(podman.host)
    expect(await inUse.textContent()).toContain('Podman')
    const dockerIndex = rows.findIndex((text) => text.includes(inject('dockerHost')))
    expect(dockerIndex).toBeGreaterThanOrEqual(0)
    expect(await page.getByTestId('engine-menu-settings').textContent()).toContain('Engine settings…')
    await page.screenshot({ path: `${SCREENSHOTS}/engine-menu.png` })
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.screenshot({ path: `${SCREENSHOTS}/engine-menu-dark.png` })
    await page.emulateMedia({ colorScheme: 'light' })

    // Arrows move (and wrap), Escape closes and gives the focus back to the pill.
    await expect.poll(focusedTestId).toBe('engine-menu-item')
    await page.keyboard.press('ArrowUp')
    expect(await focusedTestId()).toBe('engine-menu-settings')
    await page.keyboard.press('Escape')
    expect(await page.getByTestId('engine-menu').count()).toBe(0)
    expect(await focusedTestId()).toBe('engine-picker')

    // Space opens it again; the dockerd is chosen with the arrows and Enter.
    await page.keyboard.press('Space')
    await expect.poll(() => items.count(), { timeout: 10_000 }).toBe(rows.length)
    await expect.poll(focusedTestId).toBe('engine-menu-item')
    for (let step = 0; step < dockerIndex; step++) await page.keyboard.press('ArrowDown')
    expect(await page.evaluate<string>("document.activeElement?.textContent ?? ''")).toContain(inject('dockerHost'))
    await page.keyboard.press('Enter')
    expect(await page.getByTestId('engine-menu').count()).toBe(0)
    await expect.poll(() => page.getByTestId('engine-state').textContent(), { timeout: 15_000 }).toBe('Connected')
    await expect.poll(tagsShown, { timeout: 15_000 }).toContain(FIXTURES.app.tag)
    expect(await tagsShown()).not.toContain(PODMAN_TAG)

    // Engine settings… leads to the Engine view.
    await picker.click()
    await page.getByTestId('engine-menu-settings').click()
    await page.getByTestId('engine-switch').waitFor()
    expect(page.url()).toContain('#/engine')
    expect(pageProblems).toEqual([])
  })
})
