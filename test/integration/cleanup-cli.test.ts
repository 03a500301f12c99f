import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, inject, it } from 'vitest'
import type { CleanupReport } from '../../shared/types'
import { Leftovers } from '../support/containers'
import { callOk, privateCore, privateDocker } from '../support/engine'
import { BASE, build, dd, exists, imageSize, layersSize } from './cleanup-helpers'
import { runStrata, type CliRun } from '../support/strata-cli'

const docker = privateDocker()
const core = privateCore()
const leftovers = new Leftovers(docker)
// The CLI persists its image cache; keep it out of the real home folder.
const cacheHome = mkdtempSync(join(tmpdir(), 'strata-cleanup-cache-'))
afterAll(async () => {
  await leftovers.clean()
  await core.close()
  rmSync(cacheHome, { recursive: true, force: true })
})

const strata = (...args: string[]): Promise<CliRun> => runStrata([...args, '--host', inject('dockerHost')], { XDG_CACHE_HOME: cacheHome })

const LABEL = 'strata.test=cleanup-cli'

describe('strata cleanup', () => {
  it('--unused --dry-run --json prints the items, the total and what is protected, and removes nothing', async () => {
    const unused = await build(docker, leftovers, 'cleanup/cli-unused:1', [`FROM ${BASE}`, `LABEL ${LABEL}`, dd('/u', 24)])
    const kept = await build(docker, leftovers, 'cleanup/cli-kept:1', [`FROM ${BASE}`, `LABEL ${LABEL}`, dd('/k', 26)])
    const run = await strata('cleanup', '--unused', '--label', LABEL, '--keep', 'cleanup/cli-kept:1', '--dry-run', '--json')
    expect(run.code).toBe(0)
    const printed = JSON.parse(run.stdout) as { items: Record<string, unknown>[]; totalBytesFreed: number; protected: Record<string, unknown>[] }
    expect(Object.keys(printed).sort()).toEqual(['items', 'protected', 'totalBytesFreed'])
    expect(printed.items.map((item) => Object.keys(item).sort())).toEqual([['bytesFreed', 'id', 'kind', 'names', 'reason']])
    expect(printed.items[0]).toMatchObject({ kind: 'image', id: unused, names: ['cleanup/cli-unused:1'], reason: 'unused' })
    expect(printed.protected).toEqual([{ kind: 'image', id: kept, names: ['cleanup/cli-kept:1'], reason: 'pinned', blockers: [] }])
    const plan = await callOk(core, 'cleanup.plan', { unused: true, labels: [LABEL], pinned: ['cleanup/cli-kept:1'] })
    expect(printed.totalBytesFreed).toBe(plan.totalBytesFreed)
    expect(printed.items[0]?.bytesFreed).toBe(plan.totalBytesFreed)
    expect(await exists(docker, unused)).toBe(true)
  })

  it('exits 2 without a candidate flag, saying which flags exist', async () => {
    const run = await strata('cleanup', '--dry-run', '--json')
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr.split('\n')[0]).toBe('strata: cleanup needs at least one of --dangling, --unused, --until, --label, --label-not, --containers, --build-cache, --volumes, --keep-last, --drop-tag')
  })

  it('without a terminal and without --yes removes nothing', async () => {
    const run = await strata('cleanup', '--unused', '--label', LABEL, '--keep', 'cleanup/cli-kept:1')
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/pass --yes/)
    expect(run.stdout).toContain('cleanup/cli-unused:1')
    expect(await exists(docker, 'cleanup/cli-unused:1')).toBe(true)
  })

  it('--yes executes and reports the predicted and freed bytes, which agree with the engine', async () => {
    const unused = (await docker.getImage('cleanup/cli-unused:1').inspect()).Id
    // Its own layer: everything above the base fixture, which other images keep.
    const own = (await imageSize(docker, unused)) - (await imageSize(docker, BASE))
    const before = await layersSize(docker)
    const run = await strata('cleanup', '--unused', '--label', LABEL, '--keep', 'cleanup/cli-kept:1', '--yes', '--json')
    expect(run.code).toBe(0)
    const report = JSON.parse(run.stdout) as CleanupReport
    expect(report.outcomes.map((outcome) => [outcome.id, outcome.status])).toEqual([[unused, 'removed']])
    expect(report.predictedBytes).toBe(own)
    expect(report.freedBytes).toBe(report.predictedBytes)
    expect(before - (await layersSize(docker))).toBe(report.freedBytes)
    // The plan being confirmed goes to stderr, so stdout is the report alone.
    expect(run.stderr).toContain('Cleanup plan: 1 item, frees')
    expect(await exists(docker, unused)).toBe(false)
    expect(await exists(docker, 'cleanup/cli-kept:1')).toBe(true)

    const text = await strata('cleanup', '--unused', '--label', LABEL, '--keep', 'cleanup/cli-kept:1', '--yes')
    expect(text.code).toBe(0)
    expect(text.stdout).toMatch(/^Nothing to clean up\.\nKept:\n {2}image cleanup\/cli-kept:1: it is pinned\nFreed 0 B \(predicted 0 B\)/)
  })
})
