import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { createRequire } from 'node:module'
import type Docker from 'dockerode'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { collectPageProblems, launchChromium, type ServeProcess, startServe } from '../support/browser'
import { Leftovers, ranContainer } from '../support/containers'
import { privateDocker } from '../support/engine'
import { FIXTURES, buildFixture } from '../support/fixtures'

// axe-core on every view, tab and dialog, in light and dark, in English and Chinese:
// no violation of impact moderate or higher. One page walks everything once per
// theme x language (set through the Settings view, as a user does), so it stays fast.

const SCREENSHOTS = 'test-results/screenshots'
/** axe's source, evaluated in the page: the CSP refuses a <script> but not an evaluated string. */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']
const FAILING_IMPACTS = new Set(['moderate', 'serious', 'critical'])

type Theme = 'light' | 'dark'
type Language = 'en' | 'zh-CN'
const COMBINATIONS: { theme: Theme; language: Language }[] = [
  { theme: 'light', language: 'en' },
  { theme: 'dark', language: 'en' },
  { theme: 'light', language: 'zh-CN' },
  { theme: 'dark', language: 'zh-CN' },
]

interface Violation {
  id: string
  impact: string | null
  help: string
  nodes: { target: string; summary: string }[]
}

const docker = privateDocker()
const leftovers = new Leftovers(docker)
let serve: ServeProcess
let browser: Browser
let page: Page
let changed: Docker.Container
let sleeper: Docker.Container
const pageProblems: string[] = []
// An archive of the base fixture on disk: the archive view reads it without loading it.
const archiveFolder = mkdtempSync(join(tmpdir(), 'strata-a11y-archive-'))
const archive = join(archiveFolder, 'base image.tar')

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true })
  // A stopped container with changes (the Changes tree, a cleanup plan) and a running one (the "running" badge, logs, stats).
  changed = await ranContainer(docker, leftovers, FIXTURES.app.tag, 'e2e-a11y-changes', 'mkdir -p /work && echo hi > /work/new.txt && echo more >> /app/hello.txt')
  sleeper = await docker.createContainer({ Image: FIXTURES.app.tag, name: 'e2e-a11y-sleeper', Cmd: ['sh', '-c', 'echo started; exec sleep 600'] })
  leftovers.container(sleeper.id)
  await sleeper.start()
  // An image the app fixture differs from in config and in a text file's content: the compare view's config and content diffs.
  await buildFixture(docker, { tag: 'e2e/a11y-compare:1', dockerfile: [`FROM ${FIXTURES.app.tag}`, 'RUN echo more >> /app/hello.txt', 'ENV MODE=a11y'].join('\n') })
  await pipeline(await docker.getImage(FIXTURES.base.tag).get(), createWriteStream(archive))
  serve = await startServe(inject('dockerHost'))
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme: 'light', reducedMotion: 'reduce' })
  collectPageProblems(page, pageProblems)
  await page.goto(serve.url)
  await page.locator('[data-testid="tag"]').first().waitFor({ timeout: 15_000 })
}, 120_000)

afterAll(async () => {
  await browser.close()
  await serve.stop()
  await leftovers.clean()
  rmSync(archiveFolder, { recursive: true, force: true })
})

/** Runs axe on the page (or on one dialog) and returns the failing violations as readable lines. */
async function audit(target: Page, where: string, context: string | null = null): Promise<string[]> {
  const loaded = await target.evaluate<boolean>("typeof window.axe !== 'undefined'")
  if (!loaded) await target.evaluate(AXE_SOURCE)
  // Transitions finished and fonts laid out: colours are read as they rest.
  await target.waitForTimeout(120)
  const script = `(async () => {
    const context = ${JSON.stringify(context)}
    const result = await window.axe.run(context === null ? document : document.querySelector(context), { runOnly: { type: 'tag', values: ${JSON.stringify(TAGS)} }, resultTypes: ['violations'] })
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? null,
      help: violation.help,
      nodes: violation.nodes.map((node) => ({ target: node.target.join(' '), summary: (node.failureSummary ?? '').replace(/\\s+/g, ' ') })),
    }))
  })()`
  const violations = await target.evaluate<Violation[]>(script)
  return violations
    .filter((violation) => violation.impact !== null && FAILING_IMPACTS.has(violation.impact))
    .flatMap((violation) => violation.nodes.map((node) => `[${where}] ${violation.id} (${violation.impact ?? ''}): ${node.target} — ${node.summary}`))
}

async function setAppearance(target: Page, theme: Theme, language: Language): Promise<void> {
  await target.locator('nav a[href="#/settings"]').click()
  await target.getByTestId('settings-view').waitFor()
  await target.getByTestId(`theme-option-${theme}`).click()
  await expect.poll(() => target.evaluate<string | null>("document.documentElement.getAttribute('data-theme')")).toBe(theme)
  await target.getByTestId(`language-option-${language}`).click()
  await expect.poll(() => target.evaluate<string>('document.documentElement.lang')).toBe(language)
}

async function go(section: string): Promise<void> {
  await page.locator(`nav a[href="#/${section}"]`).click()
}

async function openTab(tab: string): Promise<void> {
  await page.locator(`[role="tab"][data-tab="${tab}"]`).click()
  await expect.poll(() => page.locator(`[role="tab"][data-tab="${tab}"]`).getAttribute('aria-selected')).toBe('true')
}

/** Opens a dialog by clicking `opener`, audits it, closes it with Escape. */
async function auditDialog(found: string[], where: string, opener: string, dialog: string): Promise<void> {
  await page.locator(opener).first().click()
  await page.getByTestId(dialog).waitFor()
  found.push(...(await audit(page, where, `[data-testid="${dialog}"]`)))
  await page.keyboard.press('Escape')
  await page.getByTestId(dialog).waitFor({ state: 'detached' })
}

/** A drop of files from outside the page, as Chromium delivers it (see drop.test.ts): opens the drop dialog. */
async function dropFiles(names: string[]): Promise<void> {
  for (const kind of ['dragenter', 'dragover', 'drop']) {
    await page.evaluate(`(() => {
      const data = new DataTransfer()
      for (const name of ${JSON.stringify(names)}) data.items.add(new File(['not really a tar'], name, { type: 'application/x-tar' }))
      document.querySelector('main').dispatchEvent(new DragEvent(${JSON.stringify(kind)}, { dataTransfer: data, bubbles: true, cancelable: true }))
    })()`)
  }
}

/** The drop dialog as a dropped archive opens it (its two choices), and as it refuses a drop it cannot use. */
async function auditDropDialog(found: string[], where: string, names: string[]): Promise<void> {
  await dropFiles(names)
  await page.getByTestId('drop-dialog').waitFor()
  found.push(...(await audit(page, where, '[data-testid="drop-dialog"]')))
  await page.screenshot({ path: `${SCREENSHOTS}/a11y-${where.replace(/[^a-z0-9]+/gi, '-')}.png` })
  await page.keyboard.press('Escape')
  await page.getByTestId('drop-dialog').waitFor({ state: 'detached' })
}

async function walkEverything(found: string[], label: string): Promise<void> {
  const at = (where: string): string => `${label} ${where}`
  const appId = inject('fixtureIds').app

  // Images, and the dialogs its rows open.
  await go('images')
  await page.locator(`tr[data-image-id="${appId}"]`).waitFor()
  found.push(...(await audit(page, at('images'))))
  await page.locator(`tr[data-image-id="${appId}"]`).hover()
  await auditDialog(found, at('images: run dialog'), `tr[data-image-id="${appId}"] [data-testid="run-image"]`, 'run-dialog')
  await auditDialog(found, at('images: load dialog'), '[data-testid="load-from-file"]', 'load-dialog')
  await auditDropDialog(found, at('images: drop dialog'), ['base image.tar'])
  await auditDropDialog(found, at('images: drop dialog, refused'), ['notes.txt'])
  // Analyze without loading: the archive view asking for the path, then showing the archive's layers.
  await dropFiles(['base image.tar'])
  await page.getByTestId('drop-archive').click()
  await page.getByTestId('archive-view').waitFor()
  if ((await page.getByTestId('archive-path').count()) > 0) {
    found.push(...(await audit(page, at('archive: path form'))))
    await page.getByTestId('archive-path').fill(archive)
    await page.getByTestId('archive-analyze').click()
  }
  await page.locator('[data-testid="archive-header"], [data-testid="archive-failed"]').first().waitFor({ timeout: 30_000 })
  if ((await page.getByTestId('archive-failed').count()) > 0) throw new Error(`The archive view failed: ${(await page.getByTestId('archive-failed').textContent()) ?? ''}`)
  found.push(...(await audit(page, at('archive: layers and changes'))))
  await page.screenshot({ path: `${SCREENSHOTS}/a11y-${at('archive').replace(/[^a-z0-9]+/gi, '-')}.png` })
  await go('images')
  await page.locator('[data-testid="tag"]').first().waitFor()
  // An image chosen for a bulk action: the selection bar, then the bulk delete dialog once it has planned.
  await page.locator(`tr[data-image-id="${appId}"] [data-testid="select-image"]`).click()
  await page.getByTestId('selection-bar').waitFor()
  found.push(...(await audit(page, at('images: selected'))))
  await page.getByTestId('delete-selected').click()
  await page.getByTestId('bulk-predicted').waitFor()
  found.push(...(await audit(page, at('images: bulk delete dialog'), '[data-testid="bulk-delete-dialog"]')))
  await page.keyboard.press('Escape')
  await page.getByTestId('bulk-delete-dialog').waitFor({ state: 'detached' })
  await page.getByTestId('clear-selection').click()
  // The engine menu of the sidebar's status pill.
  await page.getByTestId('engine-picker').click()
  await page.getByTestId('engine-menu').waitFor()
  found.push(...(await audit(page, at('engine menu'))))
  await page.keyboard.press('Escape')
  await page.getByTestId('engine-menu').waitFor({ state: 'detached' })

  // An image's tabs and the dialogs its header opens.
  await page.evaluate(`location.hash = '#/images/${appId}'`)
  await page.getByTestId('image-detail').locator('h1').waitFor()
  found.push(...(await audit(page, at('image: overview'))))
  await openTab('layers')
  found.push(...(await audit(page, at('image: layers'))))
  await openTab('files')
  await page.locator('[role="treeitem"]').first().waitFor({ timeout: 20_000 })
  found.push(...(await audit(page, at('image: files'))))
  await page.getByTestId('show-advice').click()
  await page.getByTestId('advice-panel').waitFor()
  found.push(...(await audit(page, at('image: files, advisor'))))
  await page.getByTestId('show-wasted').click()
  // A filtered, flat list, and a file in the viewer.
  await page.getByTestId('files-filter').fill('hello')
  const hello = page.locator('[data-testid="tree-row"][data-path="app/hello.txt"]').first()
  await hello.waitFor()
  found.push(...(await audit(page, at('image: files, filtered'))))
  // A change kind hidden: its toggle unpressed, its count struck through.
  await page.getByTestId('show-unchanged').click()
  found.push(...(await audit(page, at('image: files, unchanged hidden'))))
  await page.getByTestId('show-unchanged').click()
  await hello.dblclick()
  await page.getByTestId('file-viewer').getByText('hello from strata').waitFor({ timeout: 20_000 })
  found.push(...(await audit(page, at('image: file viewer'), '[data-testid="file-viewer"]')))
  await page.keyboard.press('Escape')
  await page.getByTestId('file-viewer').waitFor({ state: 'detached' })
  await page.getByTestId('files-filter').fill('')
  await openTab('compare')
  found.push(...(await audit(page, at('image: compare'))))
  await page.getByTestId('compare-with').selectOption({ label: 'e2e/a11y-compare:1' })
  await page.locator('[data-testid="compare"] button[type="submit"]').click()
  await page.getByTestId('compare-summary').waitFor({ timeout: 20_000 })
  await page.getByTestId('config-same').locator('summary').click()
  found.push(...(await audit(page, at('image: compare, config'))))
  await page.getByTestId('compare-content-button').first().click()
  await page.getByTestId('content-diff').waitFor({ timeout: 20_000 })
  found.push(...(await audit(page, at('image: compare, content diff'))))
  await openTab('history')
  found.push(...(await audit(page, at('image: history'))))
  await openTab('raw')
  found.push(...(await audit(page, at('image: raw'))))
  await openTab('overview')
  await auditDialog(found, at('image: delete dialog'), '[data-testid="delete-image"]', 'delete-dialog')
  await auditDialog(found, at('image: untag dialog'), 'button.untag', 'untag-dialog')
  await auditDialog(found, at('image: run dialog'), '[data-testid="run-from-image"]', 'run-dialog')
  await page.getByTestId('commit-from-container').click()
  await page.getByTestId('pick-container-dialog').waitFor()
  found.push(...(await audit(page, at('image: pick container dialog'), '[data-testid="pick-container-dialog"]')))
  await page.locator(`[data-testid="pick-container-dialog"] [data-container-id="${changed.id}"]`).click()
  await page.getByTestId('commit-dialog').waitFor()
  found.push(...(await audit(page, at('image: commit dialog'), '[data-testid="commit-dialog"]')))
  await page.keyboard.press('Escape')
  await page.getByTestId('commit-dialog').waitFor({ state: 'detached' })

  // Containers, a container's tabs and its dialogs.
  await go('containers')
  await page.locator(`[data-testid="containers-table"] tr[data-name="e2e-a11y-sleeper"]`).waitFor()
  found.push(...(await audit(page, at('containers'))))
  await page.locator(`[data-testid="containers-table"] tr[data-name="e2e-a11y-changes"]`).click()
  await page.getByTestId('selection-bar').waitFor()
  found.push(...(await audit(page, at('containers: selected'))))
  await auditDialog(found, at('containers: remove dialog'), '[data-testid="selection-bar"] [data-testid="action-remove"]', 'remove-container-dialog')
  await page.locator(`[data-testid="containers-table"] tr[data-name="e2e-a11y-sleeper"]`).click({ modifiers: ['ControlOrMeta'] })
  await page.getByTestId('bulk-bar').waitFor()
  found.push(...(await audit(page, at('containers: several selected'))))
  await auditDialog(found, at('containers: remove several dialog'), '[data-testid="bulk-remove"]', 'bulk-remove-dialog')
  await page.getByTestId('bulk-clear').click()
  await page.evaluate(`location.hash = '#/containers/${changed.id}'`)
  await page.locator('[data-testid="change-row"]').first().waitFor({ timeout: 20_000 })
  found.push(...(await audit(page, at('container: changes'))))
  for (const tab of ['logs', 'stats', 'inspect', 'files']) {
    await openTab(tab)
    found.push(...(await audit(page, at(`container: ${tab}`))))
  }
  await auditDialog(found, at('container: commit dialog'), '[data-testid="open-commit"]', 'commit-dialog')
  await page.evaluate(`location.hash = '#/containers/${sleeper.id}?tab=terminal'`)
  await page.getByTestId('container-state').waitFor()
  found.push(...(await audit(page, at('running container: terminal'))))
  await openTab('stats')
  found.push(...(await audit(page, at('running container: stats'))))

  // Registries and the login dialog.
  await go('registry')
  await page.getByTestId('open-login').waitFor()
  found.push(...(await audit(page, at('registries'))))
  await auditDialog(found, at('registries: login dialog'), '[data-testid="open-login"]', 'login-dialog')
  // A multi-platform tag inspected: its platforms, pull and tag/push forms.
  await page.getByTestId('remote-reference-input').fill(inject('registryFixtures').multiArch)
  await page.getByTestId('remote-reference-input').press('Enter')
  await page.getByTestId('platforms-table').waitFor({ timeout: 20_000 })
  found.push(...(await audit(page, at('registries: inspected'))))
  await page.getByTestId('toggle-layers').first().click()
  await page.getByTestId('platform-layers').waitFor({ timeout: 20_000 })
  found.push(...(await audit(page, at('registries: a platform\'s layers'))))

  // Cleanup with a plan, and its confirmation.
  await go('cleanup')
  await page.locator('[data-option="containers"]').check()
  await page.getByTestId('plan-item').first().waitFor({ timeout: 20_000 })
  found.push(...(await audit(page, at('cleanup'))))
  await auditDialog(found, at('cleanup: confirm dialog'), '[data-testid="open-cleanup"]', 'cleanup-dialog')

  await go('family')
  await page.getByTestId('family-tree').waitFor({ timeout: 20_000 })
  found.push(...(await audit(page, at('family'))))

  await go('engine')
  await page.getByTestId('storage-driver').waitFor()
  found.push(...(await audit(page, at('engine'))))

  await go('settings')
  await page.getByTestId('settings-view').waitFor()
  found.push(...(await audit(page, at('settings'))))
  await auditDialog(found, at('settings: clear cache dialog'), '[data-testid="cache-clear"]', 'cache-clear-dialog')
  await auditDialog(found, at('settings: shortcuts sheet'), '[data-testid="open-shortcuts"]', 'shortcuts-sheet')
}

const focused = (): Promise<string> =>
  page.evaluate<string>("(() => { const element = document.activeElement; const tag = element?.tagName ?? ''; const text = element?.textContent?.trim() ?? ''; return tag + ':' + (/^H[1-6]$/.test(tag) ? text : (element?.getAttribute('data-testid') ?? text)) })()")


describe('keyboard', () => {
  it('offers a skip link first, and moves the focus to the heading of each new view', async () => {
    await page.reload()
    await page.locator('[data-testid="tag"]').first().waitFor({ timeout: 15_000 })
    await page.keyboard.press('Tab')
    expect(await focused()).toBe('A:skip-link')
    expect(await page.getByTestId('skip-link').textContent()).toBe('Skip to content')
    await page.screenshot({ path: `${SCREENSHOTS}/skip-link-focus.png` })
    await page.keyboard.press('Enter')
    await expect.poll(focused).toBe('H1:Images')
    // Straight on from the heading: the first control of the view, not the sidebar.
    await page.keyboard.press('Tab')
    expect(await page.evaluate<boolean>("document.querySelector('main').contains(document.activeElement)")).toBe(true)

    await go('containers')
    await expect.poll(focused).toBe('H1:Containers')
    const scrollTop = await page.evaluate<number>("document.querySelector('main').scrollTop")
    expect(scrollTop).toBe(0)
    // A view whose heading comes with its data.
    await page.evaluate(`location.hash = '#/images/${inject('fixtureIds').app}'`)
    await expect.poll(focused).toBe(`H1:${FIXTURES.app.tag}`)
    // A tab is not a new view: the focus stays on the tab.
    await page.locator('[role="tab"][data-tab="layers"]').click()
    expect(await focused()).toMatch(/^BUTTON:/)
  })

  it('opens the shortcuts sheet with ?, not while typing, and from Settings; Escape closes it', async () => {
    await go('images')
    await expect.poll(focused).toBe('H1:Images')
    await page.keyboard.press('?')
    const sheet = page.getByTestId('shortcuts-sheet')
    await sheet.waitFor()
    expect(await sheet.getByRole('heading', { name: 'Keyboard shortcuts' }).count()).toBe(1)
    expect(await sheet.getByTestId('shortcut').count()).toBeGreaterThan(20)
    const text = (await sheet.textContent()) ?? ''
    for (const words of ['Show this list of shortcuts', 'Open the image or container', 'Run the image', 'Save the whole file', 'Next match', 'Copy the selection', 'Select every container shown', 'Show or hide the added, modified, removed or unchanged entries']) expect(text).toContain(words)
    await page.screenshot({ path: `${SCREENSHOTS}/shortcuts-sheet.png` })
    await page.keyboard.press('Escape')
    await sheet.waitFor({ state: 'detached' })

    // Typed into a field, ? is text.
    const search = page.getByRole('searchbox', { name: 'Filter images' })
    await search.fill('')
    await search.press('?')
    expect(await search.inputValue()).toBe('?')
    expect(await sheet.count()).toBe(0)
    await search.fill('')

    await go('settings')
    await page.getByTestId('open-shortcuts').click()
    await sheet.waitFor()
    await page.keyboard.press('Escape')
    await sheet.waitFor({ state: 'detached' })
    expect(await focused()).toBe('BUTTON:open-shortcuts')
  })
})

describe('accessibility (axe-core: nothing moderate or worse)', () => {
  for (const { theme, language } of COMBINATIONS) {
    it(`every view, tab and dialog in ${theme}, ${language}`, async () => {
      await setAppearance(page, theme, language)
      const found: string[] = []
      await walkEverything(found, `${theme}/${language}`)
      expect(found, found.join('\n')).toEqual([])
    }, 180_000)
  }

  it('the welcome screen, when no engine answers', async () => {
    const down = await startServe('unix:///nonexistent/strata-e2e-a11y.sock')
    const downPage = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme: 'light', reducedMotion: 'reduce' })
    try {
      await downPage.goto(down.url)
      const found: string[] = []
      for (const { theme, language } of COMBINATIONS) {
        // Settings stay reachable without an engine: the appearance is chosen there.
        await setAppearance(downPage, theme, language)
        await downPage.locator('nav a[href="#/images"]').click()
        await downPage.getByTestId('welcome').waitFor({ timeout: 15_000 })
        found.push(...(await audit(downPage, `${theme}/${language} welcome`)))
      }
      expect(found, found.join('\n')).toEqual([])
    } finally {
      await downPage.close()
      await down.stop()
    }
  }, 120_000)

  it('raised no page error', () => {
    expect(pageProblems).toEqual([])
  })
})
