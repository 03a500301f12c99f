import { mkdirSync } from 'node:fs'
import type Docker from 'dockerode'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { collectConsoleProblems, launchChromium, startServe, type ServeProcess } from '../support/browser'
import { Leftovers, ranContainer } from '../support/containers'
import { privateDocker } from '../support/engine'
import { FIXTURES } from '../support/fixtures'
import { formatBytes, shortId } from '../../shared/format'

const SCREENSHOTS = 'test-results/screenshots'
const docker = privateDocker()
const leftovers = new Leftovers(docker)
let browser: Browser
let serve: ServeProcess
let page: Page
let changed: Docker.Container
let sleeper: Docker.Container
let committedId = ''
const consoleProblems: string[] = []

// The app fixture holds /app/hello.txt to modify; busybox installs /bin/vi as a symlink to delete.
const SCRIPT = 'mkdir -p /work && echo hi > /work/new.txt && rm /bin/vi && echo more >> /app/hello.txt'

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true })
  changed = await ranContainer(docker, leftovers, FIXTURES.app.tag, 'e2e-changes', SCRIPT)
  sleeper = await docker.createContainer({ Image: FIXTURES.base.tag, name: 'e2e-sleeper', Cmd: ['sleep', '300'] })
  leftovers.container(sleeper.id)
  await sleeper.start()
  serve = await startServe(inject('dockerHost'))
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1360, height: 860 } })
  collectConsoleProblems(page, consoleProblems)
  await page.goto(serve.url)
  await page.getByRole('link', { name: 'Containers' }).click()
}, 120_000)

afterAll(async () => {
  await browser.close()
  await serve.stop()
  if (committedId !== '') leftovers.image(committedId)
  await leftovers.clean()
})

function row(name: string) {
  return page.locator(`[data-testid="containers-table"] tr[data-name="${name}"]`)
}

function change(path: string) {
  return page.locator(`[data-testid="change-row"][data-path="${path}"]`)
}

function field(name: string) {
  return page.locator(`[data-testid="commit-dialog"] [data-field="${name}"]`)
}

async function running(container: Docker.Container): Promise<boolean> {
  return (await container.inspect()).State.Running
}

describe('the Containers view', () => {
  it('lists containers with state, image, command and, on request, their writable-layer sizes', async () => {
    await row('e2e-changes').waitFor()
    expect(await row('e2e-changes').locator('.badge').textContent()).toBe('exited')
    expect(await row('e2e-sleeper').locator('.badge').textContent()).toBe('running')
    expect(await row('e2e-changes').textContent()).toContain(FIXTURES.app.tag)
    expect(await row('e2e-sleeper').textContent()).toContain('sleep 300')
    const imageLink = row('e2e-changes').locator('a[href*="#/images/"]')
    expect(await imageLink.getAttribute('href')).toBe(`#/images/${inject('fixtureIds').app}`)

    await page.getByTestId('containers-filter').fill('sleeper')
    await expect.poll(() => page.locator('[data-testid="containers-table"] tbody tr').count()).toBe(1)
    await page.getByTestId('containers-filter').fill('')
    await page.locator('[data-filter="running"]').click()
    expect(await row('e2e-changes').count()).toBe(0)
    expect(await row('e2e-sleeper').count()).toBe(1)
    await page.locator('[data-filter="all"]').click()

    await page.getByTestId('sizes-toggle').check()
    const size = row('e2e-changes').getByTestId('container-size')
    await expect.poll(() => size.textContent(), { timeout: 30_000 }).toMatch(/^\d+(\.\d+)? (B|kB)$/)
    // The typings leave out the fields size=true adds.
    const [listed] = (await docker.listContainers({ all: true, size: true, filters: JSON.stringify({ id: [changed.id] }) })) as { SizeRw?: number }[]
    const expectedBytes = listed?.SizeRw ?? -1
    expect(expectedBytes).toBeGreaterThan(0)
    expect(await size.textContent()).toBe(formatBytes(expectedBytes))
    expect(await page.getByTestId('sizes-progress').count()).toBe(0)
    await page.screenshot({ path: `${SCREENSHOTS}/containers-list.png` })
  })

  it('moves the selection with the arrow keys and opens the detail with Enter', async () => {
    await row('e2e-sleeper').click()
    expect(await row('e2e-sleeper').getAttribute('aria-selected')).toBe('true')
    expect(await page.getByTestId('selection-bar').textContent()).toContain('e2e-sleeper')
    // Both were created within the same second, so the order between them is the IDs'.
    const sleeperIndex = Number(await row('e2e-sleeper').getAttribute('data-index'))
    const changesIndex = Number(await row('e2e-changes').getAttribute('data-index'))
    expect(Math.abs(sleeperIndex - changesIndex)).toBe(1)
    await page.keyboard.press(changesIndex > sleeperIndex ? 'ArrowDown' : 'ArrowUp')
    expect(await row('e2e-changes').getAttribute('aria-selected')).toBe('true')
    expect(await row('e2e-sleeper').getAttribute('aria-selected')).toBe('false')
    expect(await page.evaluate('document.activeElement?.dataset.name')).toBe('e2e-changes')
    await page.keyboard.press('Enter')
    await page.getByTestId('container-detail').waitFor()
    expect(page.url()).toContain(`#/containers/${changed.id}`)
  })

  it('shows the container\'s changes as a tree with the engine\'s counts', async () => {
    const oracle = (await changed.changes()) as { Path: string; Kind: number }[]
    const count = (kind: number): string => String(oracle.filter((entry) => entry.Kind === kind).length)
    await change('/work/new.txt').waitFor()
    expect(await page.getByTestId('changes-count-added').textContent()).toBe(count(1))
    expect(await page.getByTestId('changes-count-modified').textContent()).toBe(count(0))
    expect(await page.getByTestId('changes-count-deleted').textContent()).toBe(count(2))
    expect(await change('/work/new.txt').getAttribute('data-change')).toBe('added')
    expect(await change('/work/new.txt').getAttribute('aria-level')).toBe('2')
    expect(await change('/bin/vi').getAttribute('data-change')).toBe('deleted')
    expect(await change('/app/hello.txt').getAttribute('data-change')).toBe('modified')
    const decoration = await page.evaluate(`getComputedStyle(document.querySelector('[data-path="/bin/vi"] .label')).textDecorationLine`)
    expect(decoration).toBe('line-through')

    // Folders collapse; the filter lists matching paths flat.
    await change('/work').click()
    await expect.poll(() => change('/work/new.txt').count()).toBe(0)
    expect(await change('/work').getAttribute('aria-expanded')).toBe('false')
    await change('/work').click()
    await change('/work/new.txt').waitFor()
    await page.getByTestId('changes-filter').fill('new')
    await expect.poll(() => page.getByTestId('change-row').count()).toBe(1)
    await page.getByTestId('changes-filter').fill('')
    await page.getByTestId('changes-kind-deleted').click()
    const shown = await page.getByTestId('change-row').all()
    expect(await Promise.all(shown.map((element) => element.getAttribute('data-path')))).toEqual(['/bin/vi'])
    await page.getByTestId('changes-kind-all').click()
    await change('/app/hello.txt').waitFor()
    await page.screenshot({ path: `${SCREENSHOTS}/containers-changes.png` })
  })

  it('validates the commit form live and previews the change lines', async () => {
    await page.getByTestId('open-commit').click()
    const dialog = page.getByTestId('commit-dialog')
    await dialog.waitFor()
    // The container has exited: there is nothing to pause.
    expect(await page.getByTestId('commit-pause').count()).toBe(0)
    expect(await page.getByTestId('commit-parent').textContent()).toContain(FIXTURES.app.tag)

    await page.getByTestId('commit-repository').fill('Bad Name')
    expect(await field('repository').getByTestId('field-error').textContent()).toBe("'Bad Name' contains white space")
    expect(await page.getByTestId('commit-submit').isDisabled()).toBe(true)

    // A tag that names another image is shown with what happens to it, and must be confirmed.
    const [repository, tag] = FIXTURES.app.tag.split(':')
    await page.getByTestId('commit-repository').fill(repository ?? '')
    await page.getByTestId('commit-tag').fill(tag ?? '')
    await page.getByTestId('tag-warning').waitFor()
    expect(await page.getByTestId('tag-warning').textContent()).toContain(`${FIXTURES.app.tag} already names image ${shortId(inject('fixtureIds').app)}`)
    expect(await page.getByTestId('tag-warning').textContent()).toContain('becomes dangling')
    expect(await page.getByTestId('commit-submit').isDisabled()).toBe(true)
    await page.screenshot({ path: `${SCREENSHOTS}/containers-commit-tag-warning.png` })
    await page.getByTestId('commit-move-tag').check()
    expect(await page.getByTestId('commit-submit').isDisabled()).toBe(false)

    await page.getByTestId('commit-repository').fill('e2e/committed')
    await page.getByTestId('commit-tag').fill('v1')
    await expect.poll(() => page.getByTestId('tag-warning').count()).toBe(0)
    expect(await page.getByTestId('commit-name').textContent()).toContain('e2e/committed:v1')

    await page.getByTestId('commit-expose').fill('80\n99999')
    expect(await field('expose').getByTestId('field-error').textContent()).toBe("line 2: '99999': the port must be from 1 to 65535")
    expect(await page.getByTestId('commit-submit').isDisabled()).toBe(true)
    await page.getByTestId('commit-expose').fill('')

    await page.getByTestId('commit-cmd').fill('/bin/sh\n-c\ncat /work/new.txt')
    await page.getByTestId('commit-labels').fill('e2e.test=yes')
    const lines = page.getByTestId('commit-change-lines')
    await expect.poll(() => lines.textContent(), { timeout: 5000 }).toBe('CMD ["/bin/sh","-c","cat /work/new.txt"]\nLABEL "e2e.test"="yes"')
    const cmdRow = page.locator('[data-testid="commit-config"] tr[data-key="cmd"]')
    expect(await cmdRow.getAttribute('class')).toContain('changed')
    expect(await cmdRow.locator('.added').textContent()).toBe('["/bin/sh","-c","cat /work/new.txt"]')
    expect(await page.getByTestId('commit-submit').isDisabled()).toBe(false)
    await page.screenshot({ path: `${SCREENSHOTS}/containers-commit-dialog.png` })
  })

  it('commits with Enter and lands on the new image\'s Files tab with its top layer', async () => {
    await page.getByTestId('commit-tag').press('Enter')
    await page.getByTestId('files-tab').waitFor({ timeout: 30_000 })
    const inspect = await docker.getImage('e2e/committed:v1').inspect()
    committedId = inspect.Id
    expect(page.url()).toContain(`#/images/${inspect.Id}?tab=files`)
    expect(inspect.Config.Cmd).toEqual(['/bin/sh', '-c', 'cat /work/new.txt'])
    expect(inspect.Config.Labels).toMatchObject({ 'e2e.test': 'yes' })

    const top = (inspect.RootFS.Layers?.length ?? 0) - 1
    await page.getByTestId('layer-list').waitFor({ timeout: 30_000 })
    expect(await page.locator(`[data-testid="layer-item"][data-layer-index="${top}"]`).getAttribute('aria-selected')).toBe('true')
    const tree = page.getByTestId('changes-tree')
    const work = tree.locator('[data-testid="tree-row"][data-path="work"]')
    await work.waitFor()
    expect(await work.getAttribute('data-change')).toBe('added')
    await work.click()
    const added = tree.locator('[data-testid="tree-row"][data-path="work/new.txt"]')
    await added.waitFor()
    expect(await added.getAttribute('data-change')).toBe('added')
    await page.screenshot({ path: `${SCREENSHOTS}/containers-landing.png` })
  })

  it('opens the same dialog from the image, for one of its containers', async () => {
    await page.evaluate(`location.hash = '#/images/${inject('fixtureIds').app}'`)
    await page.getByTestId('commit-from-container').click()
    const pick = page.getByTestId('pick-container-dialog')
    await pick.waitFor()
    await page.screenshot({ path: `${SCREENSHOTS}/containers-pick.png` })
    await pick.locator(`[data-container-id="${changed.id}"]`).click()
    await expect.poll(() => pick.count()).toBe(0)
    const dialog = page.getByTestId('commit-dialog')
    await dialog.waitFor()
    expect(await dialog.getByRole('heading').first().textContent()).toBe('Commit e2e-changes to an image')
    await page.keyboard.press('Escape')
    await expect.poll(() => dialog.count()).toBe(0)
  })

  it('stops and starts a running container, the table following live', async () => {
    await page.getByRole('link', { name: 'Containers' }).click()
    await row('e2e-sleeper').click()
    const bar = page.getByTestId('selection-bar')
    expect(await bar.getByTestId('action-start').isDisabled()).toBe(true)
    // sleep as PID 1 ignores SIGTERM: a short timeout makes the engine kill it soon.
    await bar.getByTestId('stop-timeout').fill('1')
    await bar.getByTestId('action-stop').click()
    await expect.poll(() => row('e2e-sleeper').locator('.badge').textContent(), { timeout: 15_000 }).toBe('exited')
    expect(await running(sleeper)).toBe(false)
    expect(await bar.getByTestId('action-stop').isDisabled()).toBe(true)
    await bar.getByTestId('action-start').click()
    await expect.poll(() => row('e2e-sleeper').locator('.badge').textContent(), { timeout: 15_000 }).toBe('running')
    expect(await running(sleeper)).toBe(true)
    expect(await bar.getByTestId('action-failure').count()).toBe(0)
  })

  it('removes a running container only with force, after confirming', async () => {
    const bar = page.getByTestId('selection-bar')
    await bar.getByTestId('action-remove').click()
    const dialog = page.getByTestId('remove-container-dialog')
    await dialog.waitFor()
    await page.keyboard.press('Escape')
    await expect.poll(() => dialog.count()).toBe(0)
    expect(await running(sleeper)).toBe(true)

    await bar.getByTestId('action-remove').click()
    const confirm = page.getByTestId('confirm-remove')
    expect(await confirm.isDisabled()).toBe(true)
    await page.getByTestId('remove-volumes').check()
    await page.getByTestId('remove-force').check()
    expect(await confirm.textContent()).toContain('Kill and remove')
    await page.screenshot({ path: `${SCREENSHOTS}/containers-remove.png` })
    await confirm.click()
    await dialog.getByText('The container and its writable layer are gone, with its anonymous volumes.').waitFor()
    await page.keyboard.press('Escape')
    await expect.poll(() => row('e2e-sleeper').count()).toBe(0)
    await expect(sleeper.inspect()).rejects.toMatchObject({ statusCode: 404 })
  })

  it('reads well in the dark scheme', async () => {
    await page.emulateMedia({ colorScheme: 'dark' })
    await row('e2e-changes').click()
    await page.keyboard.press('Enter')
    await change('/work/new.txt').waitFor()
    await page.screenshot({ path: `${SCREENSHOTS}/containers-changes-dark.png` })
    await page.getByTestId('open-commit').click()
    await page.getByTestId('commit-repository').fill('e2e/dark')
    await page.getByTestId('commit-env').fill('MODE=dark\nbad')
    await field('env').getByTestId('field-error').waitFor()
    await page.getByTestId('commit-preview').getByText('Waiting for valid fields').waitFor()
    await page.screenshot({ path: `${SCREENSHOTS}/containers-commit-dark.png` })
    await page.keyboard.press('Escape')
    await page.emulateMedia({ colorScheme: 'light' })
  })

  it('raised no console error', () => {
    expect(consoleProblems).toEqual([])
  })
})
