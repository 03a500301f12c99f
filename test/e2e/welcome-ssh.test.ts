import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { collectPageProblems, launchChromium, type ServeProcess, startServe } from '../support/browser'
import { FIXTURES } from '../support/fixtures'
import { generateKey, startTestSshd, type TestSshServer } from '../support/sshd'

// Add remote engine from the welcome screen, over ssh:// for real: the host key is unknown,
// the screen shows its fingerprint, Trust adds it and tests again, and Use keeps the engine.
// strata serve gets a home folder of its own (the user's key, an empty known_hosts) and no agent.

const SCREENSHOTS = 'test-results/screenshots'
let sshd: TestSshServer
let home: string
let serve: ServeProcess
let browser: Browser
let page: Page
const pageProblems: string[] = []

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true })
  sshd = await startTestSshd(inject('dockerSocket'))
  home = mkdtempSync(join(tmpdir(), 'strata-welcome-home-'))
  mkdirSync(join(home, '.ssh'), { mode: 0o700 })
  const key = generateKey(join(home, '.ssh', 'id_ed25519'))
  writeFileSync(join(home, '.ssh', 'known_hosts'), '', { mode: 0o600 })
  sshd.authorize([key.publicKey])
  serve = await startServe('unix:///tmp/strata-nothing.sock', { env: { HOME: home, SSH_AUTH_SOCK: '' } })
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1280, height: 1100 } })
  collectPageProblems(page, pageProblems)
  await page.goto(serve.url)
}, 180_000)

afterAll(async () => {
  await browser.close()
  await serve.stop()
  await sshd.stop()
  rmSync(home, { recursive: true, force: true })
})

describe('adding a remote engine on the welcome screen', () => {
  it('shows an unknown ssh host key by fingerprint, trusts it on request, then uses the engine', async () => {
    const host = `ssh://${sshd.user}@127.0.0.1:${String(sshd.port)}`
    await page.getByTestId('welcome').waitFor({ timeout: 15_000 })
    await page.getByTestId('welcome-remote-address').fill(host)
    await page.getByTestId('welcome-test').click()
    await page.getByTestId('welcome-host-key').waitFor({ timeout: 20_000 })
    expect(await page.getByTestId('welcome-host-key').textContent()).toContain(sshd.hostFingerprint)
    await page.getByTestId('welcome-host-key').scrollIntoViewIfNeeded()
    await page.screenshot({ path: `${SCREENSHOTS}/welcome-host-key.png` })

    await page.getByTestId('welcome-trust').click()
    await page.getByTestId('welcome-test-ok').waitFor({ timeout: 20_000 })
    expect(await page.getByTestId('welcome-test-ok').textContent()).toMatch(/answers: Docker \d+\./)
    // A tested engine that answers does not take the app away before it is chosen.
    expect(await page.getByTestId('welcome').count()).toBe(1)

    await page.getByTestId('welcome-remote-use').click()
    await page.getByTestId('welcome').waitFor({ state: 'detached', timeout: 15_000 })
    await expect.poll(() => page.getByTestId('engine-state').textContent(), { timeout: 15_000 }).toBe('Connected')
    await expect.poll(() => page.getByTestId('tag').allTextContents(), { timeout: 20_000 }).toContain(FIXTURES.app.tag)
    expect(pageProblems).toEqual([])
  })
})
