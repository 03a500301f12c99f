import { mkdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { formatBytes } from '../../shared/format'
import type { CleanupPlan, ImageRef } from '../../shared/types'
import { collectConsoleProblems, launchChromium, startServe, type ServeProcess } from '../support/browser'
import { Leftovers } from '../support/containers'
import { privateDocker } from '../support/engine'
import { BASE, build, dd, exists, imageSize, layersSize } from '../integration/cleanup-helpers'

const SCREENSHOTS = 'test-results/screenshots'
// Engine test files share one daemon: the plan is limited to this file's images by label.
const LABEL = 'strata.test=cleanup-e2e'
const docker = privateDocker()
const leftovers = new Leftovers(docker)
let browser: Browser
let serve: ServeProcess
let page: Page
const consoleProblems: string[] = []
const ids = { kept: '', unused: '', other: '', pinned: '' }

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true })
  // kept: a stopped container uses it. unused: built on kept, so it shares kept's layers and frees only its own.
  ids.kept = await build(docker, leftovers, 'cleanup-e2e/kept:1', [`FROM ${BASE}`, `LABEL ${LABEL}`, dd('/common', 600)])
  ids.unused = await build(docker, leftovers, 'cleanup-e2e/unused:1', ['FROM cleanup-e2e/kept:1', dd('/own', 300)])
  ids.other = await build(docker, leftovers, 'cleanup-e2e/other:1', [`FROM ${BASE}`, `LABEL ${LABEL}`, dd('/other', 200)])
  ids.pinned = await build(docker, leftovers, 'cleanup-e2e/pin-me:1', [`FROM ${BASE}`, `LABEL ${LABEL}`, dd('/pin', 120)])
  const user = await docker.createContainer({ Image: 'cleanup-e2e/kept:1', name: 'cleanup-e2e-user', Cmd: ['true'] })
  leftovers.container(user.id)
  serve = await startServe(inject('dockerHost'))
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1360, height: 1000 } })
  collectConsoleProblems(page, consoleProblems)
  await page.goto(serve.url)
  await page.getByRole('link', { name: 'Cleanup' }).click()
}, 120_000)

afterAll(async () => {
  await browser.close()
  await serve.stop()
  await leftovers.clean()
})

function planned(id: string) {
  return page.locator(`[data-testid="plan-item"][data-key="image:${id}"]`)
}

function kept(id: string) {
  return page.locator(`[data-testid="protected-item"][data-key="image:${id}"]`)
}

/** One attribute of every element a locator matches, in page order. */
async function attributes(locator: Locator, name: string): Promise<string[]> {
  return Promise.all((await locator.all()).map(async (element) => (await element.getAttribute(name)) ?? ''))
}

async function plannedKeys(): Promise<string[]> {
  return attributes(page.getByTestId('plan-item'), 'data-key')
}

/** A plan as the core would answer it for 1,000 unused images on a shared base, with 1,000 more kept. */
function thousandImagePlan(): CleanupPlan {
  const hex = (index: number, prefix: string): string => `sha256:${prefix}${String(index).padStart(63, '0')}`
  const refs: ImageRef[] = Array.from({ length: 1000 }, (_, index) => ({ id: hex(index, 'a'), repoTags: [`bulk/app-${index}:1`] }))
  const bytes = (index: number): number => 10_000 + index * 997
  const zero = { layers: 0, containers: 0, buildCache: 0, volumes: 0 }
  const total = refs.reduce((sum, _ref, index) => sum + bytes(index), 0)
  return {
    items: refs.map((ref, index) => ({ key: `image:${ref.id}`, kind: 'image', id: ref.id, names: ref.repoTags, reason: 'unused', rule: null, after: [], size: bytes(index) + 5_000_000, bytesFreed: bytes(index), created: null })),
    totalBytesFreed: total,
    freed: { ...zero, layers: total },
    imagesSize: total + 1000 * 5_000_000,
    sharedLayers: Array.from({ length: 200 }, (_, index) => ({ chainId: hex(index, 'c'), bytes: 25_000, plannedImages: refs.slice(index * 5, index * 5 + 5), keptBy: [{ id: hex(index, 'b'), repoTags: [`bulk/kept-${index}:1`] }] })),
    protected: Array.from({ length: 1000 }, (_, index) => ({ key: `image:${hex(index, 'b')}`, kind: 'image', id: hex(index, 'b'), names: [`bulk/kept-${index}:1`], reason: 'running-container', rule: null, blockers: [] })),
    pinsNotFound: [],
    retention: [],
    diskMap: {
      images: [
        ...refs.map((ref, index) => ({ id: ref.id, names: ref.repoTags, uniqueBytes: bytes(index), sharedBytes: 5_000_000, planned: true, protected: false })),
        ...Array.from({ length: 1000 }, (_, index) => ({ id: hex(index, 'b'), names: [`bulk/kept-${index}:1`], uniqueBytes: 20_000, sharedBytes: 5_000_000, planned: false, protected: false })),
      ],
      sharedPool: { bytes: 5_000_000, freedBytes: 0, layers: [{ chainId: hex(0, 'd'), bytes: 5_000_000, holders: refs.map((ref) => ref.id), freed: false }] },
      containers: [],
      buildCache: [],
      volumes: [],
      logs: [],
      logsUnmeasured: {},
      before: { ...zero, logs: 0, layers: total + 25_000_000, total: total + 25_000_000 },
      after: { ...zero, logs: 0, layers: 25_000_000, total: 25_000_000 },
      engineLayersBytes: total + 25_000_000,
    },
  }
}

/** The view scrolls inside its own pane, so a full-page shot is a taller window. */
async function tallScreenshot(name: string): Promise<void> {
  await page.setViewportSize({ width: 1360, height: 1900 })
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png` })
  await page.setViewportSize({ width: 1360, height: 1000 })
}

/** Waits until the plan on screen was made from the options the form shows now. */
async function settled(): Promise<void> {
  await expect.poll(() => page.locator('.main.stale').count(), { timeout: 10_000 }).toBe(0)
}

describe('the cleanup planner in the browser', () => {
  it('plans the unused images of a label, with the total, the shared layers that explain it, and the treemap', async () => {
    await page.locator('[data-option="unused"]').check()
    await page.locator('[data-option="labels"]').fill(LABEL)
    await expect.poll(plannedKeys, { timeout: 10_000 }).toEqual(expect.arrayContaining([`image:${ids.unused}`, `image:${ids.other}`, `image:${ids.pinned}`]))
    await settled()
    expect((await plannedKeys()).sort()).toEqual([ids.unused, ids.other, ids.pinned].map((id) => `image:${id}`).sort())

    // Their own layers: each image minus what it is built on.
    const own = {
      unused: (await imageSize(docker, ids.unused)) - (await imageSize(docker, ids.kept)),
      other: (await imageSize(docker, ids.other)) - (await imageSize(docker, BASE)),
      pinned: (await imageSize(docker, ids.pinned)) - (await imageSize(docker, BASE)),
    }
    const total = page.getByTestId('plan-total')
    expect(Number(await total.getAttribute('data-bytes'))).toBe(own.unused + own.other + own.pinned)
    expect(await total.textContent()).toBe(formatBytes(own.unused + own.other + own.pinned))
    expect(await planned(ids.unused).getByTestId('item-frees').textContent()).toBe(formatBytes(own.unused))

    // The kept image stays for its container, and explains why unused frees less than its size.
    expect(await kept(ids.kept).getByTestId('protected-reason').textContent()).toBe('a container that stays uses it')
    expect(await kept(ids.kept).textContent()).toContain('cleanup-e2e-user')
    const keptBy = await page.getByTestId('kept-by').allTextContents()
    expect(keptBy).toContain('cleanup-e2e/kept:1')

    const tile = page.locator(`[data-testid="treemap-tile"][data-key="image:${ids.unused}"]`)
    expect(await tile.getAttribute('class')).toContain('planned')
    expect(await tile.getAttribute('aria-label')).toContain(`cleanup-e2e/unused:1: ${formatBytes(own.unused)}`)
    // Highlighted image tiles are exactly the planned images (kept:1 has no tile of its own: its layers are all shared).
    const highlighted = await attributes(page.locator('[data-testid="treemap-tile"].planned[data-key^="image:"]'), 'data-key')
    expect(highlighted.sort()).toEqual((await plannedKeys()).sort())
    expect(await page.locator(`[data-testid="treemap-tile"][data-key="image:${ids.kept}"]`).count()).toBe(0)
    await tile.focus()
    expect(await page.locator('.active').textContent()).toContain('cleanup-e2e/unused:1')
    await tallScreenshot('cleanup-plan')
  })

  it('pins an image from the plan: it leaves the plan and is listed as protected, pinned', async () => {
    await planned(ids.pinned).getByTestId('pin-item').click()
    await kept(ids.pinned).waitFor()
    await settled()
    expect(await kept(ids.pinned).getAttribute('data-reason')).toBe('pinned')
    expect(await kept(ids.pinned).getByTestId('protected-reason').textContent()).toBe('pinned')
    expect((await plannedKeys()).sort()).toEqual([ids.unused, ids.other].map((id) => `image:${id}`).sort())
    await page.emulateMedia({ colorScheme: 'dark' })
    await tallScreenshot('cleanup-plan-dark')
    await page.emulateMedia({ colorScheme: 'light' })
  })

  it('confirms, runs, and reports freed bytes equal to the prediction and to the engine’s own LayersSize drop', async () => {
    const predicted = Number(await page.getByTestId('plan-total').getAttribute('data-bytes'))
    await page.getByTestId('open-cleanup').click()
    const dialog = page.getByTestId('cleanup-dialog')
    expect(await dialog.getByTestId('confirm-item').count()).toBe(2)
    expect(await dialog.getByTestId('confirm-bytes').textContent()).toBe(formatBytes(predicted))
    await page.screenshot({ path: `${SCREENSHOTS}/cleanup-confirm.png` })

    const before = await layersSize(docker)
    await dialog.getByTestId('confirm-cleanup').click()
    await dialog.getByTestId('cleanup-report').waitFor({ timeout: 30_000 })
    const freed = before - (await layersSize(docker))

    expect(freed).toBe(predicted)
    expect(Number(await dialog.getByTestId('report-predicted').getAttribute('data-bytes'))).toBe(freed)
    expect(Number(await dialog.getByTestId('report-freed').getAttribute('data-bytes'))).toBe(freed)
    expect(await dialog.getByTestId('report-freed').textContent()).toBe(formatBytes(freed))
    expect(await dialog.getByTestId('report-headline').textContent()).toBe(`Freed exactly the predicted ${formatBytes(freed)}.`)
    const outcomes = dialog.getByTestId('outcome')
    expect(await attributes(outcomes, 'data-status')).toEqual(['removed', 'removed'])
    expect((await attributes(outcomes, 'data-key')).sort()).toEqual([`image:${ids.unused}`, `image:${ids.other}`].sort())
    await page.screenshot({ path: `${SCREENSHOTS}/cleanup-report.png` })
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.screenshot({ path: `${SCREENSHOTS}/cleanup-report-dark.png` })
    await page.emulateMedia({ colorScheme: 'light' })

    expect([await exists(docker, ids.unused), await exists(docker, ids.other)]).toEqual([false, false])
    expect([await exists(docker, ids.kept), await exists(docker, ids.pinned)]).toEqual([true, true])
    await dialog.getByTestId('close-report').click()
    await page.getByTestId('plan-empty').waitFor()
    await settled()
    expect(await kept(ids.pinned).getAttribute('data-reason')).toBe('pinned')
  })

  it('shows the pin in the image header, where it can be undone', async () => {
    // Within the app, so the session the served URL opened stays.
    await page.evaluate(`window.location.hash = '#/images/${ids.pinned}'`)
    const toggle = page.getByTestId('pin-image')
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true')
    expect(await toggle.textContent()).toContain('Pinned')
    await page.screenshot({ path: `${SCREENSHOTS}/cleanup-pin-header.png`, clip: { x: 0, y: 0, width: 1360, height: 260 } })
    await toggle.click()
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('false')
    await page.getByRole('link', { name: 'Cleanup' }).click()
    await expect.poll(plannedKeys, { timeout: 10_000 }).toEqual([`image:${ids.pinned}`])
    expect(await kept(ids.pinned).count()).toBe(0)
  })

  it('shows progress with Cancel; a cancel before the first removal removes nothing and says why nothing was freed', async () => {
    await settled()
    const predicted = Number(await page.getByTestId('plan-total').getAttribute('data-bytes'))
    expect(predicted).toBeGreaterThan(0)
    await page.getByTestId('open-cleanup').click()
    const dialog = page.getByTestId('cleanup-dialog')
    const before = await layersSize(docker)
    // Holding the private engine keeps the cleanup at its first step (reading the engine afresh),
    // so the cancel surely lands before any removal, however fast removals are.
    const daemon = Number(readFileSync(join(dirname(inject('dockerSocket')), 'dockerd.pid'), 'utf8').trim())
    process.kill(daemon, 'SIGSTOP')
    try {
      await dialog.getByTestId('confirm-cleanup').click()
      await dialog.getByTestId('cleanup-progress').waitFor()
      expect(await dialog.getByTestId('progress-count').textContent()).toBe('0 of 1 items handled · checking the engine again before removing anything…')
      // Time for the execute request to reach the server and register its task before the cancel names it.
      await page.waitForTimeout(300)
      await page.screenshot({ path: `${SCREENSHOTS}/cleanup-progress.png` })
      await dialog.getByTestId('cancel-cleanup').click()
      await expect.poll(() => dialog.getByTestId('cancel-cleanup').textContent()).toBe('Cancelling…')
    } finally {
      process.kill(daemon, 'SIGCONT')
    }
    await dialog.getByTestId('cleanup-report').waitFor({ timeout: 30_000 })
    expect(await page.locator('.modal-title').textContent()).toBe('Cleanup cancelled')
    expect(await layersSize(docker)).toBe(before)
    expect(Number(await dialog.getByTestId('report-freed').getAttribute('data-bytes'))).toBe(0)
    expect(await dialog.getByTestId('report-headline').textContent()).toBe(`Freed 0 B, less than the predicted ${formatBytes(predicted)}.`)
    expect(await dialog.locator('.explanations li').allTextContents()).toEqual([
      'The cleanup was cancelled: the items after the last one handled were left alone.',
      `1 item was skipped or failed; it was predicted to free ${formatBytes(predicted)}.`,
    ])
    const outcome = dialog.getByTestId('outcome')
    expect(await outcome.getAttribute('data-status')).toBe('skipped')
    expect(await outcome.textContent()).toContain('the cleanup was cancelled before this item')
    await page.screenshot({ path: `${SCREENSHOTS}/cleanup-cancelled.png` })
    expect(await exists(docker, ids.pinned)).toBe(true)
    await dialog.getByTestId('close-report').click()
  })

  it('stays quick with a plan over 1,000 images: long lists are capped with "show all", the treemap folds small tiles', async () => {
    const plan = thousandImagePlan()
    await page.route('**/api/cleanup.plan', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ ok: true, value: plan }) }))
    try {
      const started = Date.now()
      await page.getByTestId('plan-button').click()
      await page.getByTestId('show-all-items').waitFor()
      await settled()
      // A loose bound for slow machines: the capped lists draw in about a second here.
      expect(Date.now() - started).toBeLessThan(5000)
      expect(await page.getByTestId('plan-item').count()).toBe(100)
      expect(await page.getByTestId('plan-total').getAttribute('data-bytes')).toBe(String(plan.totalBytesFreed))
      expect(await page.getByTestId('protected-item').count()).toBe(20)
      expect(await page.getByTestId('shared-layer').count()).toBe(10)
      const tiles = await page.getByTestId('treemap-tile').count()
      expect(tiles).toBeGreaterThan(60)
      expect(tiles).toBeLessThanOrEqual(60 + 2 + 1)
      await page.screenshot({ path: `${SCREENSHOTS}/cleanup-1000.png` })
      await page.getByTestId('show-all-items').click()
      expect(await page.getByTestId('plan-item').count()).toBe(1000)
    } finally {
      await page.unroute('**/api/cleanup.plan')
    }
    expect(consoleProblems).toEqual([])
  })

  it('says content and unpacked bytes apart under the total only on the containerd store', async () => {
    // This daemon is the classic store: its own plan has no store line.
    await page.getByTestId('plan-button').click()
    await settled()
    expect(await page.getByTestId('plan-store').count()).toBe(0)
    // A containerd store cannot run here: the engine's plan, as the core would answer it there.
    const store = { kind: 'containerd', snapshotter: 'overlayfs', content: { count: 3, bytes: 120_000_000, source: 'manifest-content' }, snapshots: { count: 2, bytes: 310_000_000, source: 'history-chain-ids' } }
    await page.route('**/api/cleanup.plan', async (route) => {
      const answer = (await (await route.fetch()).json()) as { ok: boolean; value: CleanupPlan }
      route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ ok: true, value: { ...answer.value, freed: { ...answer.value.freed, store } } }) }).catch(() => undefined)
    })
    try {
      await page.getByTestId('plan-button').click()
      await page.getByTestId('plan-store').waitFor()
      await settled()
      expect(await page.getByTestId('plan-store').textContent()).toBe('Content 120 MB · unpacked 310 MB (containerd store)')
      expect(await page.getByTestId('plan-summary').textContent()).toContain('each content blob and snapshot counted once')
      await page.getByTestId('plan-summary').screenshot({ path: `${SCREENSHOTS}/cleanup-containerd-store.png` })
    } finally {
      await page.unroute('**/api/cleanup.plan')
    }
    expect(consoleProblems).toEqual([])
  })
})
