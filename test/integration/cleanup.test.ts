import { afterAll, describe, expect, it } from 'vitest'
import { executeCleanup } from '../../electron/core/cleanup/cleanup'
import { engineOps } from '../../electron/core/cleanup/engine-ops'
import { cleanupOptions } from '../../shared/cleanup-input'
import { Leftovers, ranContainer, sleepingContainer } from '../support/containers'
import { callOk, privateCore, privateDocker } from '../support/engine'
import { BASE, build, dd, exists, ids, imageSize, layersSize, planAndRun, writableBytes } from './cleanup-helpers'

// Engine test files run one at a time (vitest.config.ts: fileParallelism false), so within
// this file LayersSize moves only by what these tests do; each scenario still plans only its
// own images, by label, so the other files' images are never candidates.
const docker = privateDocker()
const core = privateCore()
const leftovers = new Leftovers(docker)
afterAll(async () => {
  await leftovers.clean()
  await core.close()
})

describe('cleanup against the engine: the plan frees exactly what it says', () => {
  it('unused images sharing layers with a kept image: only their own layers go', async () => {
    const label = 'strata.test=cleanup-shared'
    const base = await build(docker, leftovers, 'cleanup/shared-base:1', [`FROM ${BASE}`, `LABEL ${label}`, dd('/common', 100)])
    const a = await build(docker, leftovers, 'cleanup/shared-a:1', ['FROM cleanup/shared-base:1', dd('/a', 50)])
    const b = await build(docker, leftovers, 'cleanup/shared-b:1', ['FROM cleanup/shared-base:1', dd('/b', 60)])
    await ranContainer(docker, leftovers, 'cleanup/shared-b:1', 'cleanup-shared-user', 'true')

    const { plan, report, layersFreed } = await planAndRun(core, docker, { unused: true, labels: [label] })
    expect(ids(plan)).toEqual([a])
    // The naive sum counts the base's layers, which b and shared-base keep.
    expect(plan.imagesSize - plan.totalBytesFreed).toBe(await imageSize(docker, base))
    expect(plan.totalBytesFreed).toBeGreaterThanOrEqual(50 * 1024)
    // The layers named as kept alive explain the difference; the ones only this scenario keeps are shared-base's own.
    expect(plan.sharedLayers.reduce((sum, layer) => sum + layer.bytes, 0)).toBe(await imageSize(docker, base))
    const keptHere = plan.sharedLayers.filter((layer) => layer.keptBy.every((ref) => ref.id === base || ref.id === b))
    expect(keptHere.map((layer) => layer.keptBy.map((ref) => ref.id).sort())).toEqual([[base, b].sort()])
    expect(keptHere[0]?.bytes).toBe((await imageSize(docker, base)) - (await imageSize(docker, BASE)))
    const kept = Object.fromEntries(plan.protected.map((entry) => [entry.id, entry]))
    expect(kept[b]).toMatchObject({ reason: 'stopped-container', blockers: [{ kind: 'stopped-container', name: 'cleanup-shared-user' }] })
    expect(kept[base]?.reason).toBe('child-image')

    expect(layersFreed).toBe(plan.totalBytesFreed)
    expect(report).toMatchObject({ predictedBytes: plan.totalBytesFreed, freedBytes: plan.totalBytesFreed, cancelled: false })
    expect(report.outcomes.map((outcome) => outcome.status)).toEqual(['removed'])
    expect([await exists(docker, a), await exists(docker, base), await exists(docker, b)]).toEqual([false, true, true])
  })

  it('dangling images whose layers tagged images hold: one frees nothing, the other its top layer', async () => {
    const label = 'strata.test=cleanup-dangling'
    const t = await build(docker, leftovers, 'cleanup/dangling-t:1', [`FROM ${BASE}`, `LABEL ${label}`, dd('/t', 80)])
    // Moving a tag to a new build leaves the old image dangling.
    const labelOnly = await build(docker, leftovers, 'cleanup/dangling-label:1', [`FROM ${BASE}`, `LABEL ${label}`, 'LABEL version=1'])
    await build(docker, leftovers, 'cleanup/dangling-label:1', [`FROM ${BASE}`, `LABEL ${label}`, 'LABEL version=2'])
    const oldD = await build(docker, leftovers, 'cleanup/dangling-d:1', ['FROM cleanup/dangling-t:1', dd('/d', 30)])
    await build(docker, leftovers, 'cleanup/dangling-d:1', ['FROM cleanup/dangling-t:1', dd('/d', 31)])

    const oldSize = await imageSize(docker, oldD)
    const { plan, report, layersFreed } = await planAndRun(core, docker, { dangling: true, labels: [label] })
    const items = Object.fromEntries(plan.items.map((item) => [item.id, item]))
    expect(Object.keys(items).sort()).toEqual([labelOnly, oldD].sort())
    expect(items[labelOnly]).toMatchObject({ reason: 'dangling', bytesFreed: 0 })
    expect(items[oldD]?.bytesFreed).toBe(oldSize - (await imageSize(docker, t)))
    expect(plan.imagesSize).toBe((items[labelOnly]?.size ?? 0) + oldSize)
    expect(layersFreed).toBe(plan.totalBytesFreed)
    expect(report.freedBytes).toBe(plan.totalBytesFreed)
    expect([await exists(docker, labelOnly), await exists(docker, oldD), await exists(docker, t), await exists(docker, 'cleanup/dangling-d:1')]).toEqual([false, false, true, true])
  })

  it('a chain held by stopped containers: removing them makes three images unused', async () => {
    const label = 'strata.test=cleanup-chain'
    const a = await build(docker, leftovers, 'cleanup/chain-a:1', [`FROM ${BASE}`, `LABEL ${label}`, dd('/a', 40)])
    const b = await build(docker, leftovers, 'cleanup/chain-b:1', ['FROM cleanup/chain-a:1', dd('/b', 20)])
    const c = await build(docker, leftovers, 'cleanup/chain-c:1', ['FROM cleanup/chain-b:1', dd('/c', 10)])
    const ran = await ranContainer(docker, leftovers, 'cleanup/chain-c:1', 'cleanup-chain-ran', 'echo written > /w')
    const created = await docker.createContainer({ Image: 'cleanup/chain-a:1', name: 'cleanup-chain-created', Cmd: ['true'] })
    leftovers.container(created.id)

    const without = await callOk(core, 'cleanup.plan', { unused: true, labels: [label] })
    expect(without.items).toEqual([])
    expect(Object.fromEntries(without.protected.map((entry) => [entry.id, entry.reason]))).toEqual({ [a]: 'stopped-container', [b]: 'child-image', [c]: 'stopped-container' })

    const writable = await writableBytes(docker, [ran.id, created.id])
    // The three images' own layers: everything c holds above the base fixture.
    const ownLayers = (await imageSize(docker, c)) - (await imageSize(docker, BASE))
    const { plan, report, layersFreed } = await planAndRun(core, docker, { unused: true, containers: true, labels: [label] })
    expect(plan.items.slice(0, 2).map((item) => item.id).sort()).toEqual([ran.id, created.id].sort())
    expect(ids(plan).slice(2)).toEqual([c, b, a])
    expect(plan.freed.containers).toBe(writable)
    expect(writable).toBeGreaterThan(0)
    expect(plan.freed.layers).toBe(ownLayers)
    expect(layersFreed).toBe(plan.freed.layers)
    expect(report.freedBytes).toBe(plan.totalBytesFreed)
    expect(report.outcomes.every((outcome) => outcome.status === 'removed')).toBe(true)
    expect(await Promise.all([a, b, c].map((id) => exists(docker, id)))).toEqual([false, false, false])
    expect(await writableBytes(docker, [ran.id, created.id])).toBe(0)
  })

  it('never touches an image labelled strata.keep or pinned', async () => {
    const label = 'strata.test=cleanup-protected'
    const kept = await build(docker, leftovers, 'cleanup/protected-label:1', [`FROM ${BASE}`, `LABEL ${label}`, 'LABEL strata.keep=1', dd('/k', 10)])
    const pinned = await build(docker, leftovers, 'cleanup/protected-pinned:1', [`FROM ${BASE}`, `LABEL ${label}`, dd('/p', 12)])
    const free = await build(docker, leftovers, 'cleanup/protected-free:1', [`FROM ${BASE}`, `LABEL ${label}`, dd('/f', 14)])

    const byShortId = await callOk(core, 'cleanup.plan', { unused: true, labels: [label], pinned: [pinned.slice(7, 19), 'cleanup/no-such:1'] })
    expect(ids(byShortId).sort()).not.toContain(pinned)
    expect(byShortId.pinsNotFound).toEqual(['cleanup/no-such:1'])

    const { plan, report, layersFreed } = await planAndRun(core, docker, { unused: true, labels: [label], pinned: ['cleanup/protected-pinned:1'] })
    expect(ids(plan)).toEqual([free])
    expect(Object.fromEntries(plan.protected.map((entry) => [entry.id, entry.reason]))).toEqual({ [kept]: 'keep-label', [pinned]: 'pinned' })
    expect(layersFreed).toBe(plan.totalBytesFreed)
    expect(report.freedBytes).toBe(plan.totalBytesFreed)
    expect([await exists(docker, kept), await exists(docker, pinned), await exists(docker, free)]).toEqual([true, true, false])
  })
})

describe('cleanup against the engine: things change between plan and execute', () => {
  const label = 'strata.test=cleanup-race'
  const options = { unused: true, labels: [label] }

  it('skips an image a container started on since the plan, naming it, and removes the rest', async () => {
    const first = await build(docker, leftovers, 'cleanup/race-1:1', [`FROM ${BASE}`, `LABEL ${label}`, dd('/r1', 16)])
    const second = await build(docker, leftovers, 'cleanup/race-2:1', [`FROM ${BASE}`, `LABEL ${label}`, dd('/r2', 18)])
    const plan = await callOk(core, 'cleanup.plan', options)
    expect(ids(plan).sort()).toEqual([first, second].sort())
    await sleepingContainer(docker, leftovers, 'cleanup/race-1:1', 'cleanup-race-sleeper')

    const before = await layersSize(docker)
    const report = await callOk(core, 'cleanup.execute', { options, confirmed: plan.items.map((item) => item.key) })
    const outcomes = Object.fromEntries(report.outcomes.map((outcome) => [outcome.id, outcome]))
    expect(outcomes[first]).toMatchObject({ status: 'skipped', blockers: [{ kind: 'running-container', name: 'cleanup-race-sleeper', state: 'running' }] })
    expect(outcomes[first]?.reason).toContain('a running container uses it')
    expect(outcomes[second]?.status).toBe('removed')
    expect(before - (await layersSize(docker))).toBe(report.predictedBytes)
    expect(report.predictedBytes).toBe(plan.items.find((item) => item.id === second)?.bytesFreed)
    expect(report.freedBytes).toBe(report.predictedBytes)
    expect(await exists(docker, first)).toBe(true)
  })

  it('turns the engine\'s refusal during the run into the blocker, and goes on', async () => {
    const third = await build(docker, leftovers, 'cleanup/race-3:1', [`FROM ${BASE}`, `LABEL ${label}`, dd('/r3', 20)])
    const fourth = await build(docker, leftovers, 'cleanup/race-4:1', [`FROM ${BASE}`, `LABEL ${label}`, dd('/r4', 22)])
    const parsed = cleanupOptions.parse(options)
    const plan = await callOk(core, 'cleanup.plan', parsed)
    const connection = await core.session.connected()
    const real = engineOps(connection)
    // The container appears after the fresh plan, right before the delete: only the engine can refuse now.
    const racing = { ...real, removeImage: async (id: string): Promise<void> => {
      if (id === third) await sleepingContainer(docker, leftovers, third, 'cleanup-race-late')
      await real.removeImage(id)
    } }
    const before = await layersSize(docker)
    const report = await executeCleanup(connection, core.catalog.cache, { options: parsed, confirmed: plan.items.map((item) => item.key) }, { signal: new AbortController().signal, onProgress: () => undefined }, racing)
    const outcomes = Object.fromEntries(report.outcomes.map((outcome) => [outcome.id, outcome]))
    expect(outcomes[third]).toMatchObject({ status: 'skipped', reason: 'it came into use since the plan was made', blockers: [{ kind: 'running-container', name: 'cleanup-race-late' }] })
    expect(outcomes[fourth]?.status).toBe('removed')
    const fourthBytes = plan.items.find((item) => item.id === fourth)?.bytesFreed
    expect(report.freed.layers).toBe(fourthBytes)
    expect(before - (await layersSize(docker))).toBe(fourthBytes)
    expect(await exists(docker, third)).toBe(true)
  })
})
