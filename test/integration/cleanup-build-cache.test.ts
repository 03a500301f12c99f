import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { Leftovers } from '../support/containers'
import { callOk, privateCore, privateDocker } from '../support/engine'
import { planAndRun } from './cleanup-helpers'
import { engineDf } from '../support/engine-df'

const docker = privateDocker()
const core = privateCore()
const leftovers = new Leftovers(docker)
afterAll(async () => {
  await leftovers.clean()
  // Leave no BuildKit cache behind for the files that run after this one.
  await new Promise((resolve) => {
    docker.modem.dial({ path: '/build/prune?', method: 'POST', options: { all: true }, statusCodes: { 200: true } }, resolve)
  })
  await core.close()
})

interface CacheEntry {
  ID: string
  InUse: boolean
  Shared: boolean
  Size: number
}

async function buildCache(): Promise<CacheEntry[]> {
  return (await engineDf<{ BuildCache?: CacheEntry[] | null }>(docker)).BuildCache ?? []
}

/** BuildKit through the API (version=2, context as the request body): no session, no network. */
async function buildKitImage(tag: string, dockerfile: string, files: Record<string, string>): Promise<string> {
  const context = mkdtempSync(join(tmpdir(), 'strata-buildkit-'))
  try {
    writeFileSync(join(context, 'Dockerfile'), dockerfile)
    for (const [name, content] of Object.entries(files)) {
      writeFileSync(join(context, name), content)
      utimesSync(join(context, name), 1_700_000_000, 1_700_000_000)
    }
    const stream = await docker.buildImage({ context, src: ['Dockerfile', ...Object.keys(files)] }, { t: tag, version: '2' })
    await new Promise<void>((resolve, reject) => {
      docker.modem.followProgress(stream, (error: Error | null, output: { error?: string }[]) => {
        const failed = output.find((line) => line.error !== undefined)
        if (error !== null) reject(error)
        else if (failed !== undefined) reject(new Error(`BuildKit build of ${tag} failed: ${failed.error ?? ''}`))
        else resolve()
      })
    })
    return leftovers.image(((await docker.getImage(tag).inspect()) as { Id: string }).Id)
  } finally {
    rmSync(context, { recursive: true, force: true })
  }
}

describe('cleanup of the build cache', () => {
  it('finds /system/df BuildCache empty after classic builds, and plans and removes nothing from it', async () => {
    // Every fixture so far was built with the classic builder, which keeps no build cache.
    expect(await buildCache()).toEqual([])
    const { plan, report, layersFreed } = await planAndRun(core, docker, { buildCache: true })
    expect(plan.items).toEqual([])
    expect(report).toMatchObject({ predictedBytes: 0, freedBytes: 0, outcomes: [] })
    expect(layersFreed).toBe(0)
  })

  it('prunes BuildKit entries neither in use nor shared, reclaiming exactly the planned bytes', async () => {
    const tag = 'cleanup/buildkit:1'
    await buildKitImage(tag, 'FROM scratch\nCOPY one /one\nCOPY two /two\n', { one: 'x'.repeat(5000), two: 'y'.repeat(7000) })
    const entries = await buildCache()
    expect(entries.length).toBeGreaterThan(0)

    const first = await planAndRun(core, docker, { buildCache: true })
    const sharedIds = first.plan.protected.filter((entry) => entry.reason === 'shared').map((entry) => entry.id)
    // The image's own layers are shared with its cache entries: those stay while the image does.
    expect(sharedIds.length).toBeGreaterThan(0)
    expect(first.plan.items.length).toBeGreaterThan(0)
    expect(first.plan.freed.buildCache).toBe(entries.filter((entry) => first.plan.items.some((item) => item.id === entry.ID)).reduce((sum, entry) => sum + entry.Size, 0))
    expect(first.report.outcomes.map((outcome) => outcome.status)).toEqual(first.plan.items.map(() => 'removed'))
    // SpaceReclaimed, summed over the prunes, is the plan's figure to the byte.
    expect(first.report.freed.buildCache).toBe(first.plan.freed.buildCache)
    expect(first.layersFreed).toBe(0)
    const left = (await buildCache()).map((entry) => entry.ID)
    expect(left.filter((id) => first.plan.items.some((item) => item.id === id))).toEqual([])

    // Once the image is gone its entries are no longer shared, and the next cleanup takes them.
    await docker.getImage(tag).remove()
    const second = await planAndRun(core, docker, { buildCache: true })
    expect(second.plan.items.map((item) => item.id)).toEqual(expect.arrayContaining(sharedIds))
    expect(second.report.freed.buildCache).toBe(second.plan.freed.buildCache)
    expect(second.report.freed.buildCache).toBeGreaterThan(0)
    expect((await buildCache()).filter((entry) => !entry.InUse && !entry.Shared)).toEqual([])
    expect((await callOk(core, 'cleanup.plan', { buildCache: true })).items).toEqual([])
  })
})
