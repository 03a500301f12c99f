import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { blockerKey, type RemoveSetResult } from '../../shared/types'
import { buildBulkScenario, layersSize } from '../support/bulk-scenario'
import { Leftovers } from '../support/containers'
import { callError, callOk, privateCore, privateDocker } from '../support/engine'
import { FIXTURES } from '../support/fixtures'
import { runStrata } from '../support/strata-cli'
import { build, dd, exists } from './cleanup-helpers'

const docker = privateDocker()
const core = privateCore()
const leftovers = new Leftovers(docker)
const cacheHome = mkdtempSync(join(tmpdir(), 'strata-rmi-cache-'))
afterAll(async () => {
  await leftovers.clean()
  await core.close()
  rmSync(cacheHome, { recursive: true, force: true })
})

describe('deleting a set of images against the engine', () => {
  it('frees exactly what it predicts over chain IDs: a shared layer once, a layer an outside image holds not at all', async () => {
    const scenario = await buildBulkScenario(docker, leftovers, 'rmset')
    const [m1 = '', , , m4 = '', m5 = ''] = scenario.ids
    const user = await docker.createContainer({ Image: m4, name: 'rmset-user', Cmd: ['true'] })
    leftovers.container(user.id)

    const plan = await callOk(core, 'images.planRemoveSet', { ids: scenario.tags })
    expect(plan.members.map((member) => member.id)).toEqual(scenario.ids)
    // Five's parent (four) is in the set: only the container blocks.
    expect(plan.blockers).toEqual([expect.objectContaining({ kind: 'stopped-container', name: 'rmset-user', imageId: m4 })])
    expect(plan.removingContainers.freedBytes).toBe(scenario.expectedFreed)
    expect(plan.removingContainers.containers).toEqual([user.id])
    // Keeping the container keeps four, and with it nothing of four's own layer is freed; five still goes.
    expect(plan.keepingContainers.deletable).not.toContain(m4)
    expect(plan.keepingContainers.deletable).toContain(m5)
    expect(plan.keepingContainers.freedBytes).toBeLessThan(plan.removingContainers.freedBytes)
    expect(scenario.sharedBytes).toBeGreaterThanOrEqual(100 * 1024)

    // A container list other than the one confirmed: refused, nothing touched.
    const refused = await callError(core, 'images.removeSet', { ids: scenario.ids, removeContainers: true, confirmedBlockers: [] })
    expect(refused.code).toBe('CONFLICT')
    expect(await exists(docker, m1)).toBe(true)

    const before = await layersSize(docker)
    const result: RemoveSetResult = await callOk(core, 'images.removeSet', { ids: scenario.ids, removeContainers: true, confirmedBlockers: plan.blockers.map(blockerKey) })
    const drop = before - (await layersSize(docker))
    expect(result.outcomes.map((outcome) => outcome.status)).toEqual(['deleted', 'deleted', 'deleted', 'deleted', 'deleted'])
    // Children first: five before four.
    const order = result.outcomes.map((outcome) => outcome.id)
    expect(order.indexOf(m5)).toBeLessThan(order.indexOf(m4))
    expect(result.removedContainers).toEqual([user.id])
    expect(result.predictedBytes).toBe(scenario.expectedFreed)
    expect(result.freedBytes).toBe(scenario.expectedFreed)
    expect(drop).toBe(scenario.expectedFreed)
    for (const id of scenario.ids) expect(await exists(docker, id)).toBe(false)
    expect(await exists(docker, scenario.outside)).toBe(true)
    expect(await exists(docker, FIXTURES.base.tag)).toBe(true)
  })

  it('an image outside the set built on one of it blocks that one, and strata rmi says so and deletes nothing', async () => {
    const parent = await build(docker, leftovers, 'rmset/parent:1', [`FROM ${FIXTURES.base.tag}`, 'LABEL strata.test=rmset-child', dd('/p', 10)])
    const child = await build(docker, leftovers, 'rmset/child:1', ['FROM rmset/parent:1', dd('/c', 5)])
    const plan = await callOk(core, 'images.planRemoveSet', { ids: ['rmset/parent:1'] })
    expect(plan.blockers).toEqual([expect.objectContaining({ kind: 'child-image', id: child, name: 'rmset/child:1', imageId: parent })])
    expect(plan.removingContainers).toMatchObject({ deletable: [], freedBytes: 0 })

    const refused = await runStrata(['rmi', 'rmset/parent:1', '--yes', '--host', inject('dockerHost')], { XDG_CACHE_HOME: cacheHome })
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('image rmset/child:1 is built on it')
    expect(await exists(docker, parent)).toBe(true)

    // Both together: the child is inside the set, nothing blocks.
    const both = await runStrata(['rmi', 'rmset/parent:1', 'rmset/child:1', '--yes', '--json', '--host', inject('dockerHost')], { XDG_CACHE_HOME: cacheHome })
    expect(both.code).toBe(0)
    const result = JSON.parse(both.stdout) as RemoveSetResult
    expect(result.outcomes.map((outcome) => [outcome.id, outcome.status])).toEqual([
      [child, 'deleted'],
      [parent, 'deleted'],
    ])
    expect(result.freedBytes).toBe(result.predictedBytes)
    expect([await exists(docker, parent), await exists(docker, child)]).toEqual([false, false])
  })
})
