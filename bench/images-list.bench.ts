import { execFile } from 'node:child_process'
import { performance } from 'node:perf_hooks'
import { promisify } from 'node:util'
import { median } from './measure'
import { afterAll, beforeAll, expect, inject, it } from 'vitest'
import { FIXTURES } from '../test/support/fixtures'
import { privateCore, privateDocker } from '../test/support/engine'

const exec = promisify(execFile)
const IMAGES = Number(process.env.STRATA_BENCH_IMAGES ?? 200)
const RUNS = 9

async function timed(run: () => Promise<unknown>): Promise<number> {
  const samples: number[] = []
  await run()
  for (let index = 0; index < RUNS; index += 1) {
    const started = performance.now()
    await run()
    samples.push(performance.now() - started)
  }
  return median(samples)
}

const core = privateCore()

beforeAll(async () => {
  // Distinct images (not tags of one image): a commit of a created container per image.
  const docker = privateDocker()
  const container = await docker.createContainer({ Image: FIXTURES.base.tag, Cmd: ['/bin/true'] })
  for (let index = 0; index < IMAGES; index += 1) {
    await container.commit({ repo: 'bench/image', tag: String(index), changes: [`LABEL bench.index=${index}`] })
  }
  await container.remove()
}, 600_000)

afterAll(() => core.close())

it(`images.list on ${IMAGES}+ images, against docker's own commands`, async () => {
  const host = inject('dockerHost')
  const env = { ...process.env, DOCKER_HOST: '', DOCKER_CONTEXT: '' }
  const cliDocker = await timed(() => exec('docker', ['--host', host, 'images', '--no-trunc', '--format', '{{json .}}'], { env, maxBuffer: 1 << 26 }))
  const cliStrata = await timed(() => exec('node', ['bin/strata.js', 'images', '--json', '--host', host], { env, maxBuffer: 1 << 26 }))
  const docker = privateDocker()
  const rawApi = await timed(() => docker.listImages())
  const coreCall = await timed(() => core.call('images.list', {}))
  const listed = await core.call('images.list', {})
  expect(listed.ok && Array.isArray(listed.value) && listed.value.length).toBeGreaterThanOrEqual(IMAGES)

  const rows = [
    ['`strata images --json` / `docker images --format json`', cliStrata, cliDocker],
    ['core images.list / raw GET /images/json (dockerode)', coreCall, rawApi],
  ] as const
  process.stdout.write(`\nimages.list with ${IMAGES} committed images, median of ${RUNS} runs\n`)
  for (const [label, ours, theirs] of rows) {
    process.stdout.write(`  ${label}: ${ours.toFixed(1)} ms / ${theirs.toFixed(1)} ms = ratio ${(ours / theirs).toFixed(2)}\n`)
  }
})
