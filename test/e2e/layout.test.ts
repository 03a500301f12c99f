import { mkdirSync } from 'node:fs'
import type Docker from 'dockerode'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { collectPageProblems, launchChromium, startServe, type ServeProcess } from '../support/browser'
import { privateDocker } from '../support/engine'
import { FIXTURES, buildFixture } from '../support/fixtures'

// Every view at 1024x640, 1440x900, 1920x1080 and 2560x1440 against `strata serve`: nothing inside
// a table cell or a card is cut off, every column of the images table can be reached
// (the Columns menu shows what a narrow window hides), and the sidebar collapses and
// remembers it in settings.json across a reload.

const SCREENSHOTS = 'test-results/screenshots'
const SIZES = [
  { width: 1024, height: 640 },
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
  { width: 2560, height: 1440 },
] as const
/** Tags enough for the row to count some of them as "+N", one long enough for the header's ellipsis. */
const TAGS: readonly [string, ...string[]] = ['e2e/layout:1', 'e2e/layout:stable', 'e2e/layout:2026-12-05', 'registry.example.com/a-team/with-a-rather-long-repository-name/layout:release-candidate-1']
const IMAGE_TABS = ['overview', 'layers', 'files', 'compare', 'history', 'raw'] as const
const ALL_COLUMNS = ['name', 'id', 'created', 'size', 'unique', 'shared', 'platform', 'containers'] as const
/** The columns that may give way (Tags and Size never do), as the Columns menu lists them. */
const OPTIONAL_COLUMNS = ['id', 'created', 'unique', 'shared', 'platform', 'containers'] as const

const docker: Docker = privateDocker()
let serve: ServeProcess
let browser: Browser
let page: Page
let imageId = ''
const containerIds: string[] = []
const pageProblems: string[] = []

interface Clipped {
  what: string
  scrollWidth: number
  clientWidth: number
}

/**
 * Cells, cards and panels whose content is wider than their box, and the elements inside
 * them that clip what they hold. Not counted: boxes that scroll on purpose (overflow auto
 * or scroll), and text cut with an ellipsis that has its whole in a tooltip (a title on it
 * or on an ancestor). Evaluated in the page, where the DOM's types live.
 */
const FIND_CLIPPED = `(() => {
  const describe = (element) => {
    const id = element.getAttribute('data-testid')
    const cls = typeof element.className === 'string' ? element.className.trim().split(/\\s+/).slice(0, 2).join('.') : ''
    const text = (element.textContent || '').trim().slice(0, 40)
    return element.tagName.toLowerCase() + (id ? '[' + id + ']' : '') + (cls ? '.' + cls : '') + ' "' + text + '"'
  }
  const visible = (element) => {
    const box = element.getBoundingClientRect()
    return box.width > 0 && box.height > 0 && getComputedStyle(element).visibility !== 'hidden'
  }
  const scrolls = (style) => style.overflowX === 'auto' || style.overflowX === 'scroll'
  const hasTooltip = (element) => element.closest('[title]') !== null
  const found = []
  const boxes = document.querySelectorAll('main td, main th, main .panel, main .card, main .detail-facts, main .tab-panel')
  for (const box of boxes) {
    if (!visible(box)) continue
    const style = getComputedStyle(box)
    const ellipsis = style.textOverflow === 'ellipsis' && hasTooltip(box)
    if (box.scrollWidth > box.clientWidth + 1 && !scrolls(style) && !ellipsis) found.push({ what: describe(box), scrollWidth: box.scrollWidth, clientWidth: box.clientWidth })
    for (const inner of box.querySelectorAll('*')) {
      if (!visible(inner) || inner.closest('.visually-hidden') !== null) continue
      const innerStyle = getComputedStyle(inner)
      if (innerStyle.overflowX !== 'hidden' && innerStyle.overflowX !== 'clip') continue
      if (inner.scrollWidth <= inner.clientWidth + 1) continue
      if (innerStyle.textOverflow === 'ellipsis' && hasTooltip(inner)) continue
      // A clipped parent of a scrolling child (a terminal, a code view) is the child's frame.
      found.push({ what: describe(inner), scrollWidth: inner.scrollWidth, clientWidth: inner.clientWidth })
    }
  }
  const main = document.querySelector('main')
  if (main !== null && main.scrollWidth > main.clientWidth + 1) found.push({ what: 'main (the view scrolls sideways)', scrollWidth: main.scrollWidth, clientWidth: main.clientWidth })
  return found
})()`

async function clipped(): Promise<Clipped[]> {
  return page.evaluate<Clipped[]>(FIND_CLIPPED)
}

/** The keys of the images table's shown columns, in order. */
const shownColumns = (): Promise<string[]> =>
  page.evaluate<string[]>(`[...document.querySelectorAll('[data-testid="images-table"] th[data-column]')].map((cell) => cell.getAttribute('data-column'))`)

async function go(hash: string): Promise<void> {
  await page.evaluate(`location.hash = ${JSON.stringify(hash)}`)
}

/** Each view with what shows it is ready (a function: the image is built in beforeAll). */
const views = (): { name: string; hash: string; ready: () => Promise<unknown> }[] => [
  { name: 'images', hash: '#/images', ready: () => page.locator(`tr[data-image-id="${imageId}"]`).waitFor() },
  ...IMAGE_TABS.map((tab) => ({
    name: `image-${tab}`,
    hash: `#/images/${imageId}${tab === 'overview' ? '' : `?tab=${tab}`}`,
    ready: async () => {
      await page.getByTestId('image-title').waitFor()
      if (tab === 'files') await page.getByTestId('layer-list').waitFor({ timeout: 60_000 })
    },
  })),
  { name: 'containers', hash: '#/containers', ready: () => page.getByTestId('containers-summary').waitFor() },
  { name: 'registry', hash: '#/registry', ready: () => page.getByTestId('remote-reference-input').waitFor() },
  { name: 'cleanup', hash: '#/cleanup', ready: () => page.getByTestId('plan-button').waitFor() },
  { name: 'engine', hash: '#/engine', ready: () => page.getByTestId('engine-images').waitFor() },
  { name: 'settings', hash: '#/settings', ready: () => page.getByTestId('settings-view').waitFor() },
]

const sidebarCollapsed = async (): Promise<boolean> => (await page.getByTestId('sidebar').getAttribute('data-collapsed')) === 'true'

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true })
  imageId = await buildFixture(docker, {
    tag: TAGS[0],
    dockerfile: [`FROM ${FIXTURES.base.tag}`, 'RUN mkdir -p /srv && echo layout > /srv/layout.txt'].join('\n'),
  })
  for (const tag of TAGS.slice(1)) {
    const colon = tag.lastIndexOf(':')
    await docker.getImage(imageId).tag({ repo: tag.slice(0, colon), tag: tag.slice(colon + 1) })
  }
  // One running and one stopped container: the Containers column shows both badges.
  const running = await docker.createContainer({ Image: TAGS[0], name: 'e2e-layout-running', Cmd: ['sleep', '600'] })
  await running.start()
  const stopped = await docker.createContainer({ Image: TAGS[0], name: 'e2e-layout-stopped', Cmd: ['true'] })
  containerIds.push(running.id, stopped.id)
  serve = await startServe(inject('dockerHost'))
  browser = await launchChromium()
  page = await browser.newPage({ viewport: SIZES[0], colorScheme: 'light' })
  collectPageProblems(page, pageProblems)
  await page.goto(serve.url)
  await page.getByTestId('engine-state').getByText('Connected').waitFor({ timeout: 15_000 })
}, 180_000)

afterAll(async () => {
  await browser.close()
  await serve.stop()
  for (const id of containerIds) await docker.getContainer(id).remove({ force: true })
  await docker.getImage(imageId).remove({ force: true })
}, 60_000)

describe('the layout at every width', () => {
  for (const size of SIZES) {
    it(`cuts nothing off in any view at ${size.width}x${size.height}`, async () => {
      await page.setViewportSize(size)
      // The sidebar is left as it starts: icons only below 1200 px, whole above.
      await expect.poll(sidebarCollapsed).toBe(size.width < 1200)
      const problems: string[] = []
      for (const view of views()) {
        await go(view.hash)
        await view.ready()
        // Let the view settle: sizes, ResizeObservers, the engine's first answers.
        await page.waitForTimeout(600)
        await page.screenshot({ path: `${SCREENSHOTS}/layout-${view.name}-${size.width}x${size.height}.png` })
        for (const found of await clipped()) problems.push(`${view.name}: ${found.what} (${found.scrollWidth} > ${found.clientWidth})`)
      }
      expect(problems).toEqual([])
    }, 180_000)
  }

  it('shows both panes of the Files tab above the fold at 1024x640', async () => {
    await page.setViewportSize(SIZES[0])
    await go(`#/images/${imageId}?tab=files`)
    await page.getByTestId('layer-list').waitFor({ timeout: 60_000 })
    await page.getByTestId('changes-tree').waitFor()
    const fold = SIZES[0].height
    for (const id of ['layer-list', 'changes-tree']) {
      const box = await page.getByTestId(id).boundingBox()
      expect(box, id).not.toBeNull()
      // Its top and at least 120 px of it on the first screen.
      expect(box?.y ?? fold, id).toBeLessThan(fold - 120)
    }
  }, 90_000)

  it('hides columns by priority and keeps every one reachable through the Columns menu', async () => {
    for (const size of SIZES) {
      await page.setViewportSize(size)
      await go('#/images')
      const row = page.locator(`tr[data-image-id="${imageId}"]`)
      await row.waitFor()
      await page.waitForTimeout(300)
      const shown = await shownColumns()
      // Tags and Size never give way.
      expect(shown, `${size.width}`).toContain('name')
      expect(shown, `${size.width}`).toContain('size')
      if (size.width >= 1440) expect(shown).toEqual([...ALL_COLUMNS])
      // The table fits its card: no sideways scrolling until the user asks for more columns.
      expect(await page.evaluate<boolean>(`(() => { const box = document.querySelector('[data-testid="images-table"]'); return box.scrollWidth <= box.clientWidth + 1 })()`), `${size.width}`).toBe(true)
      await page.getByTestId('columns-menu').click()
      for (const key of OPTIONAL_COLUMNS) {
        const choice = page.getByTestId(`column-choice-${key}`)
        expect(await choice.getAttribute('aria-checked'), `${size.width} ${key}`).toBe(String(shown.includes(key)))
      }
      await page.keyboard.press('Escape')
      expect(await page.getByTestId('column-choice-id').count()).toBe(0)
    }

    // At the narrowest, a hidden column comes back on demand, and its data with it.
    await page.setViewportSize(SIZES[0])
    await page.waitForTimeout(300)
    const hidden = await shownColumns()
    const missing = ALL_COLUMNS.filter((key) => !hidden.includes(key))
    expect(missing.length).toBeGreaterThan(0)
    expect(missing).toContain('platform')
    await page.screenshot({ path: `${SCREENSHOTS}/layout-images-columns-before-1024x640.png` })
    for (const key of missing) {
      await page.getByTestId('columns-menu').click()
      await page.getByTestId(`column-choice-${key}`).click()
      await page.keyboard.press('Escape')
      await page.locator(`[data-testid="images-table"] th[data-column="${key}"]`).waitFor()
    }
    const row = page.locator(`tr[data-image-id="${imageId}"]`)
    expect(await row.locator('.platform').textContent()).toMatch(/^linux\//)
    expect(await row.getByTestId('running-badge').textContent()).toBe('1 running')
    expect(await row.getByTestId('stopped-badge').textContent()).toBe('1 stopped')
    await page.getByTestId('columns-menu').click()
    await page.screenshot({ path: `${SCREENSHOTS}/layout-images-columns-menu-1024x640.png` })
    await page.keyboard.press('Escape')
    // Shown by hand: the table scrolls sideways (on purpose) rather than clip them.
    expect(await clipped()).toEqual([])
    for (const key of missing) {
      await page.getByTestId('columns-menu').click()
      await page.getByTestId(`column-choice-${key}`).click()
      await page.keyboard.press('Escape')
    }
    expect(await page.locator('[data-testid="images-table"] th[data-column]').count()).toBe(hidden.length)
  }, 90_000)

  it("gives way in the containers table too, its hidden columns in its Columns menu and the selection's facts", async () => {
    await page.setViewportSize(SIZES[0])
    await go('#/containers')
    await page.getByTestId('containers-summary').waitFor()
    await page.locator('tr[data-name="e2e-layout-running"]').waitFor()
    await page.waitForTimeout(300)
    const shown = await page.evaluate<string[]>(`[...document.querySelectorAll('[data-testid="containers-table"] th[data-column]')].map((cell) => cell.getAttribute('data-column'))`)
    expect(shown).toEqual(expect.arrayContaining(['name', 'image', 'state']))
    const hidden = ['status', 'created', 'command', 'ports'].filter((key) => !shown.includes(key))
    expect(hidden.length).toBeGreaterThan(0)
    await page.locator('[data-testid="containers-table"] [data-testid="columns-menu"]').click()
    for (const key of hidden) expect(await page.getByTestId(`column-choice-${key}`).getAttribute('aria-checked')).toBe('false')
    await page.getByTestId(`column-choice-${hidden[0] ?? ''}`).click()
    await page.keyboard.press('Escape')
    await page.locator(`[data-testid="containers-table"] th[data-column="${hidden[0] ?? ''}"]`).waitFor()
    expect(await clipped()).toEqual([])
    await page.screenshot({ path: `${SCREENSHOTS}/layout-containers-column-shown-1024x640.png` })
    await page.locator('[data-testid="containers-table"] [data-testid="columns-menu"]').click()
    await page.getByTestId(`column-choice-${hidden[0] ?? ''}`).click()
    await page.keyboard.press('Escape')
  }, 60_000)

  it('counts the tags that do not fit as "+N", with every tag in its tooltip and in the row', async () => {
    await page.setViewportSize(SIZES[0])
    await go('#/images')
    const row = page.locator(`tr[data-image-id="${imageId}"]`)
    await row.waitFor()
    await page.waitForTimeout(300)
    const more = row.getByTestId('more-tags')
    expect(await more.count()).toBe(1)
    const counted = Number((await more.textContent())?.replace('+', ''))
    expect(counted).toBeGreaterThan(0)
    expect((await more.getAttribute('title'))?.split('\n')).toHaveLength(counted)
    // All the tags stay in the row for search and assistive technology.
    expect(new Set(await row.getByTestId('tag').allTextContents())).toEqual(new Set(TAGS))
    // The tags that do show are whole: none shrank to a letter and an ellipsis.
    const cut = await page.evaluate<number>(
      `[...document.querySelectorAll('tr[data-image-id="${imageId}"] [data-testid="tag"]:not(.past)')].filter((chip) => chip.scrollWidth > chip.clientWidth + 1).length`,
    )
    expect(cut).toBe(0)
  }, 60_000)

  it("keeps a long name on one line in the image's header, whole in its tooltip", async () => {
    await page.setViewportSize(SIZES[0])
    const longest = TAGS.at(-1) ?? ''
    // The header names the image by its first tag: sort order decides which, so look at each chip instead.
    await go(`#/images/${imageId}`)
    const title = page.getByTestId('image-title')
    await title.waitFor()
    // One line: less than two font sizes high.
    expect(await page.evaluate<boolean>(`(() => { const h1 = document.querySelector('[data-testid="image-title"]'); return h1.getBoundingClientRect().height < 2 * parseFloat(getComputedStyle(h1).fontSize) })()`)).toBe(true)
    expect(await title.getAttribute('title')).toBe(await title.textContent())
    const chip = page.locator('.image-header [data-testid="tag"]', { hasText: longest })
    expect(await chip.getAttribute('title')).toBe(longest)
    // One line too: the chip ends in an ellipsis rather than wrap.
    expect((await chip.boundingBox())?.height ?? 99).toBeLessThan(24)
  }, 60_000)

  it('collapses the sidebar to icons that keep their names, and remembers it after a reload', async () => {
    await page.setViewportSize(SIZES[1])
    await go('#/images')
    await expect.poll(sidebarCollapsed).toBe(false)
    const toggle = page.getByTestId('sidebar-toggle')
    expect(await toggle.getAttribute('aria-label')).toBe('Collapse sidebar')
    await toggle.click()
    await expect.poll(sidebarCollapsed).toBe(true)
    expect(await toggle.getAttribute('aria-label')).toBe('Expand sidebar')
    // Icons only, each link still named (for assistive technology, and as its tooltip).
    const link = page.getByRole('link', { name: 'Containers' })
    expect(await link.getAttribute('title')).toBe('Containers')
    expect((await link.boundingBox())?.width ?? 999).toBeLessThan(60)
    await page.screenshot({ path: `${SCREENSHOTS}/layout-sidebar-collapsed-1440x900.png` })
    // The columns shown and hidden again by hand at 1024 px give way by width again: at 1440 px all of them show.
    expect(await shownColumns()).toEqual([...ALL_COLUMNS])
    // The view takes the room back.
    const mainLeft = async (): Promise<number> => (await page.locator('main').boundingBox())?.x ?? -1
    expect(await mainLeft()).toBeLessThan(80)

    await page.reload()
    await page.getByTestId('engine-state').getByText('Connected').waitFor({ timeout: 15_000 })
    await expect.poll(sidebarCollapsed).toBe(true)

    // Ctrl+B toggles it too; the choice (expanded) wins over a narrow window from then on.
    await page.locator('main h1').first().click()
    await page.keyboard.press('Control+b')
    await expect.poll(sidebarCollapsed).toBe(false)
    await page.setViewportSize(SIZES[0])
    await page.reload()
    await page.getByTestId('engine-state').getByText('Connected').waitFor({ timeout: 15_000 })
    await expect.poll(sidebarCollapsed).toBe(false)
    await page.screenshot({ path: `${SCREENSHOTS}/layout-sidebar-expanded-1024x640.png` })
    expect(await clipped()).toEqual([])
    // The Files tab, narrower with the sidebar expanded, stacks its layers above its trees.
    await go(`#/images/${imageId}?tab=files`)
    await page.getByTestId('layer-list').waitFor({ timeout: 60_000 })
    await page.waitForTimeout(300)
    const layers = await page.getByTestId('layer-list').boundingBox()
    const changes = await page.getByTestId('changes-tree').boundingBox()
    expect((changes?.y ?? 0) >= (layers?.y ?? 0) + (layers?.height ?? 0)).toBe(true)
    await page.screenshot({ path: `${SCREENSHOTS}/layout-image-files-stacked-1024x640.png`, fullPage: true })
    expect(await clipped()).toEqual([])

    // Settings shows the same choice, and gives "automatic" back: at 1024 px that is icons only again.
    await go('#/settings')
    expect(await page.getByTestId('sidebar-expanded').isChecked()).toBe(true)
    await page.getByTestId('sidebar-option-auto').click()
    await expect.poll(sidebarCollapsed).toBe(true)
    await page.reload()
    await page.getByTestId('engine-state').getByText('Connected').waitFor({ timeout: 15_000 })
    await expect.poll(sidebarCollapsed).toBe(true)
    expect(await page.getByTestId('sidebar-auto').isChecked()).toBe(true)
    expect(pageProblems).toEqual([])
  }, 90_000)
})
