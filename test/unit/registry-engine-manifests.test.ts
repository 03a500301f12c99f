import { describe, expect, it } from 'vitest'
import { engineManifestList, type InspectWithManifests } from '../../electron/core/registry/local-platforms'

const INDEX = 'sha256:9a1c0e7a3b1f0a4f8a6e6c1f3c7f2d8e9b0a1c2d3e4f5a6b7c8d9e0f1a2b3c4d'
const AMD64 = 'sha256:1111111111111111111111111111111111111111111111111111111111111111'
const ARM = 'sha256:2222222222222222222222222222222222222222222222222222222222222222'
const ATTESTATION = 'sha256:3333333333333333333333333333333333333333333333333333333333333333'

/** Shaped as API 1.48's ImageInspect with manifests=1 on a containerd image store: the image ID is the index digest. */
function answer(overrides: Partial<InspectWithManifests> = {}): InspectWithManifests {
  return {
    Id: INDEX,
    RepoTags: ['example/app:1'],
    RepoDigests: [`example/app@${INDEX}`],
    Os: 'linux',
    Architecture: 'amd64',
    Descriptor: { mediaType: 'application/vnd.oci.image.index.v1+json', digest: INDEX },
    Manifests: [
      { ID: AMD64, Descriptor: { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: AMD64, platform: { os: 'linux', architecture: 'amd64' } }, Available: true, Kind: 'image', ImageData: { Platform: { os: 'linux', architecture: 'amd64' } } },
      { ID: ARM, Descriptor: { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: ARM, platform: { os: 'linux', architecture: 'arm', variant: 'v7' } }, Available: false, Kind: 'image' },
      { ID: ATTESTATION, Descriptor: { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: ATTESTATION, platform: { os: 'unknown', architecture: 'unknown' } }, Available: true, Kind: 'attestation' },
    ],
    ...overrides,
  } as InspectWithManifests
}

describe('engineManifestList (API 1.48 manifests=1)', () => {
  it('lists the image manifests with their platforms and which are here; attestations are left out', () => {
    expect(engineManifestList(answer())).toEqual({
      reference: `example/app@${INDEX}`,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      isIndex: true,
      platforms: [
        { platform: { os: 'linux', architecture: 'amd64', variant: null }, digest: AMD64, local: true, localImageId: INDEX },
        { platform: { os: 'linux', architecture: 'arm', variant: 'v7' }, digest: ARM, local: false, localImageId: null },
      ],
      error: null,
    })
  })

  it('a single-platform image built here: not an index, named by its ID when it has no repo digest', () => {
    const single = answer({ RepoDigests: [], Descriptor: { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: AMD64 }, Manifests: answer().Manifests?.slice(0, 1) ?? null })
    expect(engineManifestList(single)).toMatchObject({ reference: INDEX, isIndex: false, platforms: [{ digest: AMD64, local: true }] })
  })

  it('a Docker manifest list counts as an index even with one platform', () => {
    const list = answer({ Descriptor: { mediaType: 'application/vnd.docker.distribution.manifest.list.v2+json', digest: INDEX }, Manifests: answer().Manifests?.slice(1, 2) ?? null })
    expect(engineManifestList(list)?.isIndex).toBe(true)
  })

  it('the classic image store answers no Manifests: null, so the registry is asked instead', () => {
    expect(engineManifestList(answer({ Manifests: undefined }))).toBeNull()
    expect(engineManifestList(answer({ Manifests: null }))).toBeNull()
  })
})
