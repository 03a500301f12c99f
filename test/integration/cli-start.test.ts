import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { createStrataCore } from '../../electron/core/api/core'
import type { ImageAnalysis, ImageSummary } from '../../shared/types'
import { callOk } from '../support/engine'
import { FIXTURES } from '../support/fixtures'
import { LAYER_AND_REGISTRY_CODE, loadedChunks, loadedPackages, loadedZod, traceStrata } from '../support/module-trace'

// What a one-shot command loads, recorded in the real process against the private daemon.
// A listing never loads the layer reader, the registry client, the HTTP server, nor
// dockerode's gRPC and ssh2 parts; `images` and `engine` on a socket not even dockerode.
const NOT_FOR_LISTING = ['@grpc/grpc-js', '@grpc/proto-loader', 'protobufjs', 'ssh2', 'tar-stream', 'fzstd', 'ws']

describe('what a listing command loads', () => {
  it.each([['images'], ['engine'], ['containers']])('%s --json loads no layer, registry or server code', async (command) => {
    const run = await traceStrata([command, '--json', '--host', inject('dockerHost')])
    expect(run.code).toBe(0)
    const packages = loadedPackages(run.modules)
    expect(packages.filter((name) => NOT_FOR_LISTING.includes(name))).toEqual([])
    const chunks = loadedChunks(run.modules)
    // The trace holds the built chunks: without them, the assertions here would prove nothing.
    expect(chunks.length).toBeGreaterThan(0)
    const offending = chunks.filter((chunk) => LAYER_AND_REGISTRY_CODE.some((pattern) => pattern.test(chunk.source))).map((chunk) => chunk.path)
    expect(offending).toEqual([])
  })

  // On a unix socket, images, engine and containers ask the engine with Node's own http (electron/host/cli-listing.ts).
  it.each([['images'], ['engine'], ['containers'], ['containers --size']])('%s --json on a unix socket loads no dockerode and no zod, nor https or tls', async (command) => {
    const run = await traceStrata([...command.split(' '), '--json', '--host', inject('dockerHost')])
    expect(run.code).toBe(0)
    expect(inject('dockerHost')).toMatch(/^unix:\/\//)
    expect(loadedPackages(run.modules)).toEqual([])
    expect(loadedZod(run.modules)).toBe(false)
    expect(run.modules.filter((module) => ['node:https', 'node:tls'].includes(module))).toEqual([])
    // node:http is in the trace: the record of built-ins is complete enough for the line above to mean something.
    expect(run.modules).toContain('node:http')
  })

  it('image <ref> --json still goes through dockerode and the schemas (the trace tells the two paths apart)', async () => {
    const run = await traceStrata(['image', FIXTURES.base.tag, '--json', '--host', inject('dockerHost')])
    expect(run.code).toBe(0)
    expect(loadedPackages(run.modules)).toContain('dockerode')
    expect(loadedZod(run.modules)).toBe(true)
  })

  it('images --json still lists the fixtures', async () => {
    const run = await traceStrata(['images', '--json', '--host', inject('dockerHost')])
    const images = JSON.parse(run.stdout) as ImageSummary[]
    expect(images.some((image) => image.repoTags.includes(FIXTURES.base.tag))).toBe(true)
  })

  it('analyze does load the layer reader (the trace tells the two apart)', async () => {
    const run = await traceStrata(['analyze', FIXTURES.base.tag, '--json', '--host', inject('dockerHost')])
    expect(run.code).toBe(0)
    const chunks = loadedChunks(run.modules)
    expect(chunks.some((chunk) => /\bfunction analyzeEngineImage\b/.test(chunk.source))).toBe(true)
  })
})

// `strata analyze <ref>` on a unix socket runs without the core (electron/host/cli-analyze-direct.ts),
// and hands anything out of the plain case to the core.
describe('analyze on a unix socket', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'strata-analyze-direct-'))
  afterAll(() => {
    rmSync(scratch, { recursive: true, force: true })
  })

  /** The core's own answer, from a cache of its own. */
  async function coreAnalysis(ref: string, files: boolean): Promise<ImageAnalysis> {
    const core = createStrataCore({ host: inject('dockerHost'), cacheDir: mkdtempSync(join(scratch, 'cache-')), configDir: mkdtempSync(join(scratch, 'config-')) })
    try {
      return await callOk(core, 'layers.analyze', { ref, files })
    } finally {
      await core.close()
    }
  }

  it.each([[false], [true]])('loads no dockerode and no zod, and answers as the core does (--files: %s)', async (files) => {
    const run = await traceStrata(['analyze', FIXTURES.app.tag, '--json', ...(files ? ['--files'] : []), '--host', inject('dockerHost')])
    expect(run.code).toBe(0)
    expect(loadedPackages(run.modules)).toEqual([])
    expect(loadedZod(run.modules)).toBe(false)
    // The layer reader did run in this process: the two lines above are about a real analysis.
    expect(loadedChunks(run.modules).some((chunk) => /\bfunction analyzeEngineImage\b/.test(chunk.source))).toBe(true)
    const analysis = JSON.parse(run.stdout) as ImageAnalysis
    expect(analysis.layers.length).toBeGreaterThan(1)
    expect(analysis).toEqual(await coreAnalysis(FIXTURES.app.tag, files))
  })

  it('keeps the cache folder under the cap the settings set, as the core does', async () => {
    const cacheHome = mkdtempSync(join(scratch, 'xdg-cache-'))
    const configHome = mkdtempSync(join(scratch, 'xdg-config-'))
    const layers = join(cacheHome, 'strata', 'layers')
    mkdirSync(layers, { recursive: true })
    const oldIndex = (letter: string, bytes: number, daysAgo: number): string => {
      const path = join(layers, `${letter.repeat(64)}.idx`)
      writeFileSync(path, Buffer.alloc(bytes))
      const when = new Date(Date.now() - daysAgo * 86_400_000)
      utimesSync(path, when, when)
      return path
    }
    oldIndex('a', 40_000_000, 30)
    oldIndex('b', 30_000_000, 1)
    mkdirSync(join(configHome, 'strata'))
    writeFileSync(join(configHome, 'strata', 'settings.json'), JSON.stringify({ cacheCapBytes: 64_000_000 }))
    const run = await traceStrata(['analyze', FIXTURES.base.tag, '--json', '--host', inject('dockerHost')], { XDG_CACHE_HOME: cacheHome, XDG_CONFIG_HOME: configHome })
    expect(run.code).toBe(0)
    expect(loadedPackages(run.modules)).toEqual([])
    // 70 MB and the new index under a 64 MB cap: the oldest goes, the recent one stays.
    const names = readdirSync(layers)
    expect(names).not.toContain(`${'a'.repeat(64)}.idx`)
    expect(names).toContain(`${'b'.repeat(64)}.idx`)
    expect(names.filter((name) => name.endsWith('.idx')).length).toBeGreaterThan(1)
  })

  it('leaves an image the engine does not know to the core, which words the error', async () => {
    const run = await traceStrata(['analyze', 'strata-fixture/no-such-image:1', '--json', '--host', inject('dockerHost')])
    expect(run.code).toBe(1)
    expect(loadedPackages(run.modules)).toContain('dockerode')
  })

  it('leaves a tcp engine to the core', async () => {
    const run = await traceStrata(['analyze', FIXTURES.base.tag, '--json', '--host', 'tcp://127.0.0.1:9'])
    expect(run.code).not.toBe(0)
    expect(loadedPackages(run.modules)).toContain('dockerode')
  })
})
