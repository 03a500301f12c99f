import { mkdirSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { shortId } from '../../shared/format'
import { collectPageProblems, launchChromium, startServe, type ServeProcess } from '../support/browser'
import { FIXTURES, buildFixture } from '../support/fixtures'
import { privateDocker } from '../support/engine'
import { ENGLISH_ONLY_WORDS, untranslatedTexts } from '../support/untranslated'

// The main flows with the system in Chinese: browse, an image's Files, delete with a
// blocker, commit, cleanup. Every text the page shows must be Chinese wording or data,
// and each step is photographed at the smallest and a large supported window.

const SCREENSHOTS = 'test-results/screenshots'
const SIZES = [
  { width: 1024, height: 640 },
  { width: 1920, height: 1080 },
] as const
const docker = privateDocker()
let browser: Browser
let serve: ServeProcess
let page: Page
const pageProblems: string[] = []
let imageId = ''
let containerId = ''
let commitFromId = ''
const COMMITTED = 'zh/committed:1'
/** Names and values the page shows as data, never as wording. */
const data: string[] = [FIXTURES.base.tag, FIXTURES.app.tag, 'zh/web:1', 'zh-web', 'zh-commit', 'zh/dangling:1', COMMITTED, 'strata app fixture', 'hello from strata', 'latest']

async function untranslated(): Promise<string[]> {
  return untranslatedTexts(page, data)
}

/** Photographs the current view at each size, then goes back to the first. */
async function photograph(name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size)
    await page.waitForTimeout(150)
    await page.screenshot({ path: `${SCREENSHOTS}/zh-CN-${name}-${size.width}x${size.height}.png` })
  }
  await page.setViewportSize(SIZES[0])
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true })
  imageId = await buildFixture(docker, { tag: 'zh/web:1', dockerfile: `FROM ${FIXTURES.base.tag}\nRUN echo 你好 > /hello.txt && rm /bin/vi\nENV MODE=zh` })
  const container = await docker.createContainer({ Image: 'zh/web:1', Cmd: ['/bin/sh', '-c', 'echo changed > /changed.txt'], name: 'zh-web' })
  await container.start()
  await container.wait()
  containerId = container.id
  // Committed from another image, so the new image is no child that blocks deleting zh/web:1.
  const commitFrom = await docker.createContainer({ Image: FIXTURES.app.tag, Cmd: ['/bin/sh', '-c', 'echo 提交 > /commit.txt'], name: 'zh-commit' })
  await commitFrom.start()
  await commitFrom.wait()
  commitFromId = commitFrom.id
  // Built twice under one tag: the first build is left dangling, so Cleanup has something to plan.
  await buildFixture(docker, { tag: 'zh/dangling:1', dockerfile: `FROM ${FIXTURES.base.tag}\nRUN echo one > /one.txt` })
  await buildFixture(docker, { tag: 'zh/dangling:1', dockerfile: `FROM ${FIXTURES.base.tag}\nRUN echo two > /two.txt` })
  data.push(shortId(imageId), shortId(containerId), shortId(commitFromId))
  serve = await startServe(inject('dockerHost'))
  browser = await launchChromium()
  // The system speaks Chinese: Strata follows it without being told.
  page = await browser.newPage({ viewport: SIZES[0], locale: 'zh-CN' })
  collectPageProblems(page, pageProblems)
  await page.goto(serve.url)
  await page.locator(`tr[data-image-id="${imageId}"]`).waitFor({ timeout: 20_000 })
}, 120_000)

afterAll(async () => {
  await browser.close()
  await serve.stop()
  for (const id of [containerId, commitFromId]) await docker.getContainer(id).remove({ force: true }).catch(() => undefined)
  for (const tag of ['zh/web:1', 'zh/dangling:1', COMMITTED]) await docker.getImage(tag).remove({ force: true }).catch(() => undefined)
})

describe('the main flows in Chinese', () => {
  it('knows English-only words to look for', () => {
    // The check below is only as good as this list: it must hold Strata's everyday words.
    for (const word of ['image', 'delete', 'cancel', 'layers']) expect(ENGLISH_ONLY_WORDS.has(word), word).toBe(true)
  })

  it('browses the images in Chinese', async () => {
    expect(await page.evaluate<string>('document.documentElement.lang')).toBe('zh-CN')
    expect(await page.getByTestId('images-summary').textContent()).toMatch(/个镜像/)
    expect(await untranslated()).toEqual([])
    await photograph('images')
  })

  it("opens an image's Files in Chinese", async () => {
    await page.locator(`tr[data-image-id="${imageId}"]`).click()
    await page.getByTestId('image-detail').waitFor()
    await page.locator('[data-tab="files"]').click()
    await page.getByTestId('files-tab').waitFor()
    await page.getByTestId('layer-item').first().waitFor({ timeout: 30_000 })
    await page.getByTestId('tree-row').first().waitFor({ timeout: 30_000 })
    expect(await untranslated()).toEqual([])
    await photograph('files')
  })

  it('commits a container in Chinese', async () => {
    await page.goto(`${serve.url}#/containers/${commitFromId}`)
    await page.getByTestId('container-detail').waitFor()
    expect(await untranslated()).toEqual([])
    await photograph('container')
    await page.getByTestId('open-commit').click()
    await page.getByTestId('commit-dialog').waitFor()
    const [repository, tag] = COMMITTED.split(':')
    await page.getByTestId('commit-repository').fill(repository ?? '')
    await page.getByTestId('commit-tag').fill(tag ?? '')
    expect(await untranslated()).toEqual([])
    await photograph('commit')
    await page.getByTestId('commit-submit').click()
    await expect.poll(async () => (await docker.listImages({ filters: { reference: [COMMITTED] } })).length, { timeout: 30_000 }).toBe(1)
  })

  it('deletes an image held by a container in Chinese', async () => {
    await page.goto(`${serve.url}#/images/${encodeURIComponent(imageId)}`)
    await page.getByTestId('delete-image').click()
    const dialog = page.getByTestId('delete-dialog')
    await dialog.getByTestId('blocker').first().waitFor()
    expect(await dialog.getByTestId('blocker').first().textContent()).toContain('zh-web')
    expect(await untranslated()).toEqual([])
    await photograph('delete-blocked')
    await dialog.locator('button[data-primary]').click()
    await dialog.getByTestId('freed').waitFor({ timeout: 30_000 })
    expect(await untranslated()).toEqual([])
    await photograph('delete-done')
    await expect(docker.getContainer(containerId).inspect()).rejects.toMatchObject({ statusCode: 404 })
  })

  it('plans a cleanup in Chinese', async () => {
    await page.goto(`${serve.url}#/cleanup`)
    await page.getByTestId('plan-summary').waitFor({ timeout: 30_000 })
    expect(await untranslated()).toEqual([])
    await photograph('cleanup')
    await page.getByTestId('open-cleanup').click()
    await page.getByTestId('cleanup-dialog').waitFor()
    expect(await untranslated()).toEqual([])
    await photograph('cleanup-confirm')
    await page.keyboard.press('Escape')
  })

  it('raised no page errors', () => {
    expect(pageProblems).toEqual([])
  })
})
