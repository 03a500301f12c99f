import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { collectPageProblems, launchChromium, startServe, type ServeProcess } from '../support/browser'
import { Leftovers } from '../support/containers'
import { privateDocker } from '../support/engine'
import { FIXTURES } from '../support/fixtures'

const docker = privateDocker()
const leftovers = new Leftovers(docker)
const hostFolder = mkdtempSync(join(tmpdir(), 'strata-e2e-mount-'))
let browser: Browser
let serve: ServeProcess
let page: Page
let containerId = ''
const pageProblems: string[] = []

// The app fixture's /app/hello.txt (layer 2) is rewritten: the container's copy-up. /bin/busybox stays the image's (layer 0).
const SCRIPT = 'echo rewritten-in-container > /app/hello.txt && echo new > /app/made-here.txt && rm /bin/vi'

beforeAll(async () => {
  const container = await docker.createContainer({
    Image: FIXTURES.app.tag,
    name: 'e2e-inspect',
    Cmd: ['sh', '-c', SCRIPT],
    HostConfig: { Binds: [`${hostFolder}:/host-data:ro`], NetworkMode: 'none' },
  })
  containerId = leftovers.container(container.id)
  await container.start()
  await container.wait()
  serve = await startServe(inject('dockerHost'))
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
  collectPageProblems(page, pageProblems)
  await page.goto(serve.url)
  await page.getByRole('link', { name: 'Containers' }).click()
  await page.locator('[data-testid="containers-table"] tr[data-name="e2e-inspect"] [data-testid="container-link"]').click()
  await page.getByTestId('container-detail').waitFor()
}, 120_000)

afterAll(async () => {
  await browser.close()
  await serve.stop()
  await leftovers.clean()
  rmSync(hostFolder, { recursive: true, force: true })
})

function fileRow(path: string) {
  return page.locator(`[data-testid="container-files-tree"] [data-testid="tree-row"][data-path="${path}"]`)
}

async function shownPaths(): Promise<(string | null)[]> {
  const rows = page.locator('[data-testid="container-files-tree"] [data-testid="tree-row"]')
  const paths: (string | null)[] = []
  for (let index = 0; index < (await rows.count()); index += 1) paths.push(await rows.nth(index).getAttribute('data-path'))
  return paths
}

describe('the container detail view', () => {
  it('Inspect shows state, mounts and network at the top, and its find box steps through matches', async () => {
    await page.getByRole('tab', { name: 'Inspect' }).click()
    const state = page.getByTestId('inspect-state')
    await state.waitFor()
    expect(await state.locator('[data-fact="Status"] dd').textContent()).toBe('exited')
    expect(await state.locator('[data-fact="Exit code"] dd').textContent()).toBe('0')
    expect(await state.locator('[data-fact="OOM killed"] dd').textContent()).toBe('no')
    expect(await state.locator('[data-fact="Restarts"] dd').textContent()).toBe('0')
    expect(await page.getByTestId('inspect-mounts').textContent()).toContain(`bind ${hostFolder} → /host-data (ro)`)
    expect(await page.getByTestId('inspect-network').textContent()).toContain('none')

    const find = page.getByTestId('text-find')
    await find.fill('host-data')
    // Binds, Mounts[].Destination: the path appears more than once in the engine's JSON.
    await expect.poll(() => page.getByTestId('text-find-count').textContent()).toMatch(/^1 of [2-9]$/)
    const total = Number(/of (\d+)/.exec((await page.getByTestId('text-find-count').textContent()) ?? '')?.[1])
    expect(await page.locator('[data-testid="searchable-text"] mark').count()).toBe(total)
    await find.press('Enter')
    expect(await page.getByTestId('text-find-count').textContent()).toBe(`2 of ${String(total)}`)
    await find.press('Shift+Enter')
    await find.press('Shift+Enter')
    expect(await page.getByTestId('text-find-count').textContent()).toBe(`${String(total)} of ${String(total)}`)
    expect(await page.locator('[data-testid="searchable-text"] mark.current').textContent()).toBe('host-data')
    await find.fill(containerId)
    await expect.poll(() => page.getByTestId('text-find-count').textContent()).toMatch(/^1 of \d+$/)
    await find.fill('no-such-text-anywhere')
    await expect.poll(() => page.getByTestId('text-find-count').textContent()).toBe('No matches')
    await find.fill('host-data')
    await page.screenshot({ path: '/tmp/inspect-tab.png', fullPage: true })
  })

  it('Files shows the copied-up file, the added one, the deleted one and the layer an image file comes from', async () => {
    await page.getByRole('tab', { name: 'Files' }).click()
    await fileRow('app').waitFor()
    expect(await fileRow('app').getByTestId('origin').getAttribute('data-origin')).toBe('copied-up')
    await fileRow('app').click()
    await fileRow('app/hello.txt').waitFor()
    expect(await fileRow('app/hello.txt').getByTestId('origin').textContent()).toBe('copied up and changed')
    expect(await fileRow('app/made-here.txt').getByTestId('origin').textContent()).toBe('added in container')
    expect(await fileRow('app/hello.txt').locator('.size').textContent()).toBe(`${String('rewritten-in-container\n'.length)} B`)
    await fileRow('bin').click()
    await fileRow('bin/busybox').waitFor()
    expect(await fileRow('bin/busybox').getByTestId('origin').textContent()).toMatch(/^image · layer 0 COPY /)
    // Near the top of /bin (the tree shows only the rows in view): a link the RUN of layer 1 made.
    expect(await fileRow('bin/ash').getByTestId('origin').textContent()).toMatch(/^image · layer 1 RUN /)
    expect(await page.getByTestId('files-legend').textContent()).toContain('writable layer of this container')
    await page.screenshot({ path: '/tmp/container-files.png', fullPage: true })

    // Only the writable layer: a fresh tree, folders closed; /bin holds only what went.
    await page.getByTestId('only-container-changes').check()
    await fileRow('bin').waitFor()
    await fileRow('bin').click()
    await fileRow('bin/vi').waitFor()
    expect(await fileRow('bin/vi').getByTestId('origin').textContent()).toBe('deleted in container')
    // The engine made the bind mount's mount point in the writable layer: an added folder too.
    await expect.poll(() => shownPaths()).toEqual(['app', 'bin', 'bin/vi', 'host-data'])
    expect(pageProblems).toEqual([])
  })
})
