import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createStrataCore, type StrataCore } from '../../electron/core/api/core'
import { engineText, imagesText, oneLine } from '../../electron/host/cli-output'
import { StrataError } from '../../shared/errors'
import { containersText } from '../../electron/host/cli-containers-output'
import type { EngineInfo, ImageSummary } from '../../shared/types'
import { Leftovers, ranContainer, sleepingContainer } from '../support/containers'
import { callOk, privateDocker } from '../support/engine'
import { FIXTURES } from '../support/fixtures'
import { loadedPackages, loadedZod, traceStrata } from '../support/module-trace'
import { runStrata } from '../support/strata-cli'

// `strata images`, `engine` and `containers` on a socket engine ask it with Node's own http
// (electron/host/cli-listing.ts) instead of dockerode through the core. Their output must
// be the core's, byte for byte: the built CLI (the plain client, as its module trace shows)
// against an in-process core (dockerode) on the same private daemon. Files of this project
// run one at a time, so nothing changes the daemon between the two.
const folders: string[] = []
const cores: StrataCore[] = []
const leftovers = new Leftovers(privateDocker())
// A running and an exited container (with a file written): the lists and the images' container counts have something to show.
beforeAll(async () => {
  await sleepingContainer(privateDocker(), leftovers, FIXTURES.app.tag, 'strata-listing-running')
  await ranContainer(privateDocker(), leftovers, FIXTURES.app.tag, 'strata-listing-exited', 'echo written > /written')
}, 60_000)
afterAll(async () => {
  for (const core of cores) await core.close()
  await leftovers.clean()
  for (const folder of folders) rmSync(folder, { recursive: true, force: true })
})

function folder(): string {
  const made = mkdtempSync(join(tmpdir(), 'strata-listing-'))
  folders.push(made)
  return made
}

function dockerodeCore(host: string, cacheDir: string | null): StrataCore {
  const core = createStrataCore({ host, cacheDir, configDir: null })
  cores.push(core)
  return core
}

async function plainRun(args: string[], cacheHome: string): Promise<{ code: number; stdout: string }> {
  const run = await traceStrata(args, { XDG_CACHE_HOME: cacheHome })
  // The output below is the plain client's only if the core's engine client never loaded.
  expect(loadedPackages(run.modules)).not.toContain('dockerode')
  expect(loadedZod(run.modules)).toBe(false)
  return run
}

describe('the listing commands without dockerode give the core\'s output', () => {
  it('images --json, cold and then warm cache, and the table', async () => {
    const host = inject('dockerHost')
    const expected = await callOk(dockerodeCore(host, folder()), 'images.list', {})
    expect(expected.length).toBeGreaterThan(0)
    const cacheHome = folder()
    const cold = await plainRun(['images', '--json', '--host', host], cacheHome)
    expect(cold.code).toBe(0)
    expect(cold.stdout).toBe(`${JSON.stringify(expected, null, 2)}\n`)
    // The second run reads the per-image data the first one wrote, where the core reads it.
    const warm = await plainRun(['images', '--json', '--host', host], cacheHome)
    expect(warm.stdout).toBe(cold.stdout)
    const fromItsCache = await callOk(dockerodeCore(host, join(cacheHome, 'strata')), 'images.list', {})
    expect(JSON.stringify(fromItsCache)).toBe(JSON.stringify(expected satisfies ImageSummary[]))
    const table = await plainRun(['images', '--host', host], cacheHome)
    expect(table.stdout).toBe(imagesText(expected))
  })

  it('engine --json and its text', async () => {
    const host = inject('dockerHost')
    const expected: EngineInfo = await callOk(dockerodeCore(host, null), 'engine.info', {})
    const json = await plainRun(['engine', '--json', '--host', host], folder())
    expect(json.code).toBe(0)
    expect(json.stdout).toBe(`${JSON.stringify(expected, null, 2)}\n`)
    const text = await plainRun(['engine', '--host', host], folder())
    expect(text.stdout).toBe(engineText(expected))
  })

  // A container's status is worded from the clock ("Up 1 second", "Exited (0) 2 seconds ago"),
  // ticking between the two runs: the durations are set aside in both outputs, and so is the
  // table's padding that follows the status's width. Everything else must be the same byte for byte.
  const clockFree = (text: string): string =>
    text.replace(/\b(Less than a second|About an? (minute|hour)|\d+ (seconds?|minutes?|hours?|days?))\b/g, 'T').replace(/ {2,}/g, '  ')
  it.each([[false], [true]])('containers --json and its table (--size: %s)', async (size) => {
    const host = inject('dockerHost')
    const core = dockerodeCore(host, null)
    const args = ['containers', '--host', host, ...(size ? ['--size'] : [])]
    const json = await plainRun([...args, '--json'], folder())
    const table = await plainRun(args, folder())
    const expected = await callOk(core, 'containers.list', { size })
    expect(expected.map((container) => container.name).sort()).toEqual(['strata-listing-exited', 'strata-listing-running'])
    expect(json.code).toBe(0)
    expect(clockFree(json.stdout)).toBe(clockFree(`${JSON.stringify(expected, null, 2)}\n`))
    expect(clockFree(table.stdout)).toBe(clockFree(containersText(expected, size)))
  })

  it.each([
    ['images', 'images.list'],
    ['engine', 'engine.info'],
    ['containers', 'containers.list'],
  ])('%s: an engine that does not answer gives the same line and exit code', async (command, method) => {
    const host = 'unix:///nonexistent/strata-listing.sock'
    const outcome = await dockerodeCore(host, null).call(method, {})
    expect(outcome.ok).toBe(false)
    const expected = outcome.ok ? '' : oneLine(StrataError.fromWire(outcome.error))
    expect(expected).toMatch(/^No Docker engine answers at unix:\/\/\/nonexistent\/strata-listing\.sock/)
    const run = await runStrata([command, '--json', '--host', host], { XDG_CACHE_HOME: folder() })
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toBe(`strata: ${expected}\n`)
  })
})
