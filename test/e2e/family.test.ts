import { mkdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { FIXTURES, buildFixture } from '../support/fixtures'
import { collectPageProblems, launchChromium, startServe, type ServeProcess } from '../support/browser'
import { privateDocker } from '../support/engine'

// The Family view on the catalog scenario: the fixture base, two images built on it
// (one big, one small) and a child built on the big one, all by the classic builder,
// so untagged build steps sit between each image and its parent.

const SCREENSHOTS = 'test-results/screenshots'
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
const docker = privateDocker()
let browser: Browser
let serve: ServeProcess
let page: Page
let webId = ''
let smallId = ''
let childId = ''
const pageProblems: string[] = []

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true })
  webId = await buildFixture(docker, { tag: 'e2e/family-web:1', dockerfile: `FROM ${FIXTURES.base.tag}\nRUN dd if=/dev/zero of=/web.bin bs=1k count=2500\nENV MODE=e2e\nEXPOSE 8080` })
  smallId = await buildFixture(docker, { tag: 'e2e/family-small:1', dockerfile: `FROM ${FIXTURES.base.tag}\nRUN echo small > /small.txt` })
  childId = await buildFixture(docker, { tag: 'e2e/family-child:1', dockerfile: 'FROM e2e/family-web:1\nRUN echo child > /child.txt\nLABEL role=child' })
  serve = await startServe(inject('dockerHost'))
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, reducedMotion: 'reduce' })
  collectPageProblems(page, pageProblems)
  await page.goto(serve.url)
  await page.locator('nav a[href="#/family"]').click()
  await page.getByTestId('family-tree').waitFor({ timeout: 20_000 })
}, 180_000)

afterAll(async () => {
  await browser.close()
  await serve.stop()
  for (const tag of ['e2e/family-child:1', 'e2e/family-small:1', 'e2e/family-web:1']) await docker.getImage(tag).remove().catch(() => undefined)
})

/** The IDs of the rendered rows of one kind, in order: image IDs, or the chain IDs of layer runs. */
const rowIds = (kind: 'image' | 'layers'): Promise<string[]> => {
  const attribute = kind === 'image' ? 'data-image-id' : 'data-chain-id'
  return page.evaluate<string[]>(`[...document.querySelectorAll('[data-row-kind="${kind}"]')].map((row) => row.getAttribute('${attribute}') ?? '')`)
}

async function axeViolations(): Promise<string[]> {
  if (!(await page.evaluate<boolean>("typeof window.axe !== 'undefined'"))) await page.evaluate(AXE_SOURCE)
  await page.waitForTimeout(120)
  return page.evaluate<string[]>(`(async () => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }, resultTypes: ['violations'] })
    return result.violations.filter((v) => ['moderate', 'serious', 'critical'].includes(v.impact)).flatMap((v) => v.nodes.map((n) => v.id + ': ' + n.target.join(' ')))
  })()`)
}

describe('the Family view', () => {
  it('draws every image in the tree of the layers they share, sized by unique bytes', async () => {
    // The tree draws only the rows in view, and a full run's engine holds more images than fit: a search brings ours in.
    const search = page.getByRole('searchbox', { name: 'Filter the family by image' })
    await search.fill('strata-fixture/base')
    await expect.poll(() => rowIds('image'), { timeout: 10_000 }).toContain(inject('fixtureIds').base)
    await search.fill('e2e/family-')
    await expect.poll(() => rowIds('image'), { timeout: 10_000 }).toEqual(expect.arrayContaining([webId, smallId, childId]))
    // The base's layer run is held by the base and every image built on it.
    const baseRun = page.locator('[data-row-kind="layers"][aria-level="1"]').filter({ has: page.locator('.holders', { hasText: /shared by \d+ images/ }) })
    expect(await baseRun.count()).toBeGreaterThan(0)
    const holders = Number(/shared by (\d+) images/.exec((await baseRun.first().textContent()) ?? '')?.[1] ?? '0')
    expect(holders).toBeGreaterThanOrEqual(4)
    // The child sits below web:1 (it holds all of web's layers): deeper in the tree.
    const level = async (id: string): Promise<number> => Number(await page.locator(`[data-image-id="${id}"]`).getAttribute('aria-level'))
    expect(await level(childId)).toBeGreaterThan(await level(webId))
    // web:1's 2.5 MB are shared with its child, so web:1 holds nothing alone; the child holds its own small layer.
    expect(await page.locator(`[data-image-id="${webId}"]`).textContent()).toContain('0 B unique')
    await search.fill('')
    await page.locator(`[data-row-kind="image"]`).first().waitFor()
    await page.screenshot({ path: `${SCREENSHOTS}/family-1440x900.png` })
    expect(await axeViolations()).toEqual([])
  })

  it('fits 1024x640', async () => {
    await page.setViewportSize({ width: 1024, height: 640 })
    const overflow = await page.evaluate<number>("document.querySelector('[data-testid=\"family-view\"]').scrollWidth - document.querySelector('[data-testid=\"family-view\"]').clientWidth")
    expect(overflow).toBeLessThanOrEqual(0)
    await page.screenshot({ path: `${SCREENSHOTS}/family-1024x640.png` })
    await page.setViewportSize({ width: 1440, height: 900 })
  })

  it('keeps the paths of the images a search matches', async () => {
    const allRuns = (await rowIds('layers')).length
    await page.getByRole('searchbox', { name: 'Filter the family by image' }).fill('family-child')
    await expect.poll(() => rowIds('image')).toEqual([childId])
    const runs = await rowIds('layers')
    // Its path from the base up: more than one run, fewer than all.
    expect(runs.length).toBeGreaterThan(1)
    expect(runs.length).toBeLessThan(allRuns)
    await page.screenshot({ path: `${SCREENSHOTS}/family-search.png` })
  })

  it('opens an image from the tree by keyboard, and its Overview names the parent past the build steps', async () => {
    const tree = page.getByTestId('family-tree')
    await page.getByTestId('family-search').focus()
    await page.keyboard.press('Tab')
    expect(await page.evaluate<string | null>("document.activeElement?.getAttribute('role') ?? null")).toBe('treeitem')
    await tree.press('End')
    expect(await page.evaluate<string | null>("document.activeElement?.getAttribute('data-image-id') ?? null")).toBe(childId)
    await tree.press('Enter')
    await expect.poll(() => page.evaluate<string>('location.hash')).toBe(`#/images/${childId}`)
    const parent = page.getByTestId('overview-parent')
    await expect.poll(() => parent.textContent(), { timeout: 10_000 }).toContain('e2e/family-web:1')
    // RUN made a hidden step image between them.
    expect(await parent.textContent()).toMatch(/via \d+ untagged intermediates?/)
  })

  it('names the child that blocks a delete and, once it goes, what was deleted, past the build steps', async () => {
    await page.evaluate(`location.hash = '#/images/${webId}'`)
    await page.getByTestId('delete-image').click()
    const dialog = page.getByTestId('delete-dialog')
    const blocker = dialog.getByTestId('blocker')
    await blocker.first().waitFor()
    expect(await blocker.count()).toBe(1)
    expect(await blocker.first().textContent()).toContain('Image e2e/family-child:1 was built on it')
    expect(await dialog.getByTestId('blocker-via').textContent()).toMatch(/via \d+ untagged intermediates?/)
    await page.screenshot({ path: `${SCREENSHOTS}/family-delete-blocked.png` })
    await dialog.getByRole('button', { name: 'Cancel' }).click()

    await page.evaluate(`location.hash = '#/images/${childId}'`)
    await page.getByTestId('delete-image').click()
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click()
    const deleted = dialog.getByTestId('deleted-images')
    await deleted.waitFor({ timeout: 20_000 })
    expect(await deleted.textContent()).toContain('e2e/family-child:1')
    // The RUN step's image went with it (LABEL made the child itself); the layer Docker also lists as deleted is not an image.
    expect(await deleted.textContent()).toContain('1 untagged intermediate')
    expect(await deleted.textContent()).not.toContain('intermediates')
    await page.screenshot({ path: `${SCREENSHOTS}/family-delete-result.png` })
    expect(pageProblems).toEqual([])
  })
})
