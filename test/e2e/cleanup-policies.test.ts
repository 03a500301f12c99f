import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { formatBytes } from '../../shared/format'
import { collectConsoleProblems, launchChromium, startServe, type ServeProcess } from '../support/browser'
import { Leftovers } from '../support/containers'
import { privateDocker } from '../support/engine'
import { BASE, build, dd, exists, imageSize } from '../integration/cleanup-helpers'

const SCREENSHOTS = 'test-results/screenshots'
// Engine test files share one daemon: the policy is limited to this file's images by label.
const LABEL = 'strata.test=policy-e2e'
const SIZE = { width: 1024, height: 640 }
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
const docker = privateDocker()
const leftovers = new Leftovers(docker)
let browser: Browser
let serve: ServeProcess
let page: Page
const consoleProblems: string[] = []
const ids = { one: '', two: '' }

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true })
  ids.one = await build(docker, leftovers, 'policy-e2e/app:1', [`FROM ${BASE}`, `LABEL ${LABEL}`, dd('/one', 220)])
  ids.two = await build(docker, leftovers, 'policy-e2e/app:2', [`FROM ${BASE}`, `LABEL ${LABEL}`, dd('/two', 180)])
  serve = await startServe(inject('dockerHost'))
  browser = await launchChromium()
  page = await browser.newPage({ viewport: SIZE })
  collectConsoleProblems(page, consoleProblems)
  await page.goto(serve.url)
  await page.getByRole('link', { name: 'Cleanup' }).click()
}, 120_000)

afterAll(async () => {
  await browser.close()
  await serve.stop()
  await leftovers.clean()
})

/** axe-core on the page: the violations of impact moderate or worse, as readable lines. */
async function audit(target: Page, where: string): Promise<string[]> {
  if (!(await target.evaluate<boolean>("typeof window.axe !== 'undefined'"))) await target.evaluate(AXE_SOURCE)
  await target.waitForTimeout(120)
  const lines = await target.evaluate<string[]>(`(async () => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }, resultTypes: ['violations'] })
    return result.violations.filter((v) => ['moderate', 'serious', 'critical'].includes(v.impact)).flatMap((v) => v.nodes.map((node) => v.id + ': ' + node.target.join(' ')))
  })()`)
  return lines.map((line) => `[${where}] ${line}`)
}

/** The page fits the window: nothing wider than 1024 px scrolls sideways. */
async function overflowsSideways(target: Page): Promise<boolean> {
  return target.evaluate<boolean>('document.documentElement.scrollWidth > window.innerWidth')
}

describe('saved cleanup policies in the browser', () => {
  it('creates a policy whose live preview shows the exact bytes, saves it with that promise, runs it and shows the report', async () => {
    const own = (await imageSize(docker, ids.one)) + (await imageSize(docker, ids.two)) - 2 * (await imageSize(docker, BASE))
    await page.getByRole('tab', { name: 'Saved policies' }).click()
    await page.getByTestId('policies-empty').waitFor()
    await page.getByTestId('new-policy').click()
    await page.getByTestId('policy-name').fill('nightly e2e')
    await page.getByTestId('policy-schedule').selectOption('weekly')
    await page.locator('[data-policy-option="dangling"]').uncheck()
    await page.locator('[data-policy-option="unused"]').check()
    await page.locator('[data-policy-option="labels"]').fill(LABEL)

    const bytes = page.getByTestId('policy-preview-bytes')
    await expect.poll(async () => Number(await bytes.getAttribute('data-bytes')), { timeout: 15_000 }).toBe(own)
    expect(await bytes.textContent()).toBe(formatBytes(own))
    const keys = await Promise.all((await page.getByTestId('policy-preview-item').all()).map(async (item) => (await item.getAttribute('data-key')) ?? ''))
    expect(keys.sort()).toEqual([`image:${ids.one}`, `image:${ids.two}`].sort())
    await expect.poll(() => page.getByTestId('save-policy').isEnabled()).toBe(true)
    expect(await page.getByTestId('policy-save-note').textContent()).toContain(`removes 2 items at most, freeing ${formatBytes(own)}`)
    expect(await overflowsSideways(page)).toBe(false)
    expect(await audit(page, 'policy editor')).toEqual([])
    await page.screenshot({ path: `${SCREENSHOTS}/policy-editor-1024x640.png` })

    await page.getByTestId('save-policy').click()
    await page.getByTestId('policy-saved').waitFor()
    const row = page.locator('[data-testid="policy-row"][data-name="nightly e2e"]')
    expect(await row.textContent()).toContain(`2 items, ${formatBytes(own)}`)
    expect(await row.getByTestId('policy-last-run').textContent()).toBe('Never')
    expect(await audit(page, 'policy list')).toEqual([])
    await page.screenshot({ path: `${SCREENSHOTS}/policy-list-1024x640.png` })

    // Run now: the usual confirmation, progress and report; the images go, and lastRun is recorded.
    await row.getByTestId('run-policy').click()
    const dialog = page.getByTestId('cleanup-dialog')
    expect(await dialog.getByTestId('confirm-bytes').textContent()).toBe(formatBytes(own))
    await dialog.getByTestId('confirm-cleanup').click()
    await dialog.getByTestId('cleanup-report').waitFor({ timeout: 30_000 })
    expect(await dialog.getByTestId('report-headline').textContent()).toBe(`Freed exactly the predicted ${formatBytes(own)}.`)
    await page.screenshot({ path: `${SCREENSHOTS}/policy-run-report-1024x640.png` })
    await dialog.getByTestId('close-report').click()
    await expect.poll(() => row.getByTestId('policy-last-run').textContent(), { timeout: 10_000 }).toContain(`2 removed, ${formatBytes(own)} freed`)
    expect([await exists(docker, ids.one), await exists(docker, ids.two)]).toEqual([false, false])
  })

  it('shows the list and the editor in Chinese at 1024x640, axe clean', async () => {
    const chinese = await browser.newPage({ viewport: SIZE, locale: 'zh-CN' })
    try {
      await chinese.goto(serve.url)
      await chinese.locator('nav a[href="#/cleanup"]').click()
      await chinese.getByRole('tab', { name: '已保存的策略' }).click()
      const row = chinese.locator('[data-testid="policy-row"][data-name="nightly e2e"]')
      await row.waitFor()
      expect(await row.textContent()).toContain('每周')
      expect(await audit(chinese, 'zh-CN policy list')).toEqual([])
      await chinese.screenshot({ path: `${SCREENSHOTS}/zh-CN-policy-list-1024x640.png` })
      await row.getByTestId('edit-policy').click()
      await chinese.getByTestId('policy-preview').waitFor()
      await chinese.getByTestId('add-override').click()
      await chinese.locator('[data-testid="retention-override"] [data-rule="repository"]').fill('policy-e2e/*')
      expect(await chinese.getByTestId('policy-problem').textContent()).toBe('标签规则需要设置保留最新的标签数或要删除的模式：只设置保留标签不会删除任何内容。')
      expect(await overflowsSideways(chinese)).toBe(false)
      expect(await audit(chinese, 'zh-CN policy editor')).toEqual([])
      await chinese.screenshot({ path: `${SCREENSHOTS}/zh-CN-policy-editor-1024x640.png` })
    } finally {
      await chinese.close()
    }
    expect(consoleProblems).toEqual([])
  })
})

describe('deleting a policy', () => {
  it('asks in the row and deletes by keyboard alone', async () => {
    const row = page.locator('[data-testid="policy-row"][data-name="nightly e2e"]')
    await row.getByTestId('delete-policy').focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => page.evaluate<string | null>("document.activeElement?.getAttribute('data-testid') ?? null")).toBe('confirm-delete-policy')
    expect(await row.textContent()).toContain('Delete policy nightly e2e?')
    await page.keyboard.press('Enter')
    await page.getByTestId('policies-empty').waitFor()
    await expect.poll(() => page.evaluate<string | null>("document.activeElement?.getAttribute('data-testid') ?? null")).toBe('new-policy')
  })
})

describe('a scheduled policy while the app is open', () => {
  it('runs when due with the promised items only, leaves what came since, says so and records lastRun', async () => {
    const label = 'strata.test=policy-e2e-schedule'
    const promisedId = await build(docker, leftovers, 'policy-e2e/sched:1', [`FROM ${BASE}`, `LABEL ${label}`, dd('/promised', 150)])
    const laterId = await build(docker, leftovers, 'policy-e2e/sched:2', [`FROM ${BASE}`, `LABEL ${label}`, dd('/later', 170)])
    const base = await imageSize(docker, BASE)
    const promisedBytes = (await imageSize(docker, promisedId)) - base
    const laterBytes = (await imageSize(docker, laterId)) - base
    // The policy was previewed and saved when only sched:1 matched; its last run was 8 days ago, so a weekly one is due.
    const config = mkdtempSync(join(tmpdir(), 'strata-policy-schedule-'))
    const settingsFile = join(config, 'strata', 'settings.json')
    mkdirSync(join(config, 'strata'))
    const eightDaysAgo = new Date(Date.now() - 8 * 86_400_000).toISOString()
    const policy = {
      name: 'weekly e2e',
      options: { dangling: false, unused: true, labels: [label], labelsNot: [], containers: false, buildCache: false, volumes: false },
      schedule: 'weekly',
      promised: { keys: [`image:${promisedId}`], bytesFreed: promisedBytes, at: eightDaysAgo },
      lastRun: { at: eightDaysAgo, trigger: 'app', removed: 0, skipped: 0, failed: 0, bytesFreed: 0, predictedBytes: 0 },
    }
    writeFileSync(settingsFile, JSON.stringify({ cleanupPolicies: [policy] }))
    const scheduled = await startServe(inject('dockerHost'), { env: { XDG_CONFIG_HOME: config } })
    const tab = await browser.newPage({ viewport: SIZE })
    try {
      await tab.goto(scheduled.url)
      const notice = tab.getByTestId('policy-notice')
      await notice.waitFor({ timeout: 30_000 })
      expect(await notice.textContent()).toContain('Cleanup policy weekly e2e ran')
      expect(await notice.textContent()).toContain('Removed 1 item.')
      expect(await notice.getByTestId('policy-notice-review').textContent()).toContain(`Left alone: 1 item outside the saved preview (${formatBytes(laterBytes)} more)`)
      expect([await exists(docker, promisedId), await exists(docker, laterId)]).toEqual([false, true])
      const saved = JSON.parse(readFileSync(settingsFile, 'utf8')) as { cleanupPolicies: { lastRun: Record<string, unknown> }[] }
      expect(saved.cleanupPolicies[0]?.lastRun).toMatchObject({ trigger: 'schedule', removed: 1, bytesFreed: promisedBytes, predictedBytes: promisedBytes })
      expect(await overflowsSideways(tab)).toBe(false)
      expect(await audit(tab, 'scheduled notice')).toEqual([])
      await tab.screenshot({ path: `${SCREENSHOTS}/policy-scheduled-notice-1024x640.png` })
      await notice.getByRole('button', { name: 'Show report' }).click()
      await tab.getByTestId('cleanup-report').waitFor()
      expect(await tab.getByTestId('report-headline').textContent()).toBe(`Freed exactly the predicted ${formatBytes(promisedBytes)}.`)
      await tab.screenshot({ path: `${SCREENSHOTS}/policy-scheduled-report-1024x640.png` })
    } finally {
      await tab.close()
      await scheduled.stop()
      rmSync(config, { recursive: true, force: true })
    }
  })
})
