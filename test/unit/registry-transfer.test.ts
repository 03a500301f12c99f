import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import type { TransferLayer } from '../../shared/types'
import { presenceOf } from '../../electron/core/registry/inspect-remote'
import { registryFailure } from '../../electron/core/registry/engine-calls'
import { TransferTracker, followStream, layerStatusOf } from '../../electron/core/registry/transfer-tracker'
import { partialPathFor } from '../../electron/core/transfer/save'
import { chainIds } from '../../electron/core/images/chain'

const lines = (...values: object[]): Readable => Readable.from(values.map((value) => `${JSON.stringify(value)}\r\n`).join(''))

describe('engine transfer streams', () => {
  it('follows each layer of a pull and counts the bytes downloaded, not those already here', async () => {
    const events: TransferLayer[] = []
    const tracker = new TransferTracker({ onLayer: (layer) => events.push(layer), intervalMs: 0, knownSizes: new Map([['bbbbbbbbbbbb', 500]]) })
    await followStream(
      lines(
        { status: 'Pulling from multi/busybox', id: '1' },
        { status: 'Already exists', id: 'aaaaaaaaaaaa' },
        { status: 'Pulling fs layer', id: 'bbbbbbbbbbbb' },
        { status: 'Downloading', id: 'bbbbbbbbbbbb', progressDetail: { current: 200, total: 500 } },
        { status: 'Download complete', id: 'bbbbbbbbbbbb' },
        { status: 'Extracting', id: 'bbbbbbbbbbbb', progressDetail: { current: 900, total: 1200 } },
        { status: 'Pull complete', id: 'bbbbbbbbbbbb' },
        { status: 'Digest: sha256:abc' },
        { status: 'Status: Downloaded newer image for x:1' },
      ),
      tracker,
    )
    expect(tracker.error).toBeNull()
    expect([...tracker.layers.values()].map((layer) => [layer.id, layer.status, layer.total])).toEqual([
      ['aaaaaaaaaaaa', 'exists', null],
      ['bbbbbbbbbbbb', 'done', 500],
    ])
    expect(tracker.bytes).toBe(500)
    expect(tracker.totalBytes).toBe(500)
    expect(events.filter((event) => event.id === 'bbbbbbbbbbbb').map((event) => event.status)).toEqual(['waiting', 'downloading', 'verifying', 'extracting', 'done'])
    expect(tracker.statusLines).toEqual(['1: Pulling from multi/busybox', 'Digest: sha256:abc', 'Status: Downloaded newer image for x:1'])
  })

  it('keeps the error line a 200 answer may end with', async () => {
    const tracker = new TransferTracker()
    await followStream(lines({ status: 'Pulling fs layer', id: 'cccccccccccc' }, { errorDetail: { message: 'unauthorized: authentication required' }, error: 'unauthorized: authentication required' }), tracker)
    expect(tracker.error?.message).toBe('unauthorized: authentication required')
    expect(registryFailure(tracker.error?.message ?? '', 'r.example').code).toBe('UNAUTHORIZED')
  })

  it('a cancelled stream rejects as an abort', async () => {
    const controller = new AbortController()
    controller.abort()
    await expect(followStream(lines({ status: 'x' }), new TransferTracker(), controller.signal)).rejects.toMatchObject({ name: 'AbortError' })
  })

  it('maps push statuses', () => {
    expect(['Preparing', 'Pushing', 'Pushed', 'Layer already exists', 'Mounted from library/x', 'Loading layer', 'odd'].map(layerStatusOf)).toEqual(['waiting', 'uploading', 'done', 'exists', 'mounted', 'loading', null])
  })

  it('names the engine\'s registry failures by code', () => {
    expect(registryFailure('Get "http://127.0.0.1:1/v2/": dial tcp 127.0.0.1:1: connect: connection refused', 'r').code).toBe('REGISTRY_UNREACHABLE')
    expect(registryFailure('http: server gave HTTP response to HTTPS client', 'r').detail.hint).toMatch(/insecure-registries/)
    expect(registryFailure('manifest for r/x:nope not found: manifest unknown', 'r').code).toBe('NOT_FOUND')
    expect(registryFailure('something else', 'r').code).toBe('ENGINE_ERROR')
  })
})

describe('what a pull would download', () => {
  const layers = [
    { digest: 'sha256:l0', mediaType: 'gzip', size: 100 },
    { digest: 'sha256:l1', mediaType: 'gzip', size: 30 },
  ]
  const diffIds = ['sha256:d0', 'sha256:d1']
  const [chain0] = chainIds(diffIds)

  it('a layer is present when a local image holds its chain ID; only absent layers count as download', () => {
    const presence = presenceOf(layers, diffIds, { configDigest: 'sha256:cfg', manifestDigest: 'sha256:m' }, { imageIds: new Set(), chainIds: new Set([chain0 ?? '']), repoDigests: new Map() })
    expect(presence.layers.map((layer) => layer.local)).toEqual(['present', 'absent'])
    expect(presence).toMatchObject({ presentLocally: false, downloadSize: 30, uncertainSize: 100 })
  })

  it('the same diff ID on another base is another chain: absent', () => {
    const presence = presenceOf(layers, diffIds, { configDigest: 'sha256:cfg', manifestDigest: 'sha256:m' }, { imageIds: new Set(), chainIds: new Set(['sha256:d1']), repoDigests: new Map() })
    expect(presence.layers.map((layer) => layer.local)).toEqual(['absent', 'absent'])
  })

  it('the whole image here (config digest is a local image ID) downloads nothing; no config means unknown', () => {
    expect(presenceOf(layers, diffIds, { configDigest: 'sha256:cfg', manifestDigest: 'sha256:m' }, { imageIds: new Set(['sha256:cfg']), chainIds: new Set(), repoDigests: new Map() })).toMatchObject({ presentLocally: true, localImageId: 'sha256:cfg', downloadSize: 0 })
    const unknown = presenceOf(layers, null, { configDigest: null, manifestDigest: 'sha256:m' }, { imageIds: new Set(), chainIds: new Set(), repoDigests: new Map() })
    expect(unknown.layers.map((layer) => layer.local)).toEqual(['unknown', 'unknown'])
    expect(unknown.downloadSize).toBeNull()
  })
})

describe('save', () => {
  it('writes beside the target under a hidden name', () => {
    expect(partialPathFor('/data/out.tar')).toMatch(/^\/data\/\.out\.tar\.[0-9a-f]{8}\.strata-partial$/)
  })
})
