import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { promisify } from 'node:util'
import { median } from './measure'
import { afterAll, beforeAll, expect, inject, it } from 'vitest'
import { createStrataCore } from '../electron/core/api/core'
import { FIXTURES, buildFixture } from '../test/support/fixtures'
import { privateDocker } from '../test/support/engine'

/**
 * bench/analyze: an image of about 1 GB and 150,000 files in several layers, built
 * offline; Strata's full analysis against `docker save > /dev/null` (the export is
 * the floor), its peak memory, and a cached re-analysis.
 */
const exec = promisify(execFile)
const FILES_PER_LAYER = Number(process.env.STRATA_BENCH_FILES_PER_LAYER ?? 50_000)
const MB_PER_BLOB = Number(process.env.STRATA_BENCH_BLOB_MB ?? 512)
const RUNS = 3
const TAG = 'bench/analyze:1'
const work = mkdtempSync(join(tmpdir(), 'strata-bench-analyze-'))

const manyFiles = (folder: string): string =>
  `RUN mkdir -p /${folder} && i=0; while [ $i -lt ${FILES_PER_LAYER} ]; do echo "$i $i $i" > /${folder}/file-$i.txt; i=$((i+1)); done`

beforeAll(async () => {
  const started = performance.now()
  await buildFixture(privateDocker(), {
    tag: TAG,
    dockerfile: [
      `FROM ${FIXTURES.base.tag}`,
      manyFiles('one'),
      manyFiles('two'),
      `RUN dd if=/dev/zero of=/blob-a bs=1048576 count=${MB_PER_BLOB}`,
      manyFiles('three'),
      `RUN dd if=/dev/zero of=/blob-b bs=1048576 count=${MB_PER_BLOB} && rm -rf /two`,
    ].join('\n'),
  })
  process.stdout.write(`\nscenario built in ${((performance.now() - started) / 1000).toFixed(0)} s\n`)
}, 3_600_000)

afterAll(() => {
  rmSync(work, { recursive: true, force: true })
})

async function timed(command: string, args: string[], env: Record<string, string> = {}): Promise<{ ms: number; maxRssKb: number }> {
  const started = performance.now()
  const { stderr } = await exec('/usr/bin/time', ['-f', '%M', command, ...args], { env: { ...process.env, ...env }, maxBuffer: 1 << 28 })
  return { ms: performance.now() - started, maxRssKb: Number(stderr.trim().split('\n').at(-1)) }
}

it('analysis of a 1 GB, 150,000-file image against docker save', async () => {
  const host = inject('dockerHost')
  const size = (await privateDocker().getImage(TAG).inspect()).Size
  const saveRuns: number[] = []
  for (let run = 0; run < RUNS; run += 1) saveRuns.push((await timed('sh', ['-c', `docker --host ${host} save ${TAG} > /dev/null`])).ms)

  // As installed, the command runs through its shebang (with its V8 options); `node bin/strata.js` goes without them.
  const coldRun = async (command: string, args: string[]): Promise<{ ms: number; maxRssKb: number }> => {
    // A fresh cache folder per run: every run reads the whole export.
    const cache = mkdtempSync(join(work, 'cache-'))
    try {
      return await timed(command, [...args, 'analyze', TAG, '--json', '--host', host], { XDG_CACHE_HOME: cache, DOCKER_HOST: '' })
    } finally {
      rmSync(cache, { recursive: true, force: true })
    }
  }
  const analyzeRuns: { ms: number; maxRssKb: number }[] = []
  const plainNodeRuns: { ms: number; maxRssKb: number }[] = []
  let files = 0
  for (let run = 0; run < RUNS; run += 1) {
    analyzeRuns.push(await coldRun('bin/strata.js', []))
    plainNodeRuns.push(await coldRun('node', ['bin/strata.js']))
  }
  const baseline = await timed('node', ['-e', "require('dockerode'); require('zod')"])

  const core = createStrataCore({ host, cacheDir: join(work, 'warm') })
  const first = await core.call('layers.analyze', { ref: TAG })
  expect(first.ok).toBe(true)
  if (first.ok) files = (first.value as { layers: { added: number }[] }).layers.reduce((sum, layer) => sum + layer.added, 0)
  await core.close()
  const cachedRuns: number[] = []
  for (let run = 0; run < RUNS; run += 1) {
    const warm = createStrataCore({ host, cacheDir: join(work, 'warm') })
    const started = performance.now()
    await warm.call('layers.analyze', { ref: TAG })
    cachedRuns.push(performance.now() - started)
    await warm.close()
  }

  const saveMs = median(saveRuns)
  const analyzeMs = median(analyzeRuns.map((run) => run.ms))
  const peakMb = Math.max(...analyzeRuns.map((run) => run.maxRssKb)) / 1024
  const baselineMb = baseline.maxRssKb / 1024
  process.stdout.write(`\nimage ${TAG}: ${(size / 1e9).toFixed(2)} GB, ${files} files added across its layers, median of ${RUNS} runs\n`)
  process.stdout.write(`  docker save > /dev/null: ${saveMs.toFixed(0)} ms\n`)
  process.stdout.write(`  strata analyze --json (bin/strata.js, whole CLI process, cold cache): ${analyzeMs.toFixed(0)} ms = ${(analyzeMs / saveMs).toFixed(2)}x (target <= 1.3x)\n`)
  process.stdout.write(`  peak RSS ${peakMb.toFixed(0)} MB (node + modules alone ${baselineMb.toFixed(0)} MB): ${(((peakMb - baselineMb) * 1024 * 1024) / files).toFixed(0)} bytes per file entry above that (target < 300 B/file + 150 MB)\n`)
  const plainPeakMb = Math.max(...plainNodeRuns.map((run) => run.maxRssKb)) / 1024
  process.stdout.write(`  the same through \`node bin/strata.js\` (V8 defaults): ${median(plainNodeRuns.map((run) => run.ms)).toFixed(0)} ms, peak RSS ${plainPeakMb.toFixed(0)} MB\n`)
  process.stdout.write(`  cached re-analysis in a new core: ${median(cachedRuns).toFixed(0)} ms (target < 200 ms)\n`)
})
