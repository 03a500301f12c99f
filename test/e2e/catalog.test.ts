import { mkdirSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { FIXTURES, buildFixture } from '../support/fixtures'
import { launchChromium, startServe, type ServeProcess } from '../support/browser'
import { dockerCli } from '../support/docker-cli'
import { privateDocker } from '../support/engine'
import { engineDf } from '../support/engine-df'

const SCREENSHOTS = 'test-results/screenshots'
const docker = privateDocker()
let browser: Browser
let serve: ServeProcess
let page: Page
let webId = ''
let runningId = ''

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true })
  webId = await buildFixture(docker, { tag: 'e2e/web:1', dockerfile: `FROM ${FIXTURES.base.tag}\nRUN dd if=/dev/zero of=/web.bin bs=1k count=2500\nENV MODE=e2e\nEXPOSE 8080` })
  await buildFixture(docker, { tag: 'e2e/small:1', dockerfile: `FROM ${FIXTURES.base.tag}\nRUN echo small > /small.txt` })
  // A shell that exits on SIGTERM, so "stop" does not wait for the kill timeout.
  const running = await docker.createContainer({ Image: 'e2e/web:1', Cmd: ['/bin/sh', '-c', 'trap "exit 0" TERM; while :; do sleep 1; done'], name: 'e2e-web' })
  await running.start()
  runningId = running.id
  serve = await startServe(inject('dockerHost'))
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1360, height: 820 } })
  await page.goto(serve.url)
  await page.locator(`tr[data-image-id="${webId}"]`).waitFor()
}, 120_000)

afterAll(async () => {
  await browser.close()
  await serve.stop()
  await docker.getContainer(runningId).remove({ force: true }).catch(() => undefined)
})

async function rowIds(): Promise<string[]> {
  const rows = await page.locator('tr[data-image-id]').all()
  return Promise.all(rows.map(async (row) => (await row.getAttribute('data-image-id')) ?? ''))
}

describe('the image catalog in the browser', () => {
  it('shows sizes, platform and container badges as the engine reports them', async () => {
    const row = page.locator(`tr[data-image-id="${webId}"]`)
    expect(await row.getByTestId('running-badge').textContent()).toBe('1 running')
    expect(await row.textContent()).toContain('linux/amd64')
    const df = await engineDf<{ Images: { Id: string; Size: number; SharedSize: number }[] }>(docker)
    const web = df.Images.find((image) => image.Id === webId)
    expect(web).toBeDefined()
    // The unique size the row shows is the engine's Size - SharedSize, as docker system df -v counts it.
    const uniqueMb = `${(((web?.Size ?? 0) - (web?.SharedSize ?? 0)) / 1e6).toFixed(2)} MB`
    expect(await row.textContent()).toContain(uniqueMb)
  })

  it('sorts by a column and searches by tag and ID prefix', async () => {
    await page.getByRole('button', { name: 'Size', exact: true }).click()
    const header = page.locator('th', { has: page.getByRole('button', { name: 'Size', exact: true }) })
    const direction = await header.getAttribute('aria-sort')
    expect(['ascending', 'descending']).toContain(direction)
    const images = (await docker.listImages()) as { Id: string; Size: number }[]
    const sizes = new Map(images.map((image) => [image.Id, image.Size]))
    const shown = (await rowIds()).map((id) => sizes.get(id) ?? -1)
    const sorted = [...shown].sort((a, b) => (direction === 'ascending' ? a - b : b - a))
    expect(shown).toEqual(sorted)

    const search = page.getByRole('searchbox', { name: 'Filter images' })
    await search.fill('e2e/web')
    await expect.poll(rowIds).toEqual([webId])
    await search.fill(webId.slice('sha256:'.length, 'sha256:'.length + 8))
    await expect.poll(rowIds).toEqual([webId])
    await search.fill('')
    await page.getByRole('button', { name: /^In use/ }).click()
    expect(await rowIds()).toContain(webId)
    await page.screenshot({ path: `${SCREENSHOTS}/catalog-in-use.png` })
    await page.getByRole('button', { name: /^All/ }).click()
  })

  it('opens the detail with its tabs: overview, layers, history, raw', async () => {
    await page.locator(`tr[data-image-id="${webId}"]`).click()
    await page.getByTestId('image-detail').waitFor()
    expect(await page.getByTestId('image-id').textContent()).toBe(webId)
    const overview = page.getByTestId('overview')
    await overview.waitFor()
    expect(await overview.textContent()).toContain('MODE=e2e')
    expect(await overview.textContent()).toContain('8080/tcp')
    expect(await overview.textContent()).toContain((await dockerCli('info', '--format', '{{.Driver}}')).trim())

    await page.getByRole('tab', { name: /Layers/ }).click()
    const layers = page.getByTestId('layer-row')
    await layers.first().waitFor()
    const inspect = await docker.getImage(webId).inspect()
    expect(await layers.count()).toBe(inspect.RootFS.Layers?.length)
    expect(await layers.first().textContent()).toContain('dd if=/dev/zero of=/web.bin')
    expect(await page.getByTestId('shared-with').count()).toBeGreaterThan(0)
    await page.screenshot({ path: `${SCREENSHOTS}/catalog-layers.png` })

    await page.getByRole('tab', { name: /History/ }).click()
    const history = (await dockerCli('history', '-q', '--no-trunc', webId)).trim().split('\n')
    await expect.poll(() => page.getByTestId('history-row').count()).toBe(history.length)

    await page.getByRole('tab', { name: /Raw/ }).click()
    expect(await page.getByTestId('raw').textContent()).toContain(`"Id": "${webId}"`)
  })

  it('deletes an image held by a running container in one confirmed step, showing the bytes freed', async () => {
    await page.getByRole('tab', { name: /Overview/ }).click()
    await page.getByTestId('delete-image').click()
    const dialog = page.getByTestId('delete-dialog')
    const blocker = dialog.getByTestId('blocker')
    await blocker.first().waitFor()
    expect(await blocker.count()).toBe(1)
    expect(await blocker.first().textContent()).toContain('e2e-web')
    expect(await blocker.first().textContent()).toContain('running')
    await page.screenshot({ path: `${SCREENSHOTS}/catalog-delete-dialog.png` })

    await dialog.getByRole('button', { name: 'Stop and remove containers, then delete' }).click()
    const freed = dialog.getByTestId('freed')
    await freed.waitFor({ timeout: 30_000 })
    expect(await freed.textContent()).toMatch(/Freed 2\.\d\d MB/)
    await page.screenshot({ path: `${SCREENSHOTS}/catalog-delete-result.png` })
    await expect(docker.getImage(webId).inspect()).rejects.toMatchObject({ statusCode: 404 })
    await expect(docker.getContainer(runningId).inspect()).rejects.toMatchObject({ statusCode: 404 })
  })
})
