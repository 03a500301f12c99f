import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { promisify } from 'node:util'
import type Docker from 'dockerode'
import { median } from './measure'
import { afterAll, beforeAll, expect, inject, it } from 'vitest'
import { createStrataCore, type StrataCore } from '../electron/core/api/core'
import { CONTAINERS, buildCatalogScenario } from './catalog-scenario'
import { privateDocker } from '../test/support/engine'

/**
 * bench/catalog: a large scenario built offline (bases x committed children, many
 * containers), then Strata's catalog timed against `docker system df -v` on the
 * same daemon. Prints ratios; asserts only that the catalog is complete.
 */
const exec = promisify(execFile)
const RUNS = 5

async function timeRuns(run: () => Promise<unknown>): Promise<number> {
  const samples: number[] = []
  for (let index = 0; index < RUNS; index += 1) {
    const started = performance.now()
    await run()
    samples.push(performance.now() - started)
  }
  return median(samples)
}

const docker: Docker = privateDocker()
const cacheDir = mkdtempSync(join(tmpdir(), 'strata-bench-cache-'))
let imageIds: string[] = []

beforeAll(async () => {
  imageIds = await buildCatalogScenario(docker)
}, 1_800_000)

afterAll(() => {
  rmSync(cacheDir, { recursive: true, force: true })
})

it('catalog against docker system df -v', async () => {
  const host = inject('dockerHost')
  const env = { ...process.env, DOCKER_HOST: '', DOCKER_CONTEXT: '' }
  const systemDf = await timeRuns(() => exec('docker', ['--host', host, 'system', 'df', '-v'], { env, maxBuffer: 1 << 26 }))

  const fresh = (withCache: boolean): StrataCore => createStrataCore({ host, cacheDir: withCache ? cacheDir : null })
  const firstRows = await timeRuns(async () => {
    const core = fresh(false)
    await core.call('images.rows', {})
    await core.close()
  })
  const cold = await timeRuns(async () => {
    const core = fresh(false)
    const outcome = await core.call('images.list', {})
    expect(outcome.ok && Array.isArray(outcome.value) && outcome.value.length).toBe(imageIds.length)
    await core.close()
  })
  const warmUp = fresh(true)
  await warmUp.call('images.list', {})
  await warmUp.close()
  const fromDisk = await timeRuns(async () => {
    const core = fresh(true)
    await core.call('images.list', {})
    await core.close()
  })

  const live = fresh(true)
  live.follow()
  await live.call('images.list', {})
  const eventSamples: number[] = []
  for (let index = 0; index < RUNS; index += 1) {
    const target = imageIds[index] ?? ''
    const seen = new Promise<number>((resolve) => {
      const stop = live.events.on('images.changed', (change) => {
        if (change.id === target && change.image?.repoTags.includes(`bench/event:${index}`) === true) {
          stop()
          resolve(performance.now())
        }
      })
    })
    const tagged = performance.now()
    await docker.getImage(target).tag({ repo: 'bench/event', tag: String(index) })
    eventSamples.push((await seen) - tagged)
  }
  await live.close()
  const eventMs = median(eventSamples)

  const rows: [string, number, string][] = [
    ['first rows (images.rows, new core)', firstRows, 'target <= 0.25x'],
    ['full catalog, cold (no cache)', cold, 'target <= 1.0x'],
    ['full catalog, restart with persisted cache', fromDisk, 'target <= 0.5x'],
  ]
  process.stdout.write(`\ncatalog of ${imageIds.length} images / ${CONTAINERS} containers, median of ${RUNS} runs\n`)
  process.stdout.write(`  docker system df -v: ${systemDf.toFixed(0)} ms\n`)
  for (const [label, ms, target] of rows) process.stdout.write(`  ${label}: ${ms.toFixed(0)} ms = ${(ms / systemDf).toFixed(2)}x (${target})\n`)
  process.stdout.write(`  one tag event handled (tag call to images.changed): ${eventMs.toFixed(1)} ms (target < 50 ms)\n`)
})
