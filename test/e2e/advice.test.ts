import { statSync } from 'node:fs'
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { collectPageProblems, launchChromium, startServe, type ServeProcess } from '../support/browser'
import { privateDocker } from '../support/engine'
import { BUSYBOX, FIXTURES, buildFixture } from '../support/fixtures'

const docker = privateDocker()
let browser: Browser
let serve: ServeProcess
let page: Page
let imageId = ''
const problems: string[] = []

/** dd of zeros: every file a size of its own, so only the copy made on purpose has another file's bytes. */
function zeros(path: string, kilobytes: number): string {
  return `dd if=/dev/zero of=${path} bs=1000 count=${kilobytes} 2>/dev/null`
}

// The base fixture is layers 0 (COPY busybox) and 1 (its symlinks); these are 2 to 5.
const STORE = 2
const HIDE = 3
const LEFTOVERS = 4
const COPIES = 5

const DOCKERFILE = [
  `FROM ${FIXTURES.base.tag}`,
  `RUN mkdir -p /w /d && ${zeros('/w/removed.bin', 300)} && ${zeros('/w/overwritten.bin', 200)} && ${zeros('/w/chmodded.bin', 150)} && ${zeros('/d/a.bin', 60)} && ${zeros('/d/b.bin', 40)}`,
  `RUN rm /w/removed.bin && ${zeros('/w/overwritten.bin', 7)} && chmod 600 /w/chmodded.bin && rm -rf /d && mkdir /d && ${zeros('/d/c.bin', 3)}`,
  [
    'RUN mkdir -p /var/lib/apt/lists /var/cache/apk /usr/lib/python3/__pycache__ /usr/share/doc/pkg /usr/share/man/man1',
    zeros('/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease', 90),
    zeros('/var/cache/apk/APKINDEX.tar.gz', 80),
    zeros('/usr/lib/python3/__pycache__/x.cpython-311.pyc', 70),
    zeros('/usr/share/doc/pkg/changelog.gz', 30),
    zeros('/usr/share/man/man1/x.1.gz', 20),
  ].join(' && '),
  `RUN mkdir -p /opt && ${zeros('/opt/a-original.bin', 250)} && cp /opt/a-original.bin /opt/b-copy.bin`,
].join('\n')

/** By hand: each cause's bytes as the panel prints them (decimal units). */
const EXPECTED_BY_CAUSE: Record<string, string> = {
  'removed-later': '300 kB',
  'duplicate-content': '250 kB',
  'overwritten-later': '200 kB',
  'package-cache': '170 kB',
  'restored-same-bytes': '150 kB',
  'hidden-by-opaque': '100 kB',
  'python-bytecode': '70.0 kB',
  docs: '50.0 kB',
}
// 300 + 200 + 150 + 100 wasted, 90 + 80 + 70 + 50 removable, 250 duplicate.
const RECOVERABLE = 1_290_000
// Every regular file stored: busybox, then layers 2 to 5.
const STORED_WITHOUT_BUSYBOX = (300 + 200 + 150 + 60 + 40) * 1000 + (7 + 150 + 3) * 1000 + (90 + 80 + 70 + 30 + 20) * 1000 + 2 * 250 * 1000

beforeAll(async () => {
  imageId = await buildFixture(docker, { tag: 'e2e/advice:1', dockerfile: DOCKERFILE })
  // Shares only the base with e2e/advice:1, and stores the bytes of its /opt/a-original.bin at another path.
  const neighbourId = await buildFixture(docker, { tag: 'e2e/advice-neighbour:1', dockerfile: `FROM ${FIXTURES.base.tag}\nRUN mkdir -p /srv && ${zeros('/srv/same.bin', 250)}` })
  serve = await startServe(inject('dockerHost'))
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 } })
  collectPageProblems(page, problems)
  await page.goto(serve.url)
  // Its layers are read once its Files tab is opened: only then does the advice compare with it.
  await page.locator(`tr[data-image-id="${neighbourId}"]`).click()
  await page.getByRole('tab', { name: /Files/ }).click()
  await page.getByTestId('layer-list').waitFor({ timeout: 30_000 })
  await page.getByRole('link', { name: '← Images' }).click()
  await page.locator(`tr[data-image-id="${imageId}"]`).waitFor()
}, 120_000)

afterAll(async () => {
  await browser.close()
  await serve.stop()
})

/** One attribute of every element a locator finds, in order. */
async function attributes(locator: Locator, name: string): Promise<(string | null)[]> {
  return Promise.all((await locator.all()).map((item) => item.getAttribute(name)))
}

function panel() {
  return page.getByTestId('advice-panel')
}

function layerItem(index: number) {
  return page.locator(`[data-testid="layer-item"][data-layer-index="${index}"]`)
}

describe('the advisor in the Files tab', () => {
  it('shows no chip in the header before the advice is known', async () => {
    await page.locator(`tr[data-image-id="${imageId}"]`).click()
    await page.getByTestId('image-detail').getByRole('heading', { name: 'e2e/advice:1' }).waitFor()
    expect(await page.getByTestId('recoverable-chip').count()).toBe(0)
  })

  it('reads the advice after the analysis and shows every cause with its bytes', async () => {
    await page.getByRole('tab', { name: /Files/ }).click()
    await page.getByTestId('layer-list').waitFor({ timeout: 30_000 })
    // The Wasted panel stays the default; the advisor is one click away.
    await page.getByTestId('wasted-panel').waitFor()
    await page.getByTestId('show-advice').click()
    expect(await page.getByTestId('show-advice').getAttribute('aria-pressed')).toBe('true')
    await panel().getByTestId('advice-recoverable').waitFor({ timeout: 30_000 })

    expect(await panel().getByTestId('advice-recoverable').textContent()).toBe('1.29 MB')
    const stored = statSync(BUSYBOX).size + STORED_WITHOUT_BUSYBOX
    expect(await panel().getByTestId('advice-share').textContent()).toBe(`${((RECOVERABLE / stored) * 100).toFixed(1)} %`)

    const causes = panel().getByTestId('advice-cause')
    expect(await attributes(causes, 'data-cause')).toEqual(Object.keys(EXPECTED_BY_CAUSE))
    for (const [cause, bytes] of Object.entries(EXPECTED_BY_CAUSE)) {
      expect(await panel().locator(`[data-testid="advice-cause"][data-cause="${cause}"] [data-testid="advice-cause-bytes"]`).textContent(), cause).toBe(bytes)
    }
    expect(await panel().locator('[data-testid="advice-cause"][data-cause="docs"]').getAttribute('data-kind')).toBe('removable')
    expect(await panel().locator('[data-testid="advice-cause"][data-cause="hidden-by-opaque"]').getAttribute('data-kind')).toBe('wasted')
    expect(await panel().locator('[data-testid="advice-cause"][data-cause="duplicate-content"]').getAttribute('data-kind')).toBe('duplicate')
  })

  it('names the other image that stores the same bytes in layers the two do not share', async () => {
    const across = panel().getByTestId('advice-across')
    expect(await across.getByTestId('advice-across-note').textContent()).toMatch(/Compared with \d+ other images? whose layers were read/)
    const neighbour = across.getByTestId('advice-across-image').filter({ hasText: 'e2e/advice-neighbour:1' })
    expect(await neighbour.textContent()).toContain('250 kB')
    expect(await neighbour.textContent()).toContain('Also stores 1 file of this image in layers the two do not share')
    expect(await neighbour.locator('.path').allTextContents()).toEqual(['/opt/a-original.bin · 250 kB'])
    await across.scrollIntoViewIfNeeded()
    await across.screenshot({ path: '/tmp/advice-across-light.png' })
  })

  it('puts the three largest changes first, naming the instructions and the remedy', async () => {
    const top = panel().getByTestId('advice-top')
    expect(await attributes(top, 'data-cause')).toEqual(['removed-later', 'duplicate-content', 'overwritten-later'])
    expect(await top.getByTestId('advice-top-bytes').allTextContents()).toEqual(['300 kB', '250 kB', '200 kB'])
    const removed = top.first()
    expect(await removed.textContent()).toContain('Deleted by a later layer')
    expect(await removed.textContent()).toContain(`layer ${STORE} (`)
    expect(await removed.textContent()).toContain('removed.bin')
    expect(await removed.textContent()).toContain(`layer ${HIDE} (`)
    expect(await removed.textContent()).toContain('rm /w/removed.bin')
    expect(await top.nth(1).textContent()).toContain('whose bytes are already at other paths')
    expect(await top.nth(1).locator('code').allTextContents()).toEqual(['ln'])
  })

  it('lists each finding, expandable to its paths, with copies and the package caches apart', async () => {
    const findings = panel().getByTestId('advice-finding')
    expect(await findings.count()).toBe(9)
    const bytesOf = async (cause: string) => panel().locator(`[data-testid="advice-finding"][data-cause="${cause}"] [data-testid="advice-finding-bytes"]`).allTextContents()
    expect(await bytesOf('package-cache')).toEqual(['90.0 kB', '80.0 kB'])
    expect(await bytesOf('hidden-by-opaque')).toEqual(['100 kB'])

    const duplicate = panel().locator('[data-testid="advice-finding"][data-cause="duplicate-content"]')
    const toggle = duplicate.getByRole('button', { name: /The same bytes at several paths/ })
    expect(await toggle.getAttribute('aria-expanded')).toBe('false')
    await toggle.focus()
    await page.keyboard.press('Enter')
    expect(await toggle.getAttribute('aria-expanded')).toBe('true')
    const copy = duplicate.locator('[data-testid="advice-path"][data-path="opt/b-copy.bin"]')
    await copy.waitFor()
    expect(await copy.textContent()).toContain('250 kB')
    expect(await copy.getByTestId('advice-copy-of').textContent()).toBe('/opt/a-original.bin')

    const opaque = panel().locator('[data-testid="advice-finding"][data-cause="hidden-by-opaque"]')
    await opaque.getByRole('button', { name: /Hidden by a folder made again/ }).click()
    expect(await attributes(opaque.getByTestId('advice-path'), 'data-path')).toEqual(['d/a.bin', 'd/b.bin'])
    const restored = panel().locator('[data-testid="advice-finding"][data-cause="restored-same-bytes"]')
    await restored.getByRole('button', { name: /Stored again unchanged/ }).click()
    expect(await restored.locator('.remedy code').first().textContent()).toBe('COPY --chown=... --chmod=...')
  })

  it('selects a layer a finding names, and shows a path where it was stored', async () => {
    const removed = panel().getByTestId('advice-top').first()
    await removed.getByRole('button', { name: `Select layer ${STORE}` }).click()
    expect(await layerItem(STORE).getAttribute('aria-selected')).toBe('true')
    await removed.getByRole('button', { name: `Select layer ${HIDE}` }).click()
    expect(await layerItem(HIDE).getAttribute('aria-selected')).toBe('true')

    await panel().getByRole('button', { name: `Show /opt/b-copy.bin in layer ${COPIES}` }).click()
    expect(await layerItem(COPIES).getAttribute('aria-selected')).toBe('true')
    expect(await page.getByTestId('files-filter').inputValue()).toBe('opt/b-copy.bin')
    await page.getByTestId('changes-tree').locator('[data-testid="tree-row"][data-path="opt/b-copy.bin"]').waitFor()
    await page.getByTestId('files-filter').fill('')

    const bytecode = panel().locator('[data-testid="advice-finding"][data-cause="python-bytecode"]')
    await bytecode.getByRole('button', { name: /Python bytecode/ }).click()
    await bytecode.getByRole('button', { name: `Select layer ${LEFTOVERS}` }).first().click()
    expect(await layerItem(LEFTOVERS).getAttribute('aria-selected')).toBe('true')
  })

  it('shows the recoverable bytes in the header, and the chip opens the advisor', async () => {
    const chip = page.getByTestId('recoverable-chip')
    expect(await chip.textContent()).toContain('1.29 MB recoverable')
    await page.screenshot({ path: '/tmp/advice-findings-light.png' })
    await page.evaluate(`document.querySelector('[data-testid="advice-panel"] .body').scrollTo(0, 0)`)
    await page.screenshot({ path: '/tmp/advice-light.png' })
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.screenshot({ path: '/tmp/advice-dark.png' })
    // Tall enough for the whole panel at once.
    await page.setViewportSize({ width: 1440, height: 2000 })
    await page.screenshot({ path: '/tmp/advice-tall-dark.png' })
    await panel().screenshot({ path: '/tmp/advice-panel-dark.png' })
    await page.emulateMedia({ colorScheme: 'light' })
    await page.screenshot({ path: '/tmp/advice-tall-light.png' })
    await panel().screenshot({ path: '/tmp/advice-panel-light.png' })
    await page.setViewportSize({ width: 1440, height: 1000 })

    await page.getByTestId('show-wasted').click()
    await page.getByRole('tab', { name: /Overview/ }).click()
    await expect.poll(() => page.getByTestId('files-tab').count()).toBe(0)
    await chip.click()
    await panel().waitFor()
    expect(page.url()).toContain('tab=files')
    expect(await page.getByTestId('show-advice').getAttribute('aria-pressed')).toBe('true')
    await expect.poll(() => page.evaluate('document.activeElement?.dataset.testid')).toBe('advice-panel')
    await page.screenshot({ path: '/tmp/advice-chip-opened.png' })
    expect(problems).toEqual([])
  })

  it('says when there is nothing to recover, and shows no chip then', async () => {
    // The base fixture is one static binary and its symlinks: nothing wasted, left over or repeated.
    const baseId = (await docker.getImage(FIXTURES.base.tag).inspect()).Id
    await page.getByRole('link', { name: '← Images' }).click()
    await page.locator(`tr[data-image-id="${baseId}"]`).click()
    await page.getByRole('tab', { name: /Files/ }).click()
    // The advisor stays the panel chosen under the layers.
    await panel().getByTestId('advice-empty').waitFor({ timeout: 30_000 })
    expect(await panel().getByTestId('advice-empty').textContent()).toContain('Nothing to recover: no wasted, left-over or duplicate bytes found')
    expect(await page.getByTestId('recoverable-chip').count()).toBe(0)
    await panel().screenshot({ path: '/tmp/advice-empty-light.png' })
    expect(problems).toEqual([])
  })
})
