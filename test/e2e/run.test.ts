import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { collectPageProblems, launchChromium, startServe, type ServeProcess } from '../support/browser'
import { Leftovers } from '../support/containers'
import { privateDocker } from '../support/engine'
import { FIXTURES } from '../support/fixtures'

const docker = privateDocker()
const leftovers = new Leftovers(docker)
let browser: Browser
let serve: ServeProcess
let page: Page
const pageProblems: string[] = []

beforeAll(async () => {
  serve = await startServe(inject('dockerHost'))
  browser = await launchChromium()
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 } })
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(serve.url).origin })
  page = await context.newPage()
  collectPageProblems(page, pageProblems)
  await page.goto(serve.url)
}, 120_000)

afterAll(async () => {
  await browser.close()
  await serve.stop()
  await leftovers.clean()
})

const dialog = () => page.getByTestId('run-dialog')
const field = (name: string) => dialog().locator(`[data-field="${name}"]`)

async function openRunFromImagesList(screenshot?: string): Promise<void> {
  await page.getByRole('link', { name: 'Images' }).click()
  const row = page.locator(`tr[data-image-id="${inject('fixtureIds').base}"]`)
  await row.hover()
  if (screenshot !== undefined) await page.screenshot({ path: screenshot })
  await row.getByTestId('run-image').click()
  await dialog().waitFor()
}

describe('running an image from the Images list', () => {
  it('shows what is wrong with a field, and Escape closes the dialog', async () => {
    await openRunFromImagesList('/tmp/run-row.png')
    expect(await dialog().locator('h2').textContent()).toBe(`Run ${FIXTURES.base.tag}`)
    await page.getByTestId('run-name').fill('x')
    await page.getByTestId('run-workingDir').fill('relative/dir')
    await expect.poll(() => field('name').getByTestId('field-error').textContent()).toBe(
      "'x' is not a container name: letters, digits, '_', '.' and '-', starting with a letter or digit, at least 2 characters",
    )
    expect(await field('workingDir').getByTestId('field-error').textContent()).toBe("'relative/dir' is not an absolute path (the working directory)")
    expect(await page.getByTestId('run-submit').isDisabled()).toBe(true)
    // Enter in a field does not send what is marked invalid.
    await page.getByTestId('run-name').press('Enter')
    expect(await dialog().isVisible()).toBe(true)
    await page.keyboard.press('Escape')
    await dialog().waitFor({ state: 'detached' })
  })

  it('runs with a command, an ENV and a label, shows the docker run line, and lands on the new container', async () => {
    await openRunFromImagesList()
    await page.getByTestId('run-name').fill('e2e-run')
    await page.getByTestId('run-command').fill(`sh -c 'echo "$GREETING" && exec sleep 600'`)
    await page.getByTestId('run-add-env').click()
    await dialog().getByTestId('run-env-key').fill('GREETING')
    await dialog().getByTestId('run-env-value').fill('hello from the dialog')
    // Pasted lines become rows; a line that is not KEY=VALUE stays behind with why.
    await page.getByTestId('run-env-paste').fill('MODE=test\nnot a pair\n')
    await page.getByTestId('run-env-add-lines').click()
    await expect.poll(() => dialog().getByTestId('run-env-key').count()).toBe(2)
    expect(await page.getByTestId('run-env-paste').inputValue()).toBe('not a pair')
    expect(await dialog().locator('.paste').getByTestId('field-error').textContent()).toBe("line 2: 'not a pair' is not KEY=VALUE")
    await page.getByTestId('run-add-labels').click()
    await dialog().getByTestId('run-labels-key').fill('org.example.team')
    await dialog().getByTestId('run-labels-value').fill("e2e's")

    const expectedLine = `docker run -d --name e2e-run -e 'GREETING=hello from the dialog' -e MODE=test -l 'org.example.team=e2e'\\''s' ${FIXTURES.base.tag} sh -c 'echo "$GREETING" && exec sleep 600'`
    await expect.poll(() => page.getByTestId('run-docker-line').textContent()).toBe(expectedLine)
    await page.getByTestId('run-copy-line').click()
    await expect.poll(() => page.evaluate<string>('navigator.clipboard.readText()')).toBe(expectedLine)
    // The form scrolled while it was filled: the screenshot shows it from the top.
    await page.evaluate(`document.querySelector('[data-testid="run-dialog"] .modal-body').scrollTop = 0`)
    await page.screenshot({ path: '/tmp/run-dialog.png' })

    // Enter submits from any field of the form.
    await page.getByTestId('run-name').press('Enter')
    await page.waitForURL(/#\/containers\/[0-9a-f]{64}$/)
    const id = /#\/containers\/([0-9a-f]{64})$/.exec(page.url())?.[1] ?? ''
    leftovers.container(id)
    await page.getByTestId('container-detail').waitFor()
    expect(await page.getByTestId('container-detail').locator('h1').textContent()).toBe('e2e-run')
    await expect.poll(() => page.getByTestId('container-state').textContent()).toBe('running')
    await page.screenshot({ path: '/tmp/run-landed.png' })

    const inspect = await docker.getContainer(id).inspect()
    expect(inspect.Name).toBe('/e2e-run')
    expect(inspect.Config.Cmd).toEqual(['sh', '-c', 'echo "$GREETING" && exec sleep 600'])
    expect(inspect.Config.Env).toEqual(expect.arrayContaining(['GREETING=hello from the dialog', 'MODE=test']))
    expect(inspect.Config.Labels).toEqual({ 'org.example.team': "e2e's" })
    expect(inspect.State.Running).toBe(true)
  })

  it("shows the engine's refusal when the name is taken, and creates nothing", async () => {
    const before = (await docker.listContainers({ all: true })).length
    await page.goto(`${serve.url.split('#')[0] ?? serve.url}#/images/${inject('fixtureIds').base}`)
    await page.getByTestId('run-from-image').waitFor()
    await page.screenshot({ path: '/tmp/run-header.png' })
    await page.getByTestId('run-from-image').click()
    await dialog().waitFor()
    await page.getByTestId('run-name').fill('e2e-run')
    await page.getByTestId('run-submit').click()
    await expect.poll(async () => (await page.getByTestId('run-failure').textContent())?.trim()).toMatch(/^CONFLICT .*"\/e2e-run" is already in use.*nothing was created\.$/)
    expect(await dialog().isVisible()).toBe(true)
    expect((await docker.listContainers({ all: true })).length).toBe(before)
    await page.keyboard.press('Escape')
    await dialog().waitFor({ state: 'detached' })
    expect(pageProblems).toEqual([])
  })
})
