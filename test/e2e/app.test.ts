import { mkdirSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { FIXTURES } from '../support/fixtures'
import { collectConsoleProblems, launchChromium, startServe, type ServeProcess } from '../support/browser'
import { dockerCli } from '../support/docker-cli'
import { privateDocker } from '../support/engine'

const SCREENSHOTS = 'test-results/screenshots'

let browser: Browser
let serve: ServeProcess
let page: Page
const consoleProblems: string[] = []

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true })
  serve = await startServe(inject('dockerHost'))
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1280, height: 760 } })
  collectConsoleProblems(page, consoleProblems)
  await page.goto(serve.url)
})

afterAll(async () => {
  await browser.close()
  await serve.stop()
})

describe('Strata in the browser against the private engine', () => {
  it('drops the token from the address and shows the shell with the engine connected', async () => {
    expect(page.url()).not.toContain('token=')
    await expect.poll(() => page.getByTestId('engine-state').textContent()).toBe('Connected')
    for (const section of ['Images', 'Containers', 'Cleanup', 'Engine']) {
      expect(await page.getByRole('link', { name: section }).count()).toBe(1)
    }
  })

  it('lists the fixture images', async () => {
    await page.getByRole('link', { name: 'Images' }).click()
    await page.getByTestId('tag').filter({ hasText: FIXTURES.app.tag }).waitFor()
    const tags = await page.getByTestId('tag').allTextContents()
    expect(tags).toContain(FIXTURES.base.tag)
    expect(tags).toContain(FIXTURES.app.tag)
  })

  it('shows a tag made outside Strata within a second, without a refresh', async () => {
    await privateDocker().getImage(FIXTURES.app.tag).tag({ repo: 'e2e/live', tag: 'now' })
    const tagged = Date.now()
    await page.getByTestId('tag').filter({ hasText: 'e2e/live:now' }).waitFor({ timeout: 1000 })
    expect(Date.now() - tagged).toBeLessThan(1000)
    const row = page.locator(`tr[data-image-id="${inject('fixtureIds').app}"]`)
    expect(await row.getByTestId('tag').allTextContents()).toEqual(expect.arrayContaining([FIXTURES.app.tag, 'e2e/live:now']))
    await page.screenshot({ path: `${SCREENSHOTS}/images.png` })
  })

  it('removes an untagged name live too', async () => {
    await privateDocker().getImage('e2e/live:now').remove()
    await page.getByTestId('tag').filter({ hasText: 'e2e/live:now' }).waitFor({ state: 'detached', timeout: 1000 })
  })

  it('filters the list by tag', async () => {
    await page.getByRole('searchbox', { name: 'Filter images' }).fill('fixture/base')
    expect(await page.getByTestId('tag').allTextContents()).toEqual([FIXTURES.base.tag])
    await page.getByRole('searchbox', { name: 'Filter images' }).fill('')
  })

  it('shows the engine with the storage driver and data root docker reports', async () => {
    await page.getByRole('link', { name: 'Engine' }).click()
    const driver = (await dockerCli('info', '--format', '{{.Driver}}')).trim()
    await expect.poll(() => page.getByTestId('storage-driver').textContent()).toBe(driver)
    expect(await page.getByTestId('data-root').textContent()).toBe((await dockerCli('info', '--format', '{{.DockerRootDir}}')).trim())
    expect(await page.getByTestId('endpoint').textContent()).toBe(inject('dockerHost'))
    await page.screenshot({ path: `${SCREENSHOTS}/engine.png` })
  })

  it('lists containers live, and the engine\'s disk use on Cleanup', async () => {
    await page.getByRole('link', { name: 'Containers' }).click()
    const container = await privateDocker().createContainer({ Image: FIXTURES.base.tag, Cmd: ['/bin/true'], name: 'e2e-stopped' })
    try {
      const row = page.getByTestId('containers-table').locator('tr', { hasText: 'e2e-stopped' })
      await row.waitFor({ timeout: 1000 })
      expect(await row.locator('.badge').textContent()).toBe('created')
      await page.screenshot({ path: `${SCREENSHOTS}/containers.png` })

      await page.getByRole('link', { name: 'Cleanup' }).click()
      const usage = page.getByTestId('disk-usage')
      await usage.waitFor()
      const containers = await privateDocker().listContainers({ all: true })
      expect(await page.getByTestId('disk-containers').textContent()).toBe(containers.length === 1 ? '1 container' : `${containers.length} containers`)
      await page.screenshot({ path: `${SCREENSHOTS}/cleanup.png` })
    } finally {
      await container.remove()
    }
  })

  it('follows the system light or dark preference', async () => {
    // A string expression: this file is compiled without DOM types.
    const background = (): Promise<string> => page.evaluate<string>('getComputedStyle(document.documentElement).backgroundColor')
    await page.emulateMedia({ colorScheme: 'light' })
    expect(await background()).toBe('rgb(246, 247, 249)')
    await page.emulateMedia({ colorScheme: 'dark' })
    expect(await background()).toBe('rgb(22, 24, 29)')
    await page.getByRole('link', { name: 'Images' }).click()
    await page.screenshot({ path: `${SCREENSHOTS}/images-dark.png` })
    await page.emulateMedia({ colorScheme: 'light' })
  })

  it('raised no console error or CSP violation', () => {
    expect(consoleProblems).toEqual([])
  })
})

describe('Strata in the browser when no engine answers', () => {
  it('says the engine is unreachable and shows the error code and message', async () => {
    const down = await startServe('unix:///nonexistent/strata-e2e.sock')
    const downPage = await browser.newPage({ viewport: { width: 1280, height: 760 } })
    try {
      await downPage.goto(down.url)
      await expect.poll(() => downPage.getByTestId('engine-state').textContent(), { timeout: 10_000 }).toBe('Unreachable')
      // The welcome screen says why in place of the views that need an engine; the Engine view shows the failed call's code.
      await downPage.getByTestId('welcome').waitFor()
      expect(await downPage.getByTestId('welcome-reason').textContent()).toContain('unix:///nonexistent/strata-e2e.sock')
      await downPage.getByRole('link', { name: 'Engine', exact: true }).click()
      const error = downPage.getByTestId('error').first()
      await error.waitFor()
      expect(await error.textContent()).toContain('ENGINE_UNREACHABLE')
      expect(await error.textContent()).toContain('unix:///nonexistent/strata-e2e.sock')
      await downPage.screenshot({ path: `${SCREENSHOTS}/unreachable.png` })
    } finally {
      await downPage.close()
      await down.stop()
    }
  })
})
