import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { createStrataCore, type StrataCore } from '../../electron/core/api/core'
import { engineText, imagesText, oneLine } from '../../electron/host/cli-output'
import { StrataError } from '../../shared/errors'
import type { EngineInfo, ImageSummary } from '../../shared/types'
import { callOk } from '../support/engine'
import { loadedPackages, loadedZod, traceStrata } from '../support/module-trace'
import { runStrata } from '../support/strata-cli'

// `strata images` and `strata engine` on a socket engine ask it with Node's own http
// (electron/host/cli-listing.ts) instead of dockerode through the core. Their output must
// be the core's, byte for byte: the built CLI (the plain client, as its module trace shows)
// against an in-process core (dockerode) on the same private daemon. Files of this project
// run one at a time, so nothing changes the daemon between the two.
const folders: string[] = []
const cores: StrataCore[] = []
afterAll(async () => {
  for (const core of cores) await core.close()
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

  it.each([['images'], ['engine']])('%s: an engine that does not answer gives the same line and exit code', async (command) => {
    const host = 'unix:///nonexistent/strata-listing.sock'
    const outcome = await dockerodeCore(host, null).call(command === 'images' ? 'images.list' : 'engine.info', {})
    expect(outcome.ok).toBe(false)
    const expected = outcome.ok ? '' : oneLine(StrataError.fromWire(outcome.error))
    expect(expected).toMatch(/^No Docker engine answers at unix:\/\/\/nonexistent\/strata-listing\.sock/)
    const run = await runStrata([command, '--json', '--host', host], { XDG_CACHE_HOME: folder() })
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toBe(`strata: ${expected}\n`)
  })
})
