import { describe, expect, inject, it } from 'vitest'
import type { ImageSummary } from '../../shared/types'
import { FIXTURES } from '../support/fixtures'
import { LAYER_AND_REGISTRY_CODE, loadedChunks, loadedPackages, loadedZod, traceStrata } from '../support/module-trace'

// What a one-shot command loads, recorded in the real process against the private daemon.
// `images` lists from the engine: it needs dockerode and the schemas, never the layer
// reader, the registry client, the HTTP server, nor dockerode's gRPC and ssh2 parts.
const NOT_FOR_LISTING = ['@grpc/grpc-js', '@grpc/proto-loader', 'protobufjs', 'ssh2', 'tar-stream', 'fzstd', 'ws']

describe('what a listing command loads', () => {
  it.each([['images'], ['engine'], ['containers']])('%s --json loads no layer, registry or server code', async (command) => {
    const run = await traceStrata([command, '--json', '--host', inject('dockerHost')])
    expect(run.code).toBe(0)
    const packages = loadedPackages(run.modules)
    // The engine client and the schemas are seen: without them in the trace, the assertions below would prove nothing.
    expect(packages).toContain('dockerode')
    expect(loadedZod(run.modules)).toBe(true)
    expect(packages.filter((name) => NOT_FOR_LISTING.includes(name))).toEqual([])
    const chunks = loadedChunks(run.modules)
    const offending = chunks.filter((chunk) => LAYER_AND_REGISTRY_CODE.some((pattern) => pattern.test(chunk.source))).map((chunk) => chunk.path)
    expect(offending).toEqual([])
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
