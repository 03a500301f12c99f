import { loadavg } from 'node:os'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, inject, it } from 'vitest'
import { launchChromium, startServe, type ServeProcess } from '../test/support/browser'
import { privateDocker } from '../test/support/engine'
import { buildCatalogScenario } from './catalog-scenario'
import { median } from './measure'
import { frameFigures, probeScript, profileWhile, recordWhile, waitForFirstRow, waitForQuiet, type PageProbe } from './page-probe'

/**
 * bench/family-view: the Family view (#/family) in Debian's Chromium, served by `strata
 * serve` on an engine holding about 1,000 images (the catalog scenario: bases with
 * committed children). Prints the time to the first rows and the frame times while
 * scrolling and while typing a search, beside the Images view on the same images as the
 * reference. Asserts only that the rows came.
 */
const BASES = Number(process.env.STRATA_BENCH_FAMILY_BASES ?? 10)
const CHILDREN = Number(process.env.STRATA_BENCH_FAMILY_CHILDREN ?? 100)
const RUNS = 3
const WHEEL_STEPS = 120
/** Set, a CPU profile of one more settled scroll is printed: where the main thread's time went. */
const PROFILE = process.env.STRATA_BENCH_PROFILE === '1'

interface View {
  name: string
  hash: string
  rowSelector: string
  search: string
}

const VIEWS: View[] = [
  { name: 'Family view', hash: '#/family', rowSelector: '[data-row-kind="image"]', search: 'Filter the family by image' },
  { name: 'Images view (reference)', hash: '#/images', rowSelector: 'tr[data-image-id]', search: 'Filter images' },
]

let serve: ServeProcess
let browser: Browser
let imageCount = 0

beforeAll(async () => {
  imageCount = (await buildCatalogScenario(privateDocker(), { bases: BASES, children: CHILDREN, containers: 0 })).length
  serve = await startServe(inject('dockerHost'))
  browser = await launchChromium()
}, 1_800_000)

afterAll(async () => {
  await browser.close()
  await serve.stop()
})

async function openView(view: View): Promise<{ page: Page; firstRowMs: number }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  await page.addInitScript(probeScript(view.rowSelector))
  await page.goto(`${serve.url}${view.hash}`)
  return { page, firstRowMs: await waitForFirstRow(page) }
}

/** Wheel steps down, then back up, over the list: about 100 px a step, one step a frame or so. */
async function scrollThrough(page: Page, view: View): Promise<PageProbe> {
  const box = await page.locator(view.rowSelector).first().boundingBox()
  await page.mouse.move((box?.x ?? 0) + 100, (box?.y ?? 0) + 60)
  return recordWhile(page, async () => {
    for (const direction of [1, -1]) {
      for (let step = 0; step < WHEEL_STEPS; step += 1) {
        await page.mouse.wheel(0, 100 * direction)
        await page.waitForTimeout(16)
      }
    }
  })
}

/** Types a search a key at a time, as a person would, then clears it and types another. */
async function typeSearches(page: Page, view: View): Promise<PageProbe> {
  const box = page.getByRole('searchbox', { name: view.search })
  await box.click()
  return recordWhile(page, async () => {
    for (const text of ['bench/child-7:4', 'sha256:', 'base']) {
      await page.keyboard.type(text, { delay: 90 })
      await page.waitForTimeout(150)
      await box.fill('')
      await page.waitForTimeout(150)
    }
  })
}

it('Family view on about 1,000 images: first rows and frame times, beside the Images view', async () => {
  // A first load of each view fills the core's catalog and Chromium's caches; it is not counted.
  for (const view of VIEWS) await (await openView(view)).page.close()

  const report: string[] = []
  for (const view of VIEWS) {
    const firstRows: number[] = []
    let last: Page | null = null
    for (let run = 0; run < RUNS; run += 1) {
      await last?.close()
      const opened = await openView(view)
      firstRows.push(opened.firstRowMs)
      last = opened.page
    }
    if (last === null) continue
    expect(await last.locator(view.rowSelector).count()).toBeGreaterThan(0)
    report.push(`${view.name}\n`, `  first rows (navigation start to first row in the DOM): median ${median(firstRows).toFixed(0)} ms of ${RUNS} (${firstRows.map((ms) => ms.toFixed(0)).join(', ')})\n`)
    // At once, as someone who opens the view and scrolls meets it (its loads may still land), then once they have.
    report.push(frameFigures(`scrolling right after the first rows (${WHEEL_STEPS} wheel steps down and back up)`, await scrollThrough(last, view)))
    const waited = await waitForQuiet(last)
    report.push(`  settled (2 s without a long task) after ${waited.toFixed(0)} ms more\n`)
    // Nothing done for 3 s: what the loaded machine alone costs the page, the floor for the figures below.
    report.push(frameFigures('idle for 3 s, settled (the noise floor)', await recordWhile(last, () => last.waitForTimeout(3000))))
    report.push(frameFigures('scrolling, settled', await scrollThrough(last, view)))
    if (PROFILE) {
      const profile = await profileWhile(last, async () => {
        await scrollThrough(last, view)
      })
      report.push(`  CPU profile of one more settled scroll, by self time:\n${profile}`)
    }
    report.push(frameFigures('typing a search, settled (three searches, a key every 90 ms)', await typeSearches(last, view)))
    await last.close()
  }
  const [one, five] = loadavg()
  process.stdout.write(`\n${imageCount} images on the engine (${BASES} bases x ${CHILDREN} committed children), Chromium 1280x800; load average ${one?.toFixed(1)} / ${five?.toFixed(1)}\n${report.join('')}`)
})
