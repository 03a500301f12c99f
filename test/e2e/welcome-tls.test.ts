import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { collectPageProblems, launchChromium, type ServeProcess, startServe } from '../support/browser'
import { startPrivateDaemon, type PrivateDaemon } from '../support/daemon'
import { FIXTURES } from '../support/fixtures'
import { makeTlsCertificates, type TlsCertificates } from '../support/tls-certificates'
import { freePort } from '../support/registry'

// Add remote engine over TCP with TLS: strata serve starts on a socket where nothing
// listens; a second private dockerd listens on 127.0.0.1 with --tlsverify and certificates
// made by openssl, holding one image. The user types the address and the three files,
// tests the connection (nothing switches), then uses the engine and sees its image; the
// Settings view saves a TLS engine with its files.

const SCREENSHOTS = 'test-results/screenshots'
const NOTHING = 'unix:///tmp/strata-nothing-tls.sock'
const scratch = mkdtempSync(join(tmpdir(), 'strata-welcome-tls-'))
let certs: TlsCertificates
let tlsDaemon: PrivateDaemon
let address = ''
let serve: ServeProcess
let browser: Browser
let page: Page
const pageProblems: string[] = []


const clientFile = (file: string): string => join(certs.clientDir, file)

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true })
  certs = makeTlsCertificates(join(scratch, 'tls'))
  address = `127.0.0.1:${String(await freePort())}`
  tlsDaemon = await startPrivateDaemon({ extraArgs: [`--host=tcp://${address}`, '--tlsverify', `--tlscacert=${certs.ca}`, `--tlscert=${certs.serverCert}`, `--tlskey=${certs.serverKey}`] })
  // The TLS engine gets the base fixture from the run's dockerd, so its Images view has a row to show.
  const copied = spawnSync('sh', ['-c', `docker --host "$FROM" save "$TAG" | docker --host "tcp://${address}" --tlsverify --tlscacert "$CA" --tlscert "$CERT" --tlskey "$KEY" load`], {
    env: { ...process.env, FROM: inject('dockerHost'), TAG: FIXTURES.base.tag, CA: certs.ca, CERT: clientFile('cert.pem'), KEY: clientFile('key.pem') },
    encoding: 'utf8',
  })
  if (copied.status !== 0) throw new Error(`copying the fixture failed: ${copied.stderr}`)
  serve = await startServe(NOTHING)
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1280, height: 1400 } })
  collectPageProblems(page, pageProblems)
  await page.goto(serve.url)
}, 180_000)

afterAll(async () => {
  await browser.close()
  await serve.stop()
  await tlsDaemon.stop()
  rmSync(scratch, { recursive: true, force: true })
})

describe('Add remote engine with TLS', () => {
  it('tests a tcp engine with its CA, certificate and key without switching, says why a missing certificate fails, then uses it', async () => {
    await page.getByTestId('welcome').waitFor({ timeout: 15_000 })
    await page.getByTestId('welcome-remote-address').fill(`tcp://${address}`)
    await page.getByTestId('welcome-tls').waitFor()
    expect(await page.getByTestId('welcome-tls-enabled').isChecked()).toBe(true)
    expect(await page.getByTestId('welcome-tls-verify').isChecked()).toBe(true)

    // A relative path is refused in the form; a CA alone reaches the engine, which then wants a client certificate.
    await page.getByTestId('welcome-tls-ca').fill('ca.pem')
    expect(await page.getByTestId('welcome-test').isDisabled()).toBe(true)
    await page.getByTestId('welcome-tls-ca').fill(certs.ca)
    await page.getByTestId('welcome-test').click()
    await expect.poll(() => page.getByTestId('welcome-test-error').textContent(), { timeout: 15_000 }).toMatch(/TLS|certificate/i)
    expect(await page.getByTestId('engine-state').textContent()).toBe('Unreachable')

    await page.getByTestId('welcome-tls-cert').fill(clientFile('cert.pem'))
    await page.getByTestId('welcome-tls-key').fill(clientFile('key.pem'))
    await page.getByTestId('welcome-test').click()
    await expect.poll(() => page.getByTestId('welcome-test-ok').textContent(), { timeout: 15_000 }).toMatch(new RegExp(`tcp://${address} answers: Docker \\d+`))
    // Testing switched nothing: the app is still on the socket where nothing listens.
    expect(await page.getByTestId('engine-state').textContent()).toBe('Unreachable')
    await page.evaluate('document.activeElement?.blur()')
    await page.getByTestId('welcome-remote').screenshot({ path: `${SCREENSHOTS}/welcome-tls.png` })
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.getByTestId('welcome-tls-verify').uncheck()
    expect(await page.getByTestId('welcome-tls-unverified').textContent()).toContain('anyone between you and this engine')
    await page.getByTestId('welcome-remote').screenshot({ path: `${SCREENSHOTS}/welcome-tls-unverified-dark.png` })
    await page.getByTestId('welcome-tls-verify').check()
    await page.emulateMedia({ colorScheme: 'light' })

    await page.getByTestId('welcome-remote-use').click()
    await expect.poll(() => page.getByTestId('engine-state').textContent(), { timeout: 15_000 }).toBe('Connected')
    await page.getByTestId('welcome').waitFor({ state: 'detached', timeout: 10_000 })
    await expect.poll(() => page.getByTestId('tag').allTextContents(), { timeout: 15_000 }).toEqual([FIXTURES.base.tag])
    expect(pageProblems).toEqual([])
  })

  it('shows the default in Settings with its TLS, and saves another TLS engine with its files', async () => {
    await page.goto(`${serve.url.split('#')[0] ?? serve.url}#/settings`)
    await page.getByTestId('settings-engines').waitFor()
    await page.getByTestId('engine-name').fill('lab (tls)')
    await page.getByTestId('engine-new-address').fill(`tcp://${address}`)
    await page.getByTestId('engine-tls-fields-ca').fill(certs.ca)
    await page.getByTestId('engine-tls-fields-cert').fill(clientFile('cert.pem'))
    // A certificate without its key is refused in the form.
    expect(await page.getByTestId('engine-save').isDisabled()).toBe(true)
    await page.getByTestId('engine-tls-fields-key').fill(join(scratch, 'absent-key.pem'))
    await page.getByTestId('engine-save').click()
    // The core opens each file before saving: a wrong path says which file.
    await expect.poll(() => page.getByTestId('engine-failure').textContent(), { timeout: 10_000 }).toContain('The client key')
    await page.getByTestId('engine-tls-fields-key').fill(clientFile('key.pem'))
    await page.getByTestId('engine-save').click()
    const saved = page.locator('[data-testid="saved-engine"][data-name="lab (tls)"]')
    await saved.waitFor({ timeout: 10_000 })
    expect(await saved.getByTestId('engine-tls').textContent()).toBe('TLS (verified; CA and client certificate)')
    expect(await saved.getByTestId('engine-default').count()).toBe(1)
    await page.reload()
    await saved.waitFor({ timeout: 10_000 })
    await page.getByTestId('settings-engines').screenshot({ path: `${SCREENSHOTS}/settings-engines-tls.png` })
    expect(pageProblems).toEqual([])
  })

  it('in the browser, the welcome screen takes a typed socket address and goes on to that engine’s images', async () => {
    // Back to an address where nothing answers: the welcome screen returns.
    await page.goto(`${serve.url.split('#')[0] ?? serve.url}#/engine`)
    await page.getByTestId('engine-address').fill(NOTHING)
    await page.getByTestId('engine-use').click()
    await page.getByRole('link', { name: 'Images' }).click()
    await page.getByTestId('welcome').waitFor({ timeout: 15_000 })
    // A path without the scheme is refused in the form, with the fix.
    await page.getByTestId('welcome-socket-address').fill(inject('dockerSocket'))
    expect(await page.getByTestId('welcome-socket').getByRole('alert').textContent()).toBe(`Write it as unix://${inject('dockerSocket')}`)
    await page.getByTestId('welcome-socket-address').fill(`unix://${inject('dockerSocket')}`)
    await page.getByTestId('welcome-socket-address').press('Enter')
    await expect.poll(() => page.getByTestId('engine-state').textContent(), { timeout: 15_000 }).toBe('Connected')
    await page.getByTestId('welcome').waitFor({ state: 'detached', timeout: 10_000 })
    await expect.poll(() => page.getByTestId('tag').allTextContents(), { timeout: 15_000 }).toContain(FIXTURES.app.tag)
    expect(pageProblems).toEqual([])
  })
})
