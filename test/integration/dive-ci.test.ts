import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { DiveFigures } from '../../shared/types'
import { dockerCli } from '../support/docker-cli'
import { privateDocker } from '../support/engine'
import { BUSYBOX, FIXTURES, buildFixture } from '../support/fixtures'
import { runStrata, type CliRun } from '../support/strata-cli'

const work = mkdtempSync(join(tmpdir(), 'strata-dive-ci-'))
afterAll(() => {
  rmSync(work, { recursive: true, force: true })
})

/**
 * The base fixture, as dive sees it: layer 0 holds /bin (a folder, 0) and /bin/busybox
 * (BUSY bytes); layer 1 holds /bin and the applets' symlinks (0 each). No path is in both
 * as a leaf, so the base alone is efficient, and userSizeBytes starts at layer 1's 0.
 */
const BUSY = statSync(BUSYBOX).size

/**
 * rewrite: /data written with 100,000 bytes, then with 50,000. /data has two nodes, sum
 * 150,000, smallest 50,000. efficiency (BUSY + 50,000) / (BUSY + 150,000); wasted 150,000;
 * user bytes 150,000, so userWastedPercent 1. Strata: only the hidden 100,000 is waste.
 *
 * folder: /d holds big (200,000) and small ("hi\n", 3), then `rm -rf /d` whites d out. The
 * whiteout weighs the folder below (0 + 200,000 + 3) on /d, which layer 2 never visited
 * as a leaf: one node, no waste. efficiency 1, wasted 0, though 200,003 bytes are dead.
 *
 * removed: /junk (300,000) then `rm /junk` and /keep ("keep\n", 5). The whiteout of a file
 * weighs 0: /junk sums 300,000 with a smallest of 0. efficiency (BUSY + 5) / (BUSY + 300,005);
 * wasted 300,000; user bytes 300,005.
 */
const IMAGES = {
  rewrite: ['RUN dd if=/dev/zero of=/data bs=1000 count=100', 'RUN dd if=/dev/zero of=/data bs=1000 count=50'],
  folder: ['RUN mkdir /d && dd if=/dev/zero of=/d/big bs=1000 count=200 && echo hi > /d/small', 'RUN rm -rf /d'],
  removed: ['RUN dd if=/dev/zero of=/junk bs=1000 count=300', 'RUN rm /junk && echo keep > /keep'],
} as const

const EXPECTED: Record<keyof typeof IMAGES, { dive: Omit<DiveFigures, 'inefficiencies' | 'sizeBytes'>; strataWasted: number }> = {
  rewrite: { dive: { efficiency: (BUSY + 50_000) / (BUSY + 150_000), wastedBytes: 150_000, userSizeBytes: 150_000, wastedUserPercent: 1 }, strataWasted: 100_000 },
  folder: { dive: { efficiency: 1, wastedBytes: 0, userSizeBytes: 200_003, wastedUserPercent: 0 }, strataWasted: 200_003 },
  removed: { dive: { efficiency: (BUSY + 5) / (BUSY + 300_005), wastedBytes: 300_000, userSizeBytes: 300_005, wastedUserPercent: 300_000 / 300_005 }, strataWasted: 300_000 },
}

const tag = (name: keyof typeof IMAGES): string => `dive-ci/${name}:1`

beforeAll(async () => {
  for (const [name, steps] of Object.entries(IMAGES)) {
    await buildFixture(privateDocker(), { tag: tag(name as keyof typeof IMAGES), dockerfile: [`FROM ${FIXTURES.base.tag}`, ...steps].join('\n') })
  }
}, 120_000)

/** A working folder, with a .dive-ci when given one. */
function folder(name: string, diveCi?: string): string {
  const path = join(work, name)
  mkdirSync(path)
  if (diveCi !== undefined) writeFileSync(join(path, '.dive-ci'), diveCi)
  return path
}

const analyze = (ref: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<CliRun> =>
  runStrata(['analyze', ref, ...args, '--host', inject('dockerHost')], { XDG_CACHE_HOME: join(work, 'cache'), ...env }, cwd)

interface CiJson {
  dive: DiveFigures
  wastedBytes: number
  ci: { verdict: string; configFile: string | null; rules: { rule: string; status: string }[] }
}

describe('strata analyze --ci gives dive’s figures and verdicts', () => {
  it.each(Object.keys(IMAGES) as (keyof typeof IMAGES)[])('%s: dive’s figures, worked out by hand, and Strata’s beside them', async (name) => {
    const run = await analyze(tag(name), ['--ci', '--json', '--lowestEfficiency', 'disabled', '--highestUserWastedPercent', 'off'], folder(`figures-${name}`))
    expect(run.code).toBe(0)
    const result = JSON.parse(run.stdout) as CiJson
    const { efficiency, ...exact } = EXPECTED[name].dive
    expect(result.dive).toMatchObject(exact)
    expect(result.dive.efficiency).toBeCloseTo(efficiency, 12)
    expect(result.wastedBytes).toBe(EXPECTED[name].strataWasted)
    expect(result.ci).toMatchObject({ verdict: 'pass', configFile: null })
  })

  it("dive's defaults: the rewrite fails highestUserWastedPercent (exit 1), the removed folder passes", async () => {
    const cwd = folder('defaults')
    const rewrite = await analyze(tag('rewrite'), ['--ci'], cwd)
    expect(rewrite.code).toBe(1)
    expect(rewrite.stdout).toMatch(/wastedBytes: +150000 bytes/)
    expect(rewrite.stdout).toMatch(/userWastedPercent: 100\.00 %/)
    expect(rewrite.stdout).toMatch(/wastedBytes: +100000 bytes/)
    expect(rewrite.stdout).toMatch(/FAIL {2}highestUserWastedPercent/)
    expect(rewrite.stdout).toMatch(/SKIP {2}highestWastedBytes/)
    expect(rewrite.stdout).toContain("Evaluation (dive's defaults)")
    const removedFolder = await analyze(tag('folder'), ['--ci'], cwd)
    expect(removedFolder.code).toBe(0)
    expect(removedFolder.stdout).toContain('Result: PASS [pass:2 skip:1]')
  })

  it('CI=true without --ci, and a .dive-ci in the working folder', async () => {
    const cwd = folder('dot-dive-ci', 'rules:\n  lowestEfficiency: 0.5 # lenient\n  highestUserWastedPercent: disabled\n')
    const run = await analyze(tag('rewrite'), [], cwd, { CI: 'true' })
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Evaluation (rules from .dive-ci)')
    expect(run.stdout).toContain('Result: PASS [pass:1 skip:2]')
    // Without CI=true and --ci it is the plain analysis, .dive-ci or not.
    const plain = await analyze(tag('rewrite'), [], cwd)
    expect(plain.code).toBe(0)
    expect(plain.stdout).not.toContain('Evaluation')
  })

  it('--ci-config FILE: highestWastedBytes fails above its threshold and passes at it', async () => {
    const cwd = folder('ci-config')
    const rules = (bytes: string): string => `rules:\n  lowestEfficiency: disabled\n  highestWastedBytes: ${bytes}\n  highestUserWastedPercent: "off"\n`
    writeFileSync(join(cwd, 'strict.yaml'), rules('299999'))
    writeFileSync(join(cwd, 'exact.yaml'), rules('300KB'))
    const strict = await analyze(tag('removed'), ['--ci', '--ci-config', 'strict.yaml'], cwd)
    expect(strict.code).toBe(1)
    expect(strict.stdout).toMatch(/FAIL {2}highestWastedBytes \(too many bytes wasted \(wasted-bytes=300000 > threshold=299999\)\)/)
    const exact = await analyze(tag('removed'), ['--ci', '--ci-config', 'exact.yaml'], cwd)
    expect(exact.code).toBe(0)
  })

  it("Strata's own rule sees the dead folder dive misses", async () => {
    const run = await analyze(tag('folder'), ['--ci', '--strataHighestWastedBytes', '100kB'], folder('strata-rule'))
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/FAIL {2}strataHighestWastedBytes/)
    expect(run.stdout).toMatch(/PASS {2}lowestEfficiency/)
  })

  it('a file dive cannot read, or a value it refuses: exit 1 before any analysis, naming the line', async () => {
    const broken = await analyze(tag('rewrite'), ['--ci'], folder('broken', 'rules:\n\tlowestEfficiency: 0.9\n'))
    expect(broken.code).toBe(1)
    expect(broken.stderr).toBe('strata: .dive-ci:2: tabs cannot indent YAML; use spaces\n')
    const refused = await analyze(tag('rewrite'), ['--ci'], folder('refused', 'rules:\n  lowestEfficiency: 2\n'))
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/MISCONFIGURED {2}lowestEfficiency \(lowestEfficiency config value is outside allowed range \(0-1\), given 2; from \.dive-ci:2\)/)
    expect(refused.stdout).toBe('')
  })

  it('a saved archive gives the same figures as the engine', async () => {
    const archive = join(work, 'removed.tar')
    await dockerCli('save', '-o', archive, tag('removed'))
    const cwd = folder('archive')
    const fromFile = JSON.parse((await runStrata(['analyze', archive, '--ci', '--json'], {}, cwd)).stdout) as CiJson
    const fromEngine = JSON.parse((await analyze(tag('removed'), ['--ci', '--json'], cwd)).stdout) as CiJson
    expect(fromFile.dive).toEqual(fromEngine.dive)
    expect(fromFile.ci).toEqual(fromEngine.ci)
  })
})
