import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { createStrataCore } from '../../electron/core/api/core'
import { Leftovers } from '../support/containers'
import { callOk, privateDocker } from '../support/engine'
import { BASE, build, dd, exists } from './cleanup-helpers'
import { runStrata, type CliRun } from '../support/strata-cli'

const docker = privateDocker()
const leftovers = new Leftovers(docker)
const LABEL = 'strata.test=cleanup-pins'
const configHome = mkdtempSync(join(tmpdir(), 'strata-pins-config-'))
const cacheHome = mkdtempSync(join(tmpdir(), 'strata-pins-cache-'))
// The settings folder `strata` uses under XDG_CONFIG_HOME; the core below shares it, as the app and serve do.
const configDir = join(configHome, 'strata')
const core = createStrataCore({ host: inject('dockerHost'), configDir })
afterAll(async () => {
  await leftovers.clean()
  await core.close()
  rmSync(configHome, { recursive: true, force: true })
  rmSync(cacheHome, { recursive: true, force: true })
})

const strata = (...args: string[]): Promise<CliRun> => runStrata([...args, '--host', inject('dockerHost')], { XDG_CACHE_HOME: cacheHome, XDG_CONFIG_HOME: configHome })

describe('pinned images from the settings protect on every transport', () => {
  it('the core adds the settings’ pins to a plan and to an execution, whatever the caller passes', async () => {
    const pinned = await build(docker, leftovers, 'cleanup-pins/pinned:1', [`FROM ${BASE}`, `LABEL ${LABEL}`, dd('/p', 40)])
    const free = await build(docker, leftovers, 'cleanup-pins/free:1', [`FROM ${BASE}`, `LABEL ${LABEL}`, dd('/f', 30)])
    const options = { unused: true, labels: [LABEL] }
    const unpinned = await callOk(core, 'cleanup.plan', options)
    expect(unpinned.items.map((item) => item.id).sort()).toEqual([pinned, free].sort())

    expect(await callOk(core, 'settings.pinImage', { ref: pinned, pinned: true })).toMatchObject({ pinnedImages: [pinned] })
    const plan = await callOk(core, 'cleanup.plan', options)
    expect(plan.items.map((item) => item.id)).toEqual([free])
    expect(plan.protected.map((kept) => [kept.id, kept.reason])).toEqual([[pinned, 'pinned']])

    // A caller confirming the pinned image anyway (a plan made before the pin) does not remove it.
    const report = await callOk(core, 'cleanup.execute', { options, confirmed: unpinned.items.map((item) => item.key) })
    expect(report.outcomes.map((outcome) => [outcome.id, outcome.status, outcome.reason])).toEqual([
      [free, 'removed', null],
      [pinned, 'skipped', 'no longer in the plan: it is pinned'],
    ])
    expect([await exists(docker, pinned), await exists(docker, free)]).toEqual([true, false])
  })

  it('`strata cleanup` reads the pins from the settings file, in addition to --keep, and keeps other keys in it', async () => {
    const pinned = (await docker.getImage('cleanup-pins/pinned:1').inspect()).Id
    const kept = await build(docker, leftovers, 'cleanup-pins/kept:1', [`FROM ${BASE}`, `LABEL ${LABEL}`, dd('/k', 20)])
    const unused = await build(docker, leftovers, 'cleanup-pins/unused:1', [`FROM ${BASE}`, `LABEL ${LABEL}`, dd('/u', 25)])
    mkdirSync(configDir, { recursive: true })
    const file = join(configDir, 'settings.json')
    writeFileSync(file, JSON.stringify({ engineHost: 'unix:///elsewhere.sock', pinnedImages: [pinned] }))

    const run = await strata('cleanup', '--unused', '--label', LABEL, '--keep', 'cleanup-pins/kept:1', '--dry-run', '--json')
    expect(run.code).toBe(0)
    const printed = JSON.parse(run.stdout) as { items: { id: string }[]; protected: { id: string; reason: string }[] }
    expect(printed.items.map((item) => item.id)).toEqual([unused])
    expect(printed.protected.map((entry) => [entry.id, entry.reason]).sort()).toEqual([[kept, 'pinned'], [pinned, 'pinned']].sort())

    // Unpinning through the API rewrites the file and leaves the app's engineHost in it.
    await callOk(core, 'settings.pinImage', { ref: pinned, pinned: false })
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ engineHost: 'unix:///elsewhere.sock', pinnedImages: [] })
    const after = JSON.parse((await strata('cleanup', '--unused', '--label', LABEL, '--dry-run', '--json')).stdout) as { items: { id: string }[] }
    expect(after.items.map((item) => item.id).sort()).toEqual([pinned, kept, unused].sort())
  })
})
