import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, inject, it } from 'vitest'
import type { CleanupPlan } from '../../shared/types'
import { Leftovers } from '../support/containers'
import { loadDatedImages } from '../support/dated-images'
import { callOk, privateCore, privateDocker } from '../support/engine'
import { runStrata } from '../support/strata-cli'
import { exists, layersSize } from './cleanup-helpers'

// Retention rules rank every repository on the engine, so each scenario has repositories
// of its own and plans only its own images, by label.
const docker = privateDocker()
const core = privateCore()
const leftovers = new Leftovers(docker)
const cacheHome = mkdtempSync(join(tmpdir(), 'strata-retention-cache-'))
afterAll(async () => {
  await leftovers.clean()
  await core.close()
  rmSync(cacheHome, { recursive: true, force: true })
})

const DAY = 86_400_000
const daysAgo = (days: number): Date => new Date(Date.now() - days * DAY)

function byId<T extends { id: string }>(list: readonly T[]): Map<string, T> {
  return new Map(list.map((entry) => [entry.id, entry]))
}

function plannedIds(plan: CleanupPlan): string[] {
  return plan.items.map((item) => item.id).sort()
}

describe('retention rules against the engine', () => {
  it('keep-last 3 of 12 tags keeps exactly the newest 3, frees what it predicted, and skips an image a container started on', async () => {
    const label = 'strata.test=retention-last'
    // Created a day apart, named so the names do not sort by age: index 0 is the newest.
    const specs = Array.from({ length: 12 }, (_, index) => ({ tag: `retention/last:b${String((index * 7) % 12).padStart(2, '0')}`, created: daysAgo(index + 1), labels: { 'strata.test': 'retention-last' }, ownBytes: 2048 * (index + 1) }))
    const ids = (await loadDatedImages(docker, specs)).map((id) => leftovers.image(id))
    const options = { retention: { keepLast: 3 }, labels: [label] }

    const plan = await callOk(core, 'cleanup.plan', options)
    expect(plannedIds(plan)).toEqual(ids.slice(3).sort())
    for (const item of plan.items) expect(item).toMatchObject({ reason: 'retention', rule: { kind: 'beyond-last', count: 3 } })
    const kept = byId(plan.protected)
    for (const id of ids.slice(0, 3)) expect(kept.get(id)).toMatchObject({ reason: 'retention-keep', rule: { kind: 'keep-last', count: 3 } })
    const verdicts = byId(plan.retention.map((verdict) => ({ ...verdict, id: verdict.imageId })))
    expect(ids.map((id) => verdicts.get(id)?.verdict)).toEqual(ids.map((_id, index) => (index < 3 ? 'kept' : 'dropped')))
    // Every image's own layer goes, and only that: the busybox layer stays for the three kept.
    expect(plan.totalBytesFreed).toBe(plan.freed.layers)
    expect(plan.sharedLayers.every((layer) => layer.keptBy.length > 0)).toBe(true)

    // Between the plan and its execution, a container starts on one planned image.
    const raced = ids[7] ?? ''
    const racedTag = specs[7]?.tag ?? ''
    const racer = await docker.createContainer({ Image: racedTag, name: 'retention-race', Cmd: ['/bin/busybox', 'sleep', '600'] })
    leftovers.container(racer.id)
    await racer.start()
    const before = await layersSize(docker)
    const report = await callOk(core, 'cleanup.execute', { options, confirmed: plan.items.map((item) => item.key) })
    const freed = before - (await layersSize(docker))

    const outcomes = byId(report.outcomes)
    expect(outcomes.get(raced)).toMatchObject({ status: 'skipped', blockers: [{ kind: 'running-container', name: 'retention-race', state: 'running' }] })
    expect(outcomes.get(raced)?.reason).toContain('a running container uses it')
    expect(report.outcomes.filter((outcome) => outcome.status === 'removed')).toHaveLength(8)
    const racedBytes = plan.items.find((item) => item.id === raced)?.bytesFreed ?? 0
    expect(racedBytes).toBeGreaterThan(0)
    expect(report.predictedBytes).toBe(plan.totalBytesFreed - racedBytes)
    expect(freed).toBe(report.predictedBytes)
    expect(report.freedBytes).toBe(report.predictedBytes)
    expect(await Promise.all(ids.map((id) => exists(docker, id)))).toEqual(ids.map((id, index) => index < 3 || id === raced))
  })

  it('orders tags that all read as versions by version: 1.10 is newer than 1.9 though built before it, and than its pre-release', async () => {
    const label = 'strata.test=retention-semver'
    const specs = [
      { tag: 'retention/semver:1.9', created: daysAgo(1) },
      { tag: 'retention/semver:1.10', created: daysAgo(3) },
      { tag: 'retention/semver:1.10.0-rc1', created: daysAgo(2) },
      { tag: 'retention/semver:v1.8', created: daysAgo(0.5) },
    ].map((spec) => ({ ...spec, labels: { 'strata.test': 'retention-semver' } }))
    const [v19, v110, rc, v18] = (await loadDatedImages(docker, specs)).map((id) => leftovers.image(id))

    const plan = await callOk(core, 'cleanup.plan', { retention: { keepLast: 1 }, labels: [label] })
    expect(plannedIds(plan)).toEqual([v19, v18, rc].sort())
    expect(byId(plan.protected).get(v110 ?? '')).toMatchObject({ reason: 'retention-keep', rule: { kind: 'keep-last', count: 1 } })

    // The command line words the same plan per image, and lists the verdicts with --json.
    const strata = (...args: string[]): ReturnType<typeof runStrata> => runStrata([...args, '--host', inject('dockerHost')], { XDG_CACHE_HOME: cacheHome })
    const text = await strata('cleanup', '--keep-last', '1', '--label', label, '--dry-run')
    expect(text.code).toBe(0)
    expect(text.stdout).toMatch(/^image +retention\/semver:1\.9 .*removed by rule keep-last 1, not among the newest 1$/m)
    expect(text.stdout).toContain('  image retention/semver:1.10: kept by rule keep-last 1\n')
    const json = await strata('cleanup', '--keep-last', '1', '--label', label, '--dry-run', '--json')
    const printed = JSON.parse(json.stdout) as { retention: { imageId: string; verdict: string; tags: { tag: string }[] }[] }
    expect(printed.retention.filter((verdict) => verdict.tags.some((tag) => tag.tag.startsWith('retention/semver:'))).map((verdict) => [verdict.tags[0]?.tag, verdict.verdict]).sort()).toEqual([
      ['retention/semver:1.10', 'kept'],
      ['retention/semver:1.10.0-rc1', 'dropped'],
      ['retention/semver:1.9', 'dropped'],
      ['retention/semver:v1.8', 'dropped'],
    ])
    expect(await exists(docker, v19 ?? '')).toBe(true)
  })

  it('keep-tag patterns keep their images even from unused, and old ci- tags go', async () => {
    const label = 'strata.test=retention-tags'
    const specs = [
      { tag: 'retention/tags:stable', created: daysAgo(40) },
      { tag: 'retention/tags:release-1', created: daysAgo(30) },
      { tag: 'retention/tags:ci-1', created: daysAgo(10) },
      { tag: 'retention/tags:ci-2', created: daysAgo(2) },
    ].map((spec) => ({ ...spec, labels: { 'strata.test': 'retention-tags' } }))
    const [stable, release, ci1, ci2] = (await loadDatedImages(docker, specs)).map((id) => leftovers.image(id))
    const rules = { keepTags: ['stable', 'release-*'], dropTags: [{ pattern: 'ci-*', olderThan: '7d' }] }

    const alone = await callOk(core, 'cleanup.plan', { retention: rules, labels: [label] })
    expect(alone.items.map((item) => [item.id, item.rule])).toEqual([[ci1, { kind: 'drop-tag', pattern: 'ci-*', olderThan: '7d' }]])

    const options = { unused: true, retention: rules, labels: [label] }
    const plan = await callOk(core, 'cleanup.plan', options)
    expect(Object.fromEntries(plan.items.map((item) => [item.id, item.reason]))).toEqual({ [ci1 ?? '']: 'retention', [ci2 ?? '']: 'unused' })
    const kept = byId(plan.protected)
    expect(kept.get(stable ?? '')).toMatchObject({ reason: 'retention-keep', rule: { kind: 'keep-tag', pattern: 'stable' } })
    expect(kept.get(release ?? '')).toMatchObject({ reason: 'retention-keep', rule: { kind: 'keep-tag', pattern: 'release-*' } })

    const before = await layersSize(docker)
    const report = await callOk(core, 'cleanup.execute', { options, confirmed: plan.items.map((item) => item.key) })
    expect(before - (await layersSize(docker))).toBe(plan.totalBytesFreed)
    expect(report.freedBytes).toBe(plan.totalBytesFreed)
    expect(await Promise.all([stable, release, ci1, ci2].map((id) => exists(docker, id ?? '')))).toEqual([true, true, false, false])
  })
})
