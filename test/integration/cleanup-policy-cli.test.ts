import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { SettingsStore } from '../../electron/core/settings/settings'
import type { CleanupReport } from '../../shared/types'
import { Leftovers } from '../support/containers'
import { privateDocker } from '../support/engine'
import { BASE, build, dd, exists, imageSize } from './cleanup-helpers'
import { runStrata, type CliRun } from '../support/strata-cli'

const docker = privateDocker()
const leftovers = new Leftovers(docker)
// A config folder of its own (settings.json with the saved policy) and a cache folder out of the real home.
const configHome = mkdtempSync(join(tmpdir(), 'strata-policy-config-'))
const cacheHome = mkdtempSync(join(tmpdir(), 'strata-policy-cache-'))
const settings = new SettingsStore(join(configHome, 'strata'))
afterAll(async () => {
  await leftovers.clean()
  rmSync(configHome, { recursive: true, force: true })
  rmSync(cacheHome, { recursive: true, force: true })
})

const strata = (...args: string[]): Promise<CliRun> => runStrata([...args, '--host', inject('dockerHost')], { XDG_CACHE_HOME: cacheHome, XDG_CONFIG_HOME: configHome })

const LABEL = 'strata.test=policy-cli'

describe('strata cleanup --policy', () => {
  it('plans with the saved policy (--dry-run --json), then runs it with --yes and records its last run', async () => {
    const unused = await build(docker, leftovers, 'policy-cli/unused:1', [`FROM ${BASE}`, `LABEL ${LABEL}`, dd('/u', 40)])
    const pinned = await build(docker, leftovers, 'policy-cli/pinned:1', [`FROM ${BASE}`, `LABEL ${LABEL}`, dd('/p', 30)])
    await settings.pinImage(pinned, true)
    // Promised nothing: a run from the command line is manual, not bound by the saved preview.
    await settings.savePolicy({ name: 'ci images', options: { dangling: false, unused: true, labels: [LABEL], labelsNot: [], containers: false, buildCache: false, volumes: false }, schedule: 'daily', promised: null })
    const own = (await imageSize(docker, unused)) - (await imageSize(docker, BASE))

    const dry = await strata('cleanup', '--policy', 'ci images', '--dry-run', '--json')
    expect(dry.code, dry.stderr).toBe(0)
    const plan = JSON.parse(dry.stdout) as { items: { id: string; reason: string }[]; totalBytesFreed: number; protected: { id: string; reason: string }[] }
    expect(plan.items.map((item) => [item.id, item.reason])).toEqual([[unused, 'unused']])
    expect(plan.totalBytesFreed).toBe(own)
    expect(plan.protected.map((kept) => [kept.id, kept.reason])).toEqual([[pinned, 'pinned']])
    expect((await settings.get()).cleanupPolicies[0]?.lastRun).toBeNull()

    const unknown = await strata('cleanup', '--policy', 'nightly', '--dry-run')
    expect(unknown.code).toBe(2)
    expect(unknown.stderr.split('\n')[0]).toBe('strata: no cleanup policy named "nightly"; saved: "ci images"')

    const real = await strata('cleanup', '--policy', 'ci images', '--yes', '--json')
    expect(real.code, real.stderr).toBe(0)
    const report = JSON.parse(real.stdout) as CleanupReport
    expect(report.outcomes.map((outcome) => [outcome.id, outcome.status])).toEqual([[unused, 'removed']])
    expect(report.freedBytes).toBe(own)
    expect(await exists(docker, unused)).toBe(false)
    expect(await exists(docker, pinned)).toBe(true)
    expect((await settings.get()).cleanupPolicies[0]?.lastRun).toMatchObject({ trigger: 'cli', removed: 1, skipped: 0, failed: 0, bytesFreed: own, predictedBytes: own })
  })
})
