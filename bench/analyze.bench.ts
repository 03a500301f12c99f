import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { promisify } from 'node:util'
import { median } from './measure'
import { afterAll, expect, inject, it } from 'vitest'
import { createStrataCore, type StrataCore } from '../electron/core/api/core'
import { FIXTURES, buildFixture } from '../test/support/fixtures'
import { privateDocker } from '../test/support/engine'
import { DEBIAN_TAG, SMALL_DEBIAN_TAG, buildDebianScenario, buildSmallDebianScenario } from './debian-scenario'

/**
 * bench/analyze: Strata's full analysis against `docker save > /dev/null` (the export
 * is the floor), for an image of about 1 GB and 150,000 files in several layers built
 * offline, with its peak memory and a cached re-analysis; and for an ordinary image
 * on a real Debian root filesystem (debian-scenario.ts), where fixed costs weigh more.
 */
const exec = promisify(execFile)
const FILES_PER_LAYER = Number(process.env.STRATA_BENCH_FILES_PER_LAYER ?? 50_000)
const MB_PER_BLOB = Number(process.env.STRATA_BENCH_BLOB_MB ?? 512)
/** Runs per case; more give steadier medians on a busy machine (STRATA_BENCH_RUNS=9). */
const RUNS = Number(process.env.STRATA_BENCH_RUNS ?? 3)
const TAG = 'bench/analyze:1'
const BASELINE = process.env.STRATA_BENCH_BASELINE
const work = mkdtempSync(join(tmpdir(), 'strata-bench-analyze-'))

const manyFiles = (folder: string): string =>
  `RUN mkdir -p /${folder} && i=0; while [ $i -lt ${FILES_PER_LAYER} ]; do echo "$i $i $i" > /${folder}/file-$i.txt; i=$((i+1)); done`

async function buildLargeScenario(): Promise<void> {
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
}

afterAll(() => {
  rmSync(work, { recursive: true, force: true })
})

async function timed(command: string, args: string[], env: Record<string, string> = {}): Promise<{ ms: number; maxRssKb: number }> {
  const started = performance.now()
  const { stderr } = await exec('/usr/bin/time', ['-f', '%M', command, ...args], { env: { ...process.env, ...env }, maxBuffer: 1 << 28 })
  return { ms: performance.now() - started, maxRssKb: Number(stderr.trim().split('\n').at(-1)) }
}

interface Comparison {
  saveMs: number
  analyzeMs: number
  peakMb: number
  plainNode: { ms: number; peakMb: number } | null
  baseline: { ms: number; peakMb: number } | null
}

/**
 * `docker save` and whole `strata analyze` processes, each with an empty cache, taken
 * in turns so that other load on the machine weighs on all of them alike. With
 * STRATA_BENCH_BASELINE=/path/to/an/older/bin/strata.js, that build is timed too.
 */
async function compare(tag: string, options: { plainNode: boolean }): Promise<Comparison> {
  const host = inject('dockerHost')
  // As installed, the command runs through its shebang (with its V8 options); `node bin/strata.js` goes without them.
  const coldRun = async (command: string, args: string[]): Promise<{ ms: number; maxRssKb: number }> => {
    // A fresh cache folder per run: every run reads the whole export.
    const cache = mkdtempSync(join(work, 'cache-'))
    try {
      return await timed(command, [...args, 'analyze', tag, '--json', '--host', host], { XDG_CACHE_HOME: cache, DOCKER_HOST: '' })
    } finally {
      rmSync(cache, { recursive: true, force: true })
    }
  }
  const saveRuns: number[] = []
  const analyzeRuns: { ms: number; maxRssKb: number }[] = []
  const plainNodeRuns: { ms: number; maxRssKb: number }[] = []
  const baselineRuns: { ms: number; maxRssKb: number }[] = []
  for (let run = 0; run < RUNS; run += 1) {
    saveRuns.push((await timed('sh', ['-c', `docker --host ${host} save ${tag} > /dev/null`])).ms)
    // The baseline goes first every other run: neither build always follows docker save.
    if (BASELINE !== undefined && run % 2 === 1) baselineRuns.push(await coldRun(BASELINE, []))
    analyzeRuns.push(await coldRun('bin/strata.js', []))
    if (options.plainNode) plainNodeRuns.push(await coldRun('node', ['bin/strata.js']))
    if (BASELINE !== undefined && run % 2 === 0) baselineRuns.push(await coldRun(BASELINE, []))
  }
  const summary = (runs: { ms: number; maxRssKb: number }[]): { ms: number; peakMb: number } | null =>
    runs.length === 0 ? null : { ms: median(runs.map((run) => run.ms)), peakMb: Math.max(...runs.map((run) => run.maxRssKb)) / 1024 }
  const strata = summary(analyzeRuns) ?? { ms: Number.NaN, peakMb: Number.NaN }
  return { saveMs: median(saveRuns), analyzeMs: strata.ms, peakMb: strata.peakMb, plainNode: summary(plainNodeRuns), baseline: summary(baselineRuns) }
}

function report(result: Comparison): void {
  const { saveMs, analyzeMs } = result
  process.stdout.write(`  docker save > /dev/null: ${saveMs.toFixed(0)} ms\n`)
  process.stdout.write(`  strata analyze --json (bin/strata.js, whole CLI process, cold cache): ${analyzeMs.toFixed(0)} ms = ${(analyzeMs / saveMs).toFixed(2)}x (target <= 1.3x), peak RSS ${result.peakMb.toFixed(0)} MB\n`)
  if (result.plainNode !== null) {
    process.stdout.write(`  the same through \`node bin/strata.js\` (V8 defaults): ${result.plainNode.ms.toFixed(0)} ms, peak RSS ${result.plainNode.peakMb.toFixed(0)} MB\n`)
  }
  if (result.baseline !== null) {
    process.stdout.write(`  baseline ${BASELINE ?? ''}: ${result.baseline.ms.toFixed(0)} ms = ${(result.baseline.ms / saveMs).toFixed(2)}x, peak RSS ${result.baseline.peakMb.toFixed(0)} MB\n`)
  }
}

async function filesAdded(core: StrataCore, tag: string): Promise<number> {
  const first = await core.call('layers.analyze', { ref: tag })
  expect(first.ok).toBe(true)
  return first.ok ? (first.value as { layers: { added: number }[] }).layers.reduce((sum, layer) => sum + layer.added, 0) : 0
}

it('analysis of a 1 GB, 150,000-file image against docker save', async () => {
  const host = inject('dockerHost')
  await buildLargeScenario()
  const size = (await privateDocker().getImage(TAG).inspect()).Size
  const result = await compare(TAG, { plainNode: true })
  const baseline = await timed('node', ['-e', "require('dockerode'); require('zod')"])

  const core = createStrataCore({ host, cacheDir: join(work, 'warm') })
  const files = await filesAdded(core, TAG)
  await core.close()
  const cachedRuns: number[] = []
  for (let run = 0; run < RUNS; run += 1) {
    const warm = createStrataCore({ host, cacheDir: join(work, 'warm') })
    const started = performance.now()
    await warm.call('layers.analyze', { ref: TAG })
    cachedRuns.push(performance.now() - started)
    await warm.close()
  }

  const baselineMb = baseline.maxRssKb / 1024
  process.stdout.write(`\nimage ${TAG}: ${(size / 1e9).toFixed(2)} GB, ${files} files added across its layers, median of ${RUNS} runs\n`)
  report(result)
  process.stdout.write(`  node + modules alone ${baselineMb.toFixed(0)} MB: ${(((result.peakMb - baselineMb) * 1024 * 1024) / files).toFixed(0)} bytes per file entry above that (target < 300 B/file + 150 MB)\n`)
  process.stdout.write(`  cached re-analysis in a new core: ${median(cachedRuns).toFixed(0)} ms (target < 200 ms)\n`)
}, 3_600_000)

it('analysis of an ordinary Debian-based image against docker save', async () => {
  const host = inject('dockerHost')
  const started = performance.now()
  await buildDebianScenario(privateDocker(), host)
  process.stdout.write(`\nDebian scenario built in ${((performance.now() - started) / 1000).toFixed(0)} s\n`)
  const image = await privateDocker().getImage(DEBIAN_TAG).inspect()
  const result = await compare(DEBIAN_TAG, { plainNode: false })
  const core = createStrataCore({ host, cacheDir: join(work, 'debian') })
  const files = await filesAdded(core, DEBIAN_TAG)
  await core.close()
  process.stdout.write(`\nimage ${DEBIAN_TAG}: ${(image.Size / 1e6).toFixed(0)} MB in ${image.RootFS.Layers?.length ?? 0} layers, ${files} files added, median of ${RUNS} runs\n`)
  report(result)
}, 3_600_000)

it('analysis of a 100 MB one-layer Debian image against docker save', async () => {
  await buildSmallDebianScenario(inject('dockerHost'))
  const image = await privateDocker().getImage(SMALL_DEBIAN_TAG).inspect()
  const result = await compare(SMALL_DEBIAN_TAG, { plainNode: false })
  process.stdout.write(`\nimage ${SMALL_DEBIAN_TAG}: ${(image.Size / 1e6).toFixed(0)} MB in ${image.RootFS.Layers?.length ?? 0} layer, median of ${RUNS} runs\n`)
  report(result)
  await reportExtraCaCost()
}, 3_600_000)

/**
 * At this size Node's own start weighs: a NODE_EXTRA_CA_CERTS in the environment (some
 * sandboxes set one) makes every Node process read those certificates before any of its code
 * runs. Said, with its cost, so that the figure above is read for what it is.
 */
async function reportExtraCaCost(): Promise<void> {
  const extra = process.env.NODE_EXTRA_CA_CERTS
  if (extra === undefined || extra === '') return
  const without = { ...process.env }
  delete without.NODE_EXTRA_CA_CERTS
  const start = async (env: NodeJS.ProcessEnv): Promise<number> => {
    const runs: number[] = []
    for (let run = 0; run < 5; run += 1) {
      const started = performance.now()
      await exec(process.execPath, ['-e', '0'], { env })
      runs.push(performance.now() - started)
    }
    return median(runs)
  }
  const withCa = await start(process.env)
  const withoutCa = await start(without)
  process.stdout.write(`  NODE_EXTRA_CA_CERTS=${extra} is set: \`node -e 0\` takes ${withCa.toFixed(0)} ms with it, ${withoutCa.toFixed(0)} ms without; Strata's process above paid that difference\n`)
}
