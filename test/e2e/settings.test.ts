import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { collectPageProblems, launchChromium, type ServeProcess, startServe } from '../support/browser'
import { FIXTURES } from '../support/fixtures'

// The Settings view in Chromium against `strata serve` (its own config and cache
// folders): theme and cache cap survive a reload, saved engines come and go.

const SCREENSHOTS = 'test-results/screenshots'
let serve: ServeProcess
let browser: Browser
let page: Page
const pageProblems: string[] = []

async function openSettings(): Promise<void> {
  await page.getByRole('link', { name: 'Settings' }).click()
  await page.getByTestId('settings-view').waitFor()
}

async function reload(): Promise<void> {
  await page.reload()
  await page.getByTestId('settings-view').waitFor()
  await expect.poll(() => page.getByTestId('engine-state').textContent(), { timeout: 15_000 }).toBe('Connected')
}

const htmlTheme = (): Promise<string | null> => page.evaluate<string | null>("document.documentElement.getAttribute('data-theme')")
const background = (): Promise<string> => page.evaluate<string>('getComputedStyle(document.documentElement).backgroundColor')

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true })
  serve = await startServe(inject('dockerHost'))
  browser = await launchChromium()
  // The system scheme is light: a dark page can only come from the setting.
  page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, colorScheme: 'light' })
  collectPageProblems(page, pageProblems)
  await page.goto(serve.url)
  await page.getByTestId('engine-state').getByText('Connected').waitFor({ timeout: 15_000 })
}, 60_000)

afterAll(async () => {
  await browser.close()
  await serve.stop()
})

describe('the Settings view', () => {
  it('is the last entry of the sidebar and shows every section', async () => {
    const labels = (await page.locator('nav.sidebar li').allTextContents()).map((text) => text.trim())
    expect(labels.at(-1)).toBe('Settings')
    await openSettings()
    for (const section of ['settings-engines', 'settings-appearance', 'settings-cache', 'settings-pins', 'settings-pulls']) {
      expect(await page.getByTestId(section).count(), section).toBe(1)
    }
    expect(await page.getByTestId('no-saved-engines').count()).toBe(1)
    expect(await htmlTheme()).toBeNull()
  })

  it('applies the theme to the whole app at once and keeps it after a reload', async () => {
    // Something in the cache to show: the image list writes inspect data to images/.
    await page.getByRole('link', { name: 'Images' }).click()
    await page.getByTestId('tag').filter({ hasText: FIXTURES.app.tag }).waitFor()
    await openSettings()
    await page.getByTestId('theme-option-light').click()
    await expect.poll(htmlTheme).toBe('light')
    const light = await background()
    await page.screenshot({ path: `${SCREENSHOTS}/settings-light.png`, fullPage: true })

    await page.getByTestId('theme-option-dark').click()
    await expect.poll(htmlTheme).toBe('dark')
    const dark = await background()
    expect(dark).not.toBe(light)
    expect(dark).toBe('rgb(22, 24, 29)')
    await page.screenshot({ path: `${SCREENSHOTS}/settings-dark.png`, fullPage: true })

    await reload()
    await expect.poll(htmlTheme).toBe('dark')
    expect(await background()).toBe(dark)
    expect(await page.getByTestId('theme-dark').isChecked()).toBe(true)
    // Other views are dark too: the attribute is on <html>.
    await page.getByRole('link', { name: 'Images' }).click()
    expect(await background()).toBe(dark)
    await page.screenshot({ path: `${SCREENSHOTS}/images-dark.png` })
    await openSettings()
  })

  it('switches the interface to Chinese and back, keeping the choice across a reload', async () => {
    const htmlLang = (): Promise<string> => page.evaluate<string>('document.documentElement.lang')
    const sidebar = async (): Promise<string[]> => (await page.locator('nav.sidebar li').allTextContents()).map((text) => text.trim())
    expect(await page.getByTestId('language-system').isChecked()).toBe(true)
    // Each language is named in itself.
    expect(await page.getByTestId('settings-language').textContent()).toContain('简体中文')
    await page.getByTestId('language-option-zh-CN').click()
    await expect.poll(sidebar).toEqual(['镜像', '镜像家族', '容器', '镜像仓库', '清理', '引擎', '设置'])
    expect(await htmlLang()).toBe('zh-CN')
    expect(await page.getByRole('navigation', { name: '导航' }).count()).toBe(1)
    await page.screenshot({ path: `${SCREENSHOTS}/settings-zh-CN.png`, fullPage: true })

    await page.reload()
    await page.getByTestId('settings-view').waitFor()
    await expect.poll(() => page.getByTestId('engine-state').textContent(), { timeout: 15_000 }).toBe('已连接')
    expect(await page.getByTestId('language-zh-CN').isChecked()).toBe(true)
    expect(await htmlLang()).toBe('zh-CN')
    // The Images view's header and toolbar speak it too.
    await page.getByRole('link', { name: '镜像', exact: true }).click()
    await page.getByRole('heading', { name: '镜像', level: 1 }).waitFor()
    await expect.poll(() => page.getByTestId('images-summary').textContent()).toMatch(/^\d+ 个镜像 · 独占 /)
    // Each filter's own name, without its count (shown as digits, and read as words to assistive technology).
    const filterNames = await page.evaluate<string[]>(
      "[...document.querySelectorAll('.toolbar [data-filter]')].map((button) => { const copy = button.cloneNode(true); copy.querySelectorAll('.count, .visually-hidden').forEach((part) => part.remove()); return copy.textContent.trim() })",
    )
    expect(filterNames).toEqual(['全部', '悬空', '使用中', '未使用'])
    expect(await page.locator('.toolbar [data-filter="all"]').getAttribute('aria-label')).toBeNull()
    expect(await page.locator('.toolbar [data-filter="all"] .visually-hidden').textContent()).toMatch(/个镜像/)
    expect(await page.getByRole('searchbox', { name: '筛选镜像' }).count()).toBe(1)
    await page.screenshot({ path: `${SCREENSHOTS}/images-zh-CN.png` })
    await page.getByRole('link', { name: '设置', exact: true }).click()
    await page.getByTestId('settings-view').waitFor()

    await page.getByTestId('language-option-system').click()
    await expect.poll(sidebar).toEqual(['Images', 'Family', 'Containers', 'Registries', 'Cleanup', 'Engine', 'Settings'])
    expect(await htmlLang()).toBe('en')
    await reload()
    expect(await page.getByTestId('language-system').isChecked()).toBe(true)
  })

  it('checks the cache cap in the field, saves it, and shows it after a reload', async () => {
    expect(Number(await page.getByTestId('cache-size').getAttribute('data-bytes'))).toBeGreaterThan(0)
    await page.getByTestId('cache-cap').fill('10')
    await page.getByTestId('cache-cap-unit').selectOption('MB')
    expect(await page.getByTestId('cache-cap-error').textContent()).toContain('smallest cap is 64 MB')
    expect(await page.getByTestId('cache-cap-save').isDisabled()).toBe(true)
    await page.getByTestId('cache-cap').fill('2')
    await page.getByTestId('cache-cap-unit').selectOption('GB')
    await page.getByTestId('cache-cap-save').click()
    await expect.poll(() => page.getByTestId('cache-cap-done').textContent()).toContain('2.00 GB')

    await reload()
    await expect.poll(() => page.getByTestId('cache-cap').inputValue()).toBe('2')
    expect(await page.getByTestId('cache-cap-unit').inputValue()).toBe('GB')
  })

  it('clears the cache after a confirmation', async () => {
    const before = Number(await page.getByTestId('cache-size').getAttribute('data-bytes'))
    expect(before).toBeGreaterThan(0)
    await page.getByTestId('cache-clear').click()
    await page.getByTestId('cache-clear-dialog').waitFor()
    await page.getByTestId('cache-clear-confirm').click()
    await expect.poll(() => page.getByTestId('cache-cleared').textContent()).toContain('freed')
    expect(Number(await page.getByTestId('cache-size').getAttribute('data-bytes'))).toBeLessThan(before)
  })

  it('adds and removes a saved engine, which stays across a reload', async () => {
    await page.getByTestId('engine-name').fill('nowhere')
    await page.getByTestId('engine-new-address').fill('tcp://127.0.0.1:notaport')
    await page.getByTestId('engine-save').click()
    await expect.poll(() => page.getByTestId('engine-failure').textContent()).toContain('optional port (1-65535)')
    await page.getByTestId('engine-new-address').fill('tcp://127.0.0.1:1')
    await page.getByTestId('engine-save').click()
    await page.locator('[data-testid="saved-engine"][data-name="nowhere"]').waitFor()
    await page.getByTestId('engine-name').fill('private dockerd')
    await page.getByTestId('engine-new-address').fill(inject('dockerHost'))
    await page.getByTestId('engine-save').click()
    await page.locator('[data-testid="saved-engine"][data-name="private dockerd"]').waitFor()
    await page.getByTestId('settings-engines').screenshot({ path: `${SCREENSHOTS}/settings-engines.png` })

    await reload()
    const names = async (): Promise<(string | null)[]> => Promise.all((await page.getByTestId('saved-engine').all()).map((row) => row.getAttribute('data-name')))
    await expect.poll(names).toEqual(['nowhere', 'private dockerd'])
    await page.locator('[data-testid="saved-engine"][data-name="nowhere"]').getByTestId('engine-remove').click()
    await expect.poll(() => page.getByTestId('saved-engine').count()).toBe(1)
    await reload()
    await expect.poll(names).toEqual(['private dockerd'])

    // Make default: switches to it (the engine in use already) and saves it for the next start.
    await page.getByTestId('engine-make-default').click()
    await page.getByTestId('engine-default').waitFor({ timeout: 15_000 })
    expect(await page.getByTestId('engine-done').textContent()).toContain(`Now on ${inject('dockerHost')}`)
    expect(pageProblems).toEqual([])
  })

  it('lists the pinned images and unpins one', async () => {
    const appId = inject('fixtureIds').app
    await page.evaluate(`location.hash = '#/images/${appId}'`)
    await page.getByTestId('pin-image').click()
    await expect.poll(() => page.getByTestId('pin-image').getAttribute('aria-pressed')).toBe('true')
    await openSettings()
    await page.locator(`[data-testid="pinned-image"][data-pin="${appId}"]`).waitFor()
    expect(await page.getByTestId('pinned-tag').allTextContents()).toContain(FIXTURES.app.tag)
    await page.getByTestId('settings-pins').screenshot({ path: `${SCREENSHOTS}/settings-pins.png` })
    await page.getByTestId('unpin').click()
    await page.getByTestId('no-pins').waitFor()
    await reload()
    await page.getByTestId('no-pins').waitFor()
    expect(await page.getByTestId('pinned-image').count()).toBe(0)
  })

  it('shows a banner for a broken settings.json on every view, and where it was kept once a change set it aside', async () => {
    // This server's settings.json: the one of the serve config folders (startServe makes each its own) naming this test's engine.
    const file = readdirSync(tmpdir())
      .filter((name) => name.startsWith('strata-serve-config-'))
      .map((name) => join(tmpdir(), name, 'strata', 'settings.json'))
      .find((path) => {
        try {
          return readFileSync(path, 'utf8').includes('"private dockerd"')
        } catch {
          return false
        }
      })
    expect(file).toBeDefined()
    if (file === undefined) return
    writeFileSync(file, '{"theme": "dark", "engines": [')
    await page.getByRole('link', { name: 'Images' }).click()
    await page.reload()
    await page.getByTestId('settings-problem').waitFor()
    expect(await page.getByTestId('settings-problem').getAttribute('data-kind')).toBe('corrupt')
    // The defaults apply meanwhile: the system scheme, light here.
    expect(await htmlTheme()).toBeNull()
    await page.screenshot({ path: `${SCREENSHOTS}/settings-broken-file.png` })

    await openSettings()
    await page.getByTestId('theme-option-light').click()
    await expect.poll(() => page.getByTestId('settings-problem').getAttribute('data-kind')).toBe('kept-aside')
    expect(await page.getByTestId('settings-kept-as').textContent()).toBe(`${file}.unreadable`)
    expect(readFileSync(`${file}.unreadable`, 'utf8')).toBe('{"theme": "dark", "engines": [')
    await page.screenshot({ path: `${SCREENSHOTS}/settings-kept-aside.png` })
    // Only a file broken now is shown on the other views.
    await page.getByRole('link', { name: 'Images' }).click()
    expect(await page.getByTestId('settings-problem').count()).toBe(0)
  })
})
