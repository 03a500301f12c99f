import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { clearCache } from '../../electron/core/cache/cache-folder'
import { readImageExport } from '../../electron/core/layers/export-reader'
import { pathMatcher } from '../../electron/core/layers/tree-search'
import { registryFailure } from '../../electron/core/registry/engine-calls'
import { parseManifest } from '../../electron/core/registry/manifests'
import { withPulledSoFar } from '../../electron/core/registry/pull'
import { parseImageReference } from '../../electron/core/registry/reference'
import { StrataError } from '../../shared/errors'
import { problem } from '../../shared/problems'
import type { PulledImage } from '../../shared/types'

/** The error a call raised, as a StrataError; fails the test when it raised nothing or something else. */
async function raised(run: () => unknown): Promise<StrataError> {
  try {
    await run()
  } catch (error) {
    if (error instanceof StrataError) return error
    throw error
  }
  throw new Error('nothing was raised')
}

/**
 * The core raises its layer, registry, image and cache failures with a problem the renderer
 * words (renderer/failures-layer.test.ts words them in Chinese), the English message as before.
 */
describe('layer, registry and image failures as the core raises them', () => {
  it('a search pattern too long', async () => {
    const error = await raised(() => pathMatcher('a'.repeat(600)))
    expect(error.message).toBe('A search pattern has at most 512 characters; this one has 600.')
    expect(error.detail).toEqual({ length: 600, problem: problem('layer.patternTooLong', { max: 512, length: 600 }) })
  })

  it('an export that is not an image archive', async () => {
    const error = await raised(() => readImageExport(Readable.from([Buffer.alloc(1024)])))
    expect(error.code).toBe('INVALID_INPUT')
    expect(error.message).toBe('Neither manifest.json nor index.json is in the export: it is not an image archive.')
    expect(error.detail.problem).toEqual(problem('layer.notArchive'))
  })

  it("the engine's words about a registry, kept as a value, with a hint given as a problem", () => {
    const unreachable = registryFailure('dial tcp 10.0.0.9:5000: connection refused', 'registry.example:5000')
    expect(unreachable.message).toBe('The engine cannot reach the registry registry.example:5000: dial tcp 10.0.0.9:5000: connection refused')
    expect(unreachable.detail.problem).toEqual(problem('registry.engineUnreachable', { registry: 'registry.example:5000', message: 'dial tcp 10.0.0.9:5000: connection refused' }))

    const refused = registryFailure('unauthorized: incorrect username or password', 'ghcr.io')
    expect(refused.message).toBe('The registry ghcr.io refused the credentials: unauthorized: incorrect username or password')
    expect(refused.detail.hint).toBe('Log in with: strata login ghcr.io')
    expect(refused.detail.hintProblem).toEqual(problem('registry.loginHint', { registry: 'ghcr.io' }))

    const bare = registryFailure('manifest unknown', 'docker.io')
    expect(bare.code).toBe('NOT_FOUND')
    expect(bare.message).toBe('manifest unknown')
    expect(bare.detail.problem).toBeUndefined()
  })

  it('manifests Strata does not read', async () => {
    const schema1 = await raised(() => parseManifest('{"schemaVersion":1}', null))
    expect(schema1.message).toBe('The registry answered a schema 1 manifest, which this engine no longer pulls and Strata does not read.')
    expect(schema1.detail.problem).toEqual(problem('registry.schema1'))
    const odd = await raised(() => parseManifest('{"schemaVersion":2}', 'application/x-odd'))
    expect(odd.message).toBe('The registry answered a manifest of a kind Strata does not read (application/x-odd).')
    const untyped = await raised(() => parseManifest('{"schemaVersion":2}', null))
    expect(untyped.message).toBe('The registry answered a manifest of a kind Strata does not read (no media type).')
    expect(untyped.detail.problem).toEqual(problem('registry.unknownManifestNoType'))
  })

  it('references that are not ones', async () => {
    const digest = await raised(() => parseImageReference('app@sha256:nothex'))
    expect(digest.message).toBe("'sha256:nothex' is not a digest (algorithm:hex)")
    expect(digest.detail).toEqual({ reference: 'app@sha256:nothex', problem: problem('registry.notDigest', { digest: 'sha256:nothex' }) })
    const upper = await raised(() => parseImageReference('App:1'))
    expect(upper.message).toBe("uppercase letters are not allowed in a repository name: 'App'")
    expect(upper.detail).toEqual({ reference: 'App:1', problem: problem('reference.uppercase', { name: 'App' }) })
  })

  it('a pull cut off part-way', () => {
    const pulled: PulledImage = {
      reference: 'app@sha256:' + 'a'.repeat(64),
      id: 'sha256:' + 'b'.repeat(64),
      platform: { os: 'linux', architecture: 'arm64', variant: null },
      repoTags: [],
      repoDigests: [],
      upToDate: false,
      layers: [],
      downloadedBytes: 1,
    }
    const cut = withPulledSoFar(new StrataError('CANCELLED', 'The pull was cancelled.'), [pulled]) as StrataError
    expect(cut.detail.problem).toEqual(problem('registry.partlyPulled', { failure: 'The pull was cancelled.', pulled: `linux/arm64 (${pulled.reference})` }))
  })

  it('a cache folder Strata refuses to clear', async () => {
    const refused = await raised(() => clearCache('relative/cache'))
    expect(refused.message).toBe('The cache folder relative/cache is not a folder Strata can clear.')
    expect(refused.detail.problem).toEqual(problem('image.cacheFolderRefused', { folder: 'relative/cache' }))
  })
})
