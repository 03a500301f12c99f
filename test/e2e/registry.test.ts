import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { connect, createServer, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Transform } from 'node:stream'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { formatBytes, shortId } from '../../shared/format'
import { collectConsoleProblems, launchChromium, startServe, type ServeProcess } from '../support/browser'
import { privateDocker } from '../support/engine'
import { forgetRegistryImages, freePort, startRegistry, type TestRegistry } from '../support/registry'

const SCREENSHOTS = 'test-results/screenshots'
// The serve process inherits it: logins land in a config of our own, never the user's.
const work = mkdtempSync(join(tmpdir(), 'strata-e2e-registry-'))
process.env.DOCKER_CONFIG = join(work, 'docker-config')
const docker = privateDocker()
const { host, multiArch, big } = inject('registryFixtures')
const baseId = inject('fixtureIds').base
const user = { name: 'strata', password: 'correct horse battery' }
let proxy: { host: string; close: () => Promise<void> }
let authRegistry: TestRegistry
let browser: Browser
let serve: ServeProcess
let page: Page
const consoleProblems: string[] = []

/** Delays every chunk as if the link moved `bytesPerSecond`: a local pull is otherwise over before the page can show it. */
function throttle(bytesPerSecond: number): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      setTimeout(() => {
        callback(null, chunk)
      }, (chunk.length / bytesPerSecond) * 1000)
    },
  })
}

/** A slow TCP path to the fixture registry; the engine reaches it as another insecure 127.0.0.1 registry. */
async function slowProxy(target: string, bytesPerSecond: number): Promise<{ host: string; close: () => Promise<void> }> {
  const [targetHost = '127.0.0.1', targetPort = '0'] = target.split(':')
  const sockets = new Set<Socket>()
  // Half-open, so an answer still held back by the throttle is delivered after its sender closes.
  const server = createServer({ allowHalfOpen: true }, (client) => {
    const upstream = connect({ port: Number(targetPort), host: targetHost, allowHalfOpen: true })
    const end = (): void => {
      client.destroy()
      upstream.destroy()
    }
    for (const socket of [client, upstream]) {
      sockets.add(socket)
      socket.on('error', end).on('close', () => sockets.delete(socket))
    }
    client.pipe(throttle(bytesPerSecond)).pipe(upstream)
    upstream.pipe(throttle(bytesPerSecond)).pipe(client)
  })
  const port = await freePort()
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return {
    host: `127.0.0.1:${String(port)}`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => {
          resolve()
        })
      }),
  }
}

interface RegistryManifest {
  manifests?: { digest: string; platform: { os: string; architecture: string } }[]
  layers?: { digest: string; size: number }[]
}

async function registryJson(path: string): Promise<RegistryManifest> {
  const accept = 'application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json'
  const answer = await fetch(`http://${host}/v2/${path}`, { headers: { Accept: accept } })
  expect(answer.status).toBe(200)
  return (await answer.json()) as RegistryManifest
}

async function removeHolders(references: string[]): Promise<void> {
  for (const image of await docker.listImages({ filters: JSON.stringify({ reference: references }) })) await docker.getImage(image.Id).remove({ force: true })
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true })
  // Presence is judged by content, so an earlier file's pull of the same fixture would show it present.
  await removeHolders([`${host}/multi/busybox`, `${host}/big/blob`])
  proxy = await slowProxy(host, 400_000)
  authRegistry = await startRegistry({ user })
  serve = await startServe(inject('dockerHost'))
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1360, height: 900 } })
  collectConsoleProblems(page, consoleProblems)
  await page.goto(serve.url)
  await page.getByRole('link', { name: 'Registries' }).click()
}, 120_000)

afterAll(async () => {
  await browser.close()
  await serve.stop()
  // Only names under the test registries go; the base fixture keeps its own tag.
  await forgetRegistryImages(docker, proxy.host)
  await forgetRegistryImages(docker, host)
  await proxy.close()
  await authRegistry.stop()
  rmSync(work, { recursive: true, force: true })
})

const slowMulti = (): string => multiArch.replace(host, proxy.host)

function platformRow(platform: string) {
  return page.locator(`[data-testid="platforms-table"] tr[data-platform="${platform}"]`)
}

async function inspect(reference: string): Promise<void> {
  await page.getByTestId('remote-reference-input').fill(reference)
  await page.getByTestId('remote-reference-input').press('Enter')
  await expect.poll(() => page.getByTestId('inspect').textContent()).toBe('Inspect')
}

describe('the Registries view', () => {
  it('inspects a multi-platform tag: both platforms with the registry\'s digests, sizes and layers', async () => {
    await inspect(slowMulti())
    await page.getByTestId('platforms-table').waitFor()
    expect(await page.getByTestId('remote-kind').textContent()).toBe('index')
    expect(await page.getByTestId('remote-media-type').textContent()).toBe('application/vnd.oci.image.index.v1+json')
    const index = await registryJson('multi/busybox/manifests/1')
    expect((index.manifests ?? []).map((entry) => `${entry.platform.os}/${entry.platform.architecture}`).sort()).toEqual(['linux/amd64', 'linux/arm64'])
    expect(await page.locator('[data-testid="platforms-table"] tr.platform-row').count()).toBe(2)
    for (const entry of index.manifests ?? []) {
      const manifest = await registryJson(`multi/busybox/manifests/${entry.digest}`)
      const layers = manifest.layers ?? []
      const row = platformRow(`${entry.platform.os}/${entry.platform.architecture}`)
      expect(await row.getByTestId('platform-name').textContent()).toBe(`${entry.platform.os}/${entry.platform.architecture}`)
      expect(await row.getByTestId('digest').getAttribute('title')).toBe(entry.digest)
      expect(await row.getByTestId('digest').textContent()).toBe(`sha256:${entry.digest.slice(7, 19)}`)
      expect(await row.getByTestId('compressed-size').textContent()).toBe(formatBytes(layers.reduce((sum, layer) => sum + layer.size, 0)))
      expect(await row.getByTestId('layer-count').textContent()).toBe(String(layers.length))
    }
    const arm = platformRow('linux/arm64')
    const armIndex = (index.manifests ?? []).find((entry) => entry.platform.architecture === 'arm64')
    const armLayers = (await registryJson(`multi/busybox/manifests/${armIndex?.digest ?? 'missing'}`)).layers ?? []
    expect(await arm.getByTestId('present').textContent()).toContain('no')
    expect(await arm.getByTestId('download-size').textContent()).toBe(formatBytes(armLayers.reduce((sum, layer) => sum + layer.size, 0)))

    await arm.getByTestId('toggle-layers').click()
    const listed = page.getByTestId('platform-layers').locator('tbody tr')
    expect(await listed.count()).toBe(armLayers.length)
    expect(await listed.first().getAttribute('data-local')).toBe('absent')
    expect(await listed.first().getByTestId('digest').getAttribute('title')).toBe(armLayers[0]?.digest)
    await page.screenshot({ path: `${SCREENSHOTS}/registry-inspect.png` })
  })

  it('pulls linux/arm64, the default pull platform set in Settings, with per-layer and overall progress, then shows it present and links the image', async () => {
    expect(await page.getByTestId('pull-default').count()).toBe(0)
    await page.getByRole('link', { name: 'Settings' }).click()
    await page.getByTestId('pull-platform').fill('linux/arm64')
    await page.getByTestId('pull-platform-save').click()
    await expect.poll(() => page.getByTestId('pull-platform-save').isDisabled()).toBe(true)
    await page.getByRole('link', { name: 'Registries' }).click()
    expect(await platformRow('linux/arm64').getByTestId('default-platform').count()).toBe(1)
    expect(await platformRow('linux/amd64').getByTestId('default-platform').count()).toBe(0)
    expect(await page.getByTestId('pull-default').textContent()).toBe('Pull linux/arm64')
    await page.getByTestId('pull-default').click()
    const layer = page.locator('[data-testid="pull-panel"] [data-testid="transfer-layer"][data-status="downloading"]')
    await layer.waitFor({ timeout: 20_000 })
    expect(await page.locator('[data-testid="pull-panel"] [data-testid="transfer"]').getAttribute('data-state')).toBe('running')
    expect(await page.locator('[data-testid="pull-panel"] [data-testid="transfer-overall"]').textContent()).toMatch(/ of .* downloaded/)
    await page.screenshot({ path: `${SCREENSHOTS}/registry-pull-progress.png` })

    const pulled = page.locator('[data-testid="pull-result"] [data-testid="pulled-image"]')
    await pulled.waitFor({ timeout: 30_000 })
    const inspected = await docker.getImage(slowMulti()).inspect()
    expect(inspected.Architecture).toBe('arm64')
    expect(await pulled.getAttribute('data-platform')).toBe('linux/arm64')
    expect(await pulled.locator('a').getAttribute('href')).toBe(`#/images/${inspected.Id}`)
    const link = platformRow('linux/arm64').getByTestId('local-image-link')
    await link.waitFor()
    expect(await link.getAttribute('href')).toBe(`#/images/${inspected.Id}`)
    expect(await platformRow('linux/amd64').getByTestId('local-image-link').count()).toBe(0)
    expect(await page.locator('[data-testid="pull-panel"] [data-testid="transfer-layer"]').first().getAttribute('data-status')).toBe('done')
    await page.screenshot({ path: `${SCREENSHOTS}/registry-pull-done.png` })

    // Pulled again, the engine says only "Image is up to date" and names no layer: none stays "Waiting".
    await page.getByTestId('pull-default').click()
    const rows = page.locator('[data-testid="pull-panel"] [data-testid="transfer-layer"]')
    // The first pull left "done"; the second starts its rows "waiting" and must end them "exists".
    await expect.poll(() => rows.first().getAttribute('data-status'), { timeout: 30_000 }).toBe('exists')
    expect(await page.locator('[data-testid="pull-panel"] [data-testid="transfer"]').getAttribute('data-state')).toBe('done')
    expect(await rows.and(page.locator('[data-status="waiting"]')).count()).toBe(0)

    await page.getByRole('link', { name: 'Images' }).click()
    const imageRow = page.locator(`tr[data-image-id="${inspected.Id}"]`)
    await imageRow.waitFor()
    expect(await imageRow.locator('.platform').textContent()).toBe('linux/arm64')
    expect(await imageRow.textContent()).toContain(slowMulti())
    await page.getByRole('link', { name: 'Registries' }).click()
  })

  it('cancels a pull mid-download and leaves no image', async () => {
    await inspect(big.replace(host, proxy.host))
    expect(await page.getByTestId('remote-kind').textContent()).toBe('single manifest')
    await page.locator('[data-testid="platforms-table"] [data-testid="pull-platform"]').click()
    await page.locator('[data-testid="pull-panel"] [data-testid="transfer-layer"][data-status="downloading"]').waitFor({ timeout: 20_000 })
    await page.getByTestId('cancel-transfer').click()
    await page.getByTestId('transfer-cancelled').waitFor({ timeout: 20_000 })
    expect(await page.locator('[data-testid="pull-panel"] [data-testid="transfer"]').getAttribute('data-state')).toBe('cancelled')
    await expect(docker.getImage(big.replace(host, proxy.host)).inspect()).rejects.toMatchObject({ statusCode: 404 })
    await page.locator('[data-testid="pull-panel"] [data-testid="dismiss-transfer"]').click()
    expect(await page.getByTestId('pull-panel').count()).toBe(0)
  })

  it('says what an unknown tag and an unreachable registry mean', async () => {
    await inspect(`${host}/multi/busybox:nope`)
    expect(await page.getByTestId('registry-failure').getAttribute('data-code')).toBe('NOT_FOUND')
    expect(await page.getByTestId('registry-failure').textContent()).toContain(`Unknown repository or tag: ${host}/multi/busybox:nope`)
    expect(await page.getByTestId('failure-login').count()).toBe(0)
    const nowhere = `127.0.0.1:${String(await freePort())}`
    await inspect(`${nowhere}/multi/busybox:1`)
    expect(await page.getByTestId('registry-failure').getAttribute('data-code')).toBe('REGISTRY_UNREACHABLE')
    expect(await page.getByTestId('registry-failure').textContent()).toContain(`Cannot reach ${nowhere}`)
    expect(await page.getByTestId('platforms-table').count()).toBe(0)
  })

  it('tags a local image for the registry, validating as one types, and pushes it with progress', async () => {
    const target = `${proxy.host}/e2e/pushed:1`
    await page.getByTestId('local-image').selectOption(baseId)
    const field = page.getByTestId('target-reference')
    await field.fill(`${proxy.host}/E2E/pushed:1`)
    expect(await field.getAttribute('aria-invalid')).toBe('true')
    expect(await page.getByTestId('target-problem').textContent()).toMatch(/uppercase/)
    expect(await page.getByTestId('tag-image').isDisabled()).toBe(true)
    await field.fill(target)
    expect(await field.getAttribute('aria-invalid')).toBe('false')
    expect(await page.getByTestId('push-image').isDisabled()).toBe(true)
    await page.getByTestId('tag-image').click()
    await page.getByTestId('tag-result').waitFor()
    expect(await page.getByTestId('tag-result').textContent()).toContain(`Tagged ${shortId(baseId)} as ${target}`)
    expect((await docker.getImage(target).inspect()).Id).toBe(baseId)

    // The tag arrives through the images.changed event; then the image carries the name and may be pushed.
    await expect.poll(() => page.getByTestId('push-image').isDisabled(), { timeout: 10_000 }).toBe(false)
    await page.getByTestId('push-image').click()
    await page.locator('[data-testid="push-panel"] [data-testid="transfer-layer"][data-status="uploading"]').first().waitFor({ timeout: 20_000 })
    await page.screenshot({ path: `${SCREENSHOTS}/registry-push-progress.png` })
    const result = page.getByTestId('push-result')
    await result.waitFor({ timeout: 30_000 })
    const stored = await fetch(`http://${host}/v2/e2e/pushed/manifests/1`, { method: 'HEAD', headers: { Accept: 'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json' } })
    const digest = stored.headers.get('docker-content-digest') ?? 'missing'
    expect(await result.locator('.mono').getAttribute('title')).toBe(digest)
    expect(await result.textContent()).toContain(`Pushed ${target}`)
    await page.screenshot({ path: `${SCREENSHOTS}/registry-local.png` })
  })

  it('saves the image to a file and loads it back from the Images toolbar', async () => {
    const path = join(work, 'base.tar')
    // A relative path would be read from wherever strata serve started: the form says so and keeps Save off.
    await page.getByTestId('save-path').fill('base.tar')
    expect(await page.getByTestId('save-path-problem').textContent()).toContain('full path')
    expect(await page.getByTestId('save-image').isDisabled()).toBe(true)
    await page.getByTestId('save-path').fill(path)
    expect(await page.getByTestId('save-path-problem').count()).toBe(0)
    await page.getByTestId('save-image').click()
    const saved = page.getByTestId('save-result')
    await saved.waitFor({ timeout: 30_000 })
    expect(await saved.textContent()).toContain(`(${formatBytes(statSync(path).size)})`)

    await page.getByRole('link', { name: 'Images' }).click()
    await page.getByTestId('load-from-file').click()
    await page.getByTestId('load-dialog').waitFor()
    await page.getByTestId('load-path').fill(path)
    await page.getByTestId('load-file').click()
    const loaded = page.locator('[data-testid="load-dialog"] [data-testid="loaded-image"]')
    await loaded.first().waitFor({ timeout: 30_000 })
    expect(await loaded.locator('a').getAttribute('href')).toBe(`#/images/${baseId}`)
    await page.screenshot({ path: `${SCREENSHOTS}/registry-load.png` })
    await page.keyboard.press('Escape')
    expect(await page.getByTestId('load-dialog').count()).toBe(0)
    await page.getByRole('link', { name: 'Registries' }).click()
  })

  it('asks for a login where the registry wants one; a wrong password is refused, the right one stored', async () => {
    await inspect(`${authRegistry.host}/strata/base:1`)
    expect(await page.getByTestId('registry-failure').getAttribute('data-code')).toBe('UNAUTHORIZED')
    expect(await page.getByTestId('registry-failure').textContent()).toContain(`log in to ${authRegistry.host}`)
    await page.getByTestId('failure-login').click()
    await page.getByTestId('login-dialog').waitFor()
    expect(await page.getByTestId('login-registry').inputValue()).toBe(authRegistry.host)
    await page.getByTestId('login-username').fill(user.name)
    await page.getByTestId('login-password').fill('wrong')
    await page.getByTestId('login-submit').click()
    await page.getByTestId('login-failure').waitFor({ timeout: 20_000 })
    expect(await page.getByTestId('login-failure').getAttribute('data-code')).toBe('UNAUTHORIZED')
    expect(await page.getByTestId('login-failure').textContent()).toContain(`${authRegistry.host} refused the user name or password`)
    expect(await page.getByTestId('login-password').inputValue()).toBe('')
    await page.screenshot({ path: `${SCREENSHOTS}/registry-login-error.png` })

    await page.getByTestId('login-password').fill(user.password)
    await page.getByTestId('login-submit').click()
    await page.getByTestId('login-result').waitFor({ timeout: 20_000 })
    expect(await page.getByTestId('login-stored-in').textContent()).toBe('config.json')
    expect(await page.getByTestId('login-result').textContent()).toContain(join(work, 'docker-config', 'config.json'))
    await page.getByTestId('login-dialog').getByRole('button', { name: 'Close' }).click()
    // The inspect is retried with the stored login: the registry now answers, and it holds no such repository.
    await expect.poll(() => page.getByTestId('registry-failure').getAttribute('data-code'), { timeout: 20_000 }).toBe('NOT_FOUND')
  })

  it('reads well in the dark scheme, and the console stayed clean', async () => {
    await page.emulateMedia({ colorScheme: 'dark' })
    await inspect(slowMulti())
    await platformRow('linux/amd64').getByTestId('toggle-layers').click()
    await page.screenshot({ path: `${SCREENSHOTS}/registry-dark.png` })
    expect(await page.evaluate('getComputedStyle(document.documentElement).backgroundColor')).toBe('rgb(22, 24, 29)')
    await page.emulateMedia({ colorScheme: 'light' })
    expect(consoleProblems.filter((text) => !/status of (401|404|499|504)/.test(text))).toEqual([])
  })
})
