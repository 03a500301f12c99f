import { execFileSync } from 'node:child_process'
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync, ftruncateSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { createStrataCore, type StrataCore } from '../../electron/core/api/core'
import { callError, callOk } from '../support/engine'
import { FIXTURES } from '../support/fixtures'

// The settings and cache methods against a core on the private dockerd, with a cache
// and a config folder of their own.

const scratch = mkdtempSync(join(tmpdir(), 'strata-settings-cache-'))
const cacheDir = join(scratch, 'cache')
const configDir = join(scratch, 'config')
const cores: StrataCore[] = []
function openCore(): StrataCore {
  const core = createStrataCore({ host: inject('dockerHost'), cacheDir, configDir })
  cores.push(core)
  return core
}
afterAll(async () => {
  for (const core of cores) await core.close()
  rmSync(scratch, { recursive: true, force: true })
})

/** Bytes and count of the regular files under a folder, as `find -type f -printf %s` lists them (du -sb without the folders' own blocks). */
function findSum(dir: string): { bytes: number; files: number } {
  let listing: string
  try {
    listing = execFileSync('find', [dir, '-type', 'f', '-printf', '%s\n'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
  } catch {
    return { bytes: 0, files: 0 }
  }
  const sizes = listing.split('\n').filter((line) => line !== '').map(Number)
  return { bytes: sizes.reduce((sum, size) => sum + size, 0), files: sizes.length }
}

/** A sparse layer index of `bytes` (no disk used), last used `ageHours` ago. */
function oldIndex(name: string, bytes: number, ageHours: number): string {
  const file = join(cacheDir, 'layers', `${name.repeat(64).slice(0, 64)}.idx`)
  mkdirSync(join(cacheDir, 'layers'), { recursive: true })
  const fd = openSync(file, 'w')
  ftruncateSync(fd, bytes)
  closeSync(fd)
  const when = new Date(Date.now() - ageHours * 3_600_000)
  utimesSync(file, when, when)
  return file
}

describe('cache.usage and cache.clear', () => {
  it('measure the cache folder as find sums it, and clear frees every file of it while an analysis runs', async () => {
    const core = openCore()
    await callOk(core, 'images.list', {})
    await callOk(core, 'layers.analyze', { ref: FIXTURES.app.tag, files: true })
    writeFileSync(join(scratch, 'cache', 'not-the-cache.txt'), 'stays')

    const usage = await callOk(core, 'cache.usage', {})
    const images = findSum(join(cacheDir, 'images'))
    const layers = findSum(join(cacheDir, 'layers'))
    expect(images.files).toBeGreaterThan(0)
    expect(layers.files).toBeGreaterThan(0)
    expect(usage).toEqual({ dir: cacheDir, bytes: images.bytes + layers.bytes, files: images.files + layers.files, parts: { images, layers }, capBytes: null })

    // An analysis of an image not cached yet, running while the cache is cleared, still finishes.
    const running = core.call('layers.analyze', { ref: FIXTURES.base.tag, files: true })
    const cleared = await callOk(core, 'cache.clear', {})
    expect(cleared.freedBytes).toBeGreaterThanOrEqual(usage.bytes)
    expect(await running).toMatchObject({ ok: true })
    // Whatever the analysis wrote after the clear is a valid entry; a second clear leaves nothing.
    await callOk(core, 'cache.clear', {})
    expect(findSum(join(cacheDir, 'images'))).toEqual({ bytes: 0, files: 0 })
    expect(findSum(join(cacheDir, 'layers'))).toEqual({ bytes: 0, files: 0 })
    expect(await callOk(core, 'cache.usage', {})).toMatchObject({ bytes: 0, files: 0 })
    expect(readFileSync(join(cacheDir, 'not-the-cache.txt'), 'utf8')).toBe('stays')

    // The cache fills again afterwards: a new core (empty memory) writes the indexes anew.
    await callOk(openCore(), 'layers.analyze', { ref: FIXTURES.app.tag, files: true })
    expect(findSum(join(cacheDir, 'layers')).files).toBeGreaterThan(0)
  }, 120_000)

  it('enforce the cap when it is set and after an analysis writes, oldest layer indexes first', async () => {
    const core = openCore()
    await callOk(core, 'cache.clear', {})
    oldIndex('a', 30_000_000, 30)
    const older = oldIndex('b', 30_000_000, 20)
    const recent = oldIndex('c', 30_000_000, 1)
    // 90 MB under a 64 MB cap: the oldest index goes, and 60 MB fits.
    const settings = await callOk(core, 'settings.update', { cacheCapBytes: 64_000_000 })
    expect(settings.cacheCapBytes).toBe(64_000_000)
    expect(readdirSync(join(cacheDir, 'layers')).map((name) => join(cacheDir, 'layers', name))).toEqual([older, recent])
    expect((await callOk(core, 'cache.usage', {})).capBytes).toBe(64_000_000)

    // Grown past the cap behind the core's back: the next analysis that writes an index brings it under, oldest first.
    oldIndex('d', 10_000_000, 10)
    await callOk(openCore(), 'layers.analyze', { ref: FIXTURES.base.tag, files: true })
    const usage = await callOk(core, 'cache.usage', {})
    expect(usage.bytes).toBeLessThanOrEqual(64_000_000)
    const names = readdirSync(join(cacheDir, 'layers'))
    expect(names).not.toContain(`${'b'.repeat(64)}.idx`)
    expect(names).toContain(`${'c'.repeat(64)}.idx`)
    expect(names.some((name) => name.endsWith('.idx'))).toBe(true)
  }, 120_000)
})

describe('settings methods through a core', () => {
  it('update, save and remove engines in the shared settings.json, keeping keys they do not know', async () => {
    writeFileSync(join(configDir, 'settings.json'), JSON.stringify({ engineHost: inject('dockerHost'), windowZoom: 2 }))
    const core = openCore()
    await callOk(core, 'settings.update', { theme: 'dark', defaultPullPlatform: 'linux/arm64' })
    await callOk(core, 'settings.saveEngine', { name: 'private dockerd', host: inject('dockerHost') })
    const saved = await callOk(core, 'settings.saveEngine', { name: 'nowhere', host: 'tcp://127.0.0.1:1' })
    expect(saved).toMatchObject({ theme: 'dark', defaultPullPlatform: 'linux/arm64', defaultEngineHost: inject('dockerHost'), engines: [{ name: 'private dockerd' }, { name: 'nowhere' }] })
    expect((await callError(core, 'settings.saveEngine', { name: 'bad', host: 'tcp://127.0.0.1:99999' })).message).toContain('optional port (1-65535)')
    await callOk(core, 'settings.removeEngine', { name: 'nowhere' })
    expect(JSON.parse(readFileSync(join(configDir, 'settings.json'), 'utf8'))).toEqual({
      engineHost: inject('dockerHost'),
      windowZoom: 2,
      theme: 'dark',
      defaultPullPlatform: 'linux/arm64',
      engines: [{ name: 'private dockerd', host: inject('dockerHost') }],
    })
  })

  it('report a broken settings.json, keep it aside at the next change, and say where', async () => {
    const core = openCore()
    writeFileSync(join(configDir, 'settings.json'), '{"theme": "dark",')
    const broken = await callOk(core, 'settings.get', {})
    expect(broken).toMatchObject({ theme: 'system', problem: { kind: 'corrupt', keptAs: join(configDir, 'settings.json.unreadable') } })
    const after = await callOk(core, 'settings.update', { theme: 'light' })
    expect(after.problem).toMatchObject({ kind: 'kept-aside', keptAs: join(configDir, 'settings.json.unreadable') })
    expect(readFileSync(join(configDir, 'settings.json.unreadable'), 'utf8')).toBe('{"theme": "dark",')
  })
})
