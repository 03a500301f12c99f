import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { promisify } from 'node:util'
import { afterAll, beforeAll, expect, inject, it } from 'vitest'
import { privateDocker } from '../test/support/engine'
import { buildCatalogScenario } from './catalog-scenario'
import { median } from './measure'

/**
 * bench/cli-start: the `strata` command as whole processes, against `node -e 0` and
 * Docker's own commands, on the bench/catalog scenario. Every command runs once per
 * round and the rounds repeat, so a busy moment of the machine falls on all of them
 * alike. STRATA_BENCH_BASELINE=path/to/strata.js adds another build (an older commit)
 * side by side. Prints ratios; asserts only that the listing is complete.
 */
const exec = promisify(execFile)
const ROUNDS = Number(process.env.STRATA_BENCH_ROUNDS ?? 9)
const STRATA = resolve('bin/strata.js')
const FLOOR = resolve('bench/floor-client.mjs')
const BASELINE = process.env.STRATA_BENCH_BASELINE

const cacheRoot = mkdtempSync(join(tmpdir(), 'strata-bench-cli-'))
let imageCount = 0
let freshCaches = 0

beforeAll(async () => {
  imageCount = (await buildCatalogScenario(privateDocker())).length
}, 1_800_000)

afterAll(() => {
  rmSync(cacheRoot, { recursive: true, force: true })
})

type Command = () => Promise<unknown>

function run(file: string, args: string[], env: Record<string, string> = {}): Command {
  return () => exec(file, args, { env: { ...process.env, DOCKER_HOST: '', DOCKER_CONTEXT: '', ...env }, maxBuffer: 1 << 26 })
}

/** A cache folder nobody has used: the cold start of a first `strata images`. */
function freshCache(): string {
  freshCaches += 1
  return join(cacheRoot, `cold-${String(freshCaches)}`)
}

/** `strata images --json` with an empty cache each run, and with the warm cache `warmCache` names. */
function strataCommands(script: string, warmCache: string): Record<string, Command> {
  const host = inject('dockerHost')
  return {
    help: run('node', [script, '--help']),
    cold: () => run('node', [script, 'images', '--json', '--host', host], { XDG_CACHE_HOME: freshCache() })(),
    warm: run('node', [script, 'images', '--json', '--host', host], { XDG_CACHE_HOME: warmCache }),
  }
}

async function roundRobin(commands: Record<string, Command>): Promise<Record<string, number>> {
  const samples: Record<string, number[]> = {}
  for (const name of Object.keys(commands)) samples[name] = []
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [name, command] of Object.entries(commands)) {
      const started = performance.now()
      await command()
      samples[name]?.push(performance.now() - started)
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]))
}

it('the strata command as whole processes, against node and docker', async () => {
  const host = inject('dockerHost')
  const warmCache = join(cacheRoot, 'warm')
  const baselineWarm = join(cacheRoot, 'baseline-warm')
  const ours = strataCommands(STRATA, warmCache)
  const theirs = strataCommands(BASELINE ?? STRATA, baselineWarm)
  // The warm runs read what this first run wrote.
  const listed = await exec('node', [STRATA, 'images', '--json', '--host', host], { env: { ...process.env, XDG_CACHE_HOME: warmCache }, maxBuffer: 1 << 26 })
  expect((JSON.parse(listed.stdout) as unknown[]).length).toBe(imageCount)
  if (BASELINE !== undefined) await theirs.warm?.()

  const socket = inject('dockerSocket')
  const times = await roundRobin({
    nodeBare: run('node', ['-e', '0']),
    floorWarm: run('node', [FLOOR, socket, 'warm']),
    floorCold: run('node', [FLOOR, socket, 'cold']),
    dockerImages: run('docker', ['--host', host, 'images', '--format', 'json']),
    systemDf: run('docker', ['--host', host, 'system', 'df', '-v']),
    ...Object.fromEntries(Object.entries(ours).map(([name, command]) => [`strata.${name}`, command])),
    ...(BASELINE === undefined ? {} : Object.fromEntries(Object.entries(theirs).map(([name, command]) => [`baseline.${name}`, command]))),
  })
  const ms = (name: string): number => times[name] ?? Number.NaN
  const ratio = (name: string, against: string): string => `${ms(name).toFixed(0)} ms / ${ms(against).toFixed(0)} ms = ${(ms(name) / ms(against)).toFixed(2)}x`
  const rows: [string, string, string, string][] = [
    ['strata --help / node -e 0', 'help', 'nodeBare', '<= 1.5x'],
    ['strata images --json, cold cache / docker system df -v', 'cold', 'systemDf', '<= 1.0x'],
    ['strata images --json, warm cache / docker system df -v', 'warm', 'systemDf', '<= 0.5x'],
    ['strata images --json, warm cache / docker images --format json', 'warm', 'dockerImages', '<= 4x'],
  ]
  process.stdout.write(`\nwhole processes on ${String(imageCount)} images, median of ${String(ROUNDS)} rounds\n`)
  for (const [label, name, against, target] of rows) {
    process.stdout.write(`  ${label}: ${ratio(`strata.${name}`, against)} (target ${target})${BASELINE === undefined ? '' : `; baseline ${ratio(`baseline.${name}`, against)}`}\n`)
  }
  // What no Node client can go below: bench/floor-client.mjs makes only the requests the catalog needs.
  process.stdout.write(`  floor, warm (node + image and container lists) / docker system df -v: ${ratio('floorWarm', 'systemDf')}\n`)
  process.stdout.write(`  floor, cold (the lists + an inspect per image) / docker system df -v: ${ratio('floorCold', 'systemDf')}\n`)
  process.stdout.write(`  strata over its floor: warm ${ratio('strata.warm', 'floorWarm')}, cold ${ratio('strata.cold', 'floorCold')}\n`)
})
