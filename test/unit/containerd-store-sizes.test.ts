import { describe, expect, it } from 'vitest'
import { imageInspectQuery, imageListQuery, parseManifests, presentPlatforms } from '../../electron/core/images/manifests'
import { containerdSizes, storeInputOf } from '../../electron/core/images/store-sizes'
import { alpineManifests, blobs, bytes, chains, digests, engineSharedSize, imageList } from '../fixtures/engine-api/containerd-images'

type Entry = { Id: string; Size: number; Manifests: typeof alpineManifests }

function inputs(list: Record<string, unknown>[], withBlobs = false): ReturnType<typeof storeInputOf>[] {
  const [alpine, app] = list as unknown as [Entry, Entry]
  return [storeInputOf(alpine, chains.alpine, withBlobs ? blobs : undefined), storeInputOf(app, chains.app, withBlobs ? blobs : undefined)]
}

describe('the manifests query, guarded by API version and store', () => {
  it('is never sent to the classic store nor below API 1.47 (list) / 1.48 (inspect)', () => {
    for (const version of ['1.41', '1.44', '1.45', '1.46', '1.47', '1.48', '1.52']) expect(imageListQuery(version, 'classic')).toEqual({})
    for (const version of ['1.41', '1.44', '1.45', '1.46']) expect(imageListQuery(version, 'containerd')).toEqual({})
    for (const version of ['1.47', '1.48', '1.49', '1.50', '1.51', '1.52', '1.100']) expect(imageListQuery(version, 'containerd')).toEqual({ manifests: true })
    expect(imageInspectQuery('1.47', 'containerd')).toEqual({})
    expect(imageInspectQuery('1.48', 'containerd')).toEqual({ manifests: true })
    expect(imageInspectQuery('1.52', 'classic')).toEqual({})
  })
})

describe('ImageManifestSummary as Strata reads it', () => {
  it('keeps every manifest with its platform, availability and sizes, and names the platforms present', () => {
    const parsed = parseManifests(alpineManifests)
    expect(parsed.map((manifest) => [manifest.kind, manifest.platform, manifest.available])).toEqual([
      ['image', { os: 'linux', architecture: 'amd64', variant: null }, true],
      ['image', { os: 'linux', architecture: 'arm64', variant: 'v8' }, false],
      ['attestation', null, true],
    ])
    expect(parsed[0]).toMatchObject({ contentBytes: bytes.alpineManifest + bytes.alpineConfig + bytes.alpineLayerBlob, unpackedBytes: bytes.alpineUnpacked, containers: ['f00d'.repeat(16)] })
    expect(presentPlatforms(parsed).map((manifest) => manifest.digest)).toEqual([digests.alpineAmd64])
  })

  it('survives an answer with fields missing, as an experimental field may come', () => {
    expect(parseManifests([{ ID: digests.alpineAmd64 }, {}, { Descriptor: { digest: digests.appManifest }, Kind: 'image', Size: { Content: -5 } }])).toEqual([
      { digest: digests.alpineAmd64, kind: 'unknown', platform: null, available: false, contentBytes: 0, unpackedBytes: 0, containers: [] },
      { digest: digests.appManifest, kind: 'image', platform: null, available: false, contentBytes: 0, unpackedBytes: 0, containers: [] },
    ])
    expect(parseManifests(null)).toEqual([])
  })
})

describe('sizes on the containerd store', () => {
  it('splits unpacked snapshots (by chain ID) from content (by manifest digest when blobs are not listed)', () => {
    const sizes = containerdSizes(inputs(imageList(engineSharedSize.buggy)))
    const alpine = sizes.get(digests.alpineIndex)
    const app = sizes.get(digests.appManifest)
    expect(alpine?.unpacked).toEqual({ total: bytes.alpineUnpacked, shared: bytes.alpineUnpacked, unique: 0, source: 'history-chain-ids' })
    expect(app?.unpacked).toEqual({ total: bytes.alpineUnpacked + bytes.appUnpacked, shared: bytes.alpineUnpacked, unique: bytes.appUnpacked, source: 'history-chain-ids' })
    const alpineContent = bytes.alpineManifest + bytes.alpineConfig + bytes.alpineLayerBlob + bytes.attestation
    expect(alpine?.content).toEqual({ total: alpineContent, shared: 0, unique: alpineContent, source: 'manifest-content' })
    expect(alpine?.platforms).toHaveLength(3)
  })

  it('adds up to the engine Size as the swagger defines it (content + unpacked)', () => {
    const list = imageList(engineSharedSize.buggy) as unknown as Entry[]
    const sizes = containerdSizes(inputs(list))
    for (const entry of list) {
      const figures = sizes.get(entry.Id)
      expect((figures?.content.total ?? 0) + (figures?.unpacked.total ?? 0)).toBe(entry.Size)
    }
  })

  it('shares a layer blob between images by its digest when the blobs are known', () => {
    const sizes = containerdSizes(inputs(imageList(engineSharedSize.fixed), true))
    expect(sizes.get(digests.appManifest)?.content).toEqual({
      total: bytes.appManifest + bytes.appConfig + bytes.alpineLayerBlob + bytes.appLayerBlob,
      shared: bytes.alpineLayerBlob,
      unique: bytes.appManifest + bytes.appConfig + bytes.appLayerBlob,
      source: 'blob-digests',
    })
    expect(sizes.get(digests.alpineIndex)?.content.shared).toBe(bytes.alpineLayerBlob)
  })

  it('does not move when the engine has the SharedSize bug (moby #52476) or its fix (#52482)', () => {
    for (const withBlobs of [false, true]) {
      const buggy = containerdSizes(inputs(imageList(engineSharedSize.buggy), withBlobs))
      const fixed = containerdSizes(inputs(imageList(engineSharedSize.fixed), withBlobs))
      expect(buggy).toEqual(fixed)
      // Strata's own keys: by manifest digest it cannot see a blob two manifests share (as the unfixed engine), by blob digest it does.
      const app = buggy.get(digests.appManifest)
      expect((app?.unpacked.shared ?? 0) + (app?.content.shared ?? 0)).toBe(withBlobs ? engineSharedSize.fixed.app : engineSharedSize.buggy.app)
    }
  })
})
