import { describe, expect, it } from 'vitest'
import { accountStoreUnits } from '../../electron/core/cleanup/store-units'
import { storeInputOf, unitsOf } from '../../electron/core/images/store-sizes'
import { blobs, bytes, chains, digests, engineSharedSize, imageList } from '../fixtures/engine-api/containerd-images'

type Entry = { Id: string; Manifests: [] }

/** alpine:3.20 (index) and app:1 built FROM it, from the containerd fixtures; blobs listed or not. */
function store(withBlobs: boolean, shared = engineSharedSize.buggy) {
  const [alpine, app] = imageList(shared) as unknown as [Entry, Entry]
  const known = withBlobs ? blobs : undefined
  return [
    { id: alpine.Id, units: unitsOf(storeInputOf(alpine, chains.alpine, known)) },
    { id: app.Id, units: unitsOf(storeInputOf(app, chains.app, known)) },
  ]
}

describe('cleanup predictions on the containerd store', () => {
  it('deleting the derived image frees its own snapshot and blobs, never the base layer blob or snapshot', () => {
    const { freed } = accountStoreUnits(store(true), [digests.appManifest])
    expect(freed.snapshots).toEqual({ count: 1, bytes: bytes.appUnpacked })
    expect(freed.blobs).toEqual({ count: 3, bytes: bytes.appManifest + bytes.appConfig + bytes.appLayerBlob })
  })

  it('deleting both frees every blob and snapshot once, the shared ones charged to the last holder', () => {
    const account = accountStoreUnits(store(true), [digests.appManifest, digests.alpineIndex])
    expect(account.freed.snapshots).toEqual({ count: 2, bytes: bytes.alpineUnpacked + bytes.appUnpacked })
    expect(account.freed.blobs.bytes).toBe(bytes.appManifest + bytes.appConfig + bytes.appLayerBlob + bytes.alpineManifest + bytes.alpineConfig + bytes.alpineLayerBlob + bytes.attestation)
    expect(account.perImage.get(digests.alpineIndex)?.snapshots).toEqual({ count: 1, bytes: bytes.alpineUnpacked })
    const steps = [...account.perImage.values()]
    expect(steps.reduce((sum, step) => sum + step.blobs.bytes, 0)).toBe(account.freed.blobs.bytes)
  })

  it('frees nothing of an image a staying container uses', () => {
    const { freed } = accountStoreUnits(store(true), [digests.appManifest, digests.alpineIndex], new Set([digests.alpineIndex]))
    expect(freed.snapshots).toEqual({ count: 1, bytes: bytes.appUnpacked })
    expect(freed.blobs.bytes).toBe(bytes.appManifest + bytes.appConfig + bytes.appLayerBlob)
  })

  it('with manifest summaries only, a manifest is one blob unit: an upper bound, since the layer blob it shares with alpine is not visible there', () => {
    const { freed } = accountStoreUnits(store(false), [digests.appManifest])
    expect(freed.blobs).toEqual({ count: 1, bytes: bytes.appManifest + bytes.appConfig + bytes.alpineLayerBlob + bytes.appLayerBlob })
    expect(freed.snapshots).toEqual({ count: 1, bytes: bytes.appUnpacked })
  })

  it('predicts the same whatever SharedSize the engine reports (moby #52476/#52482)', () => {
    for (const withBlobs of [false, true]) {
      expect(accountStoreUnits(store(withBlobs, engineSharedSize.buggy), [digests.appManifest])).toEqual(accountStoreUnits(store(withBlobs, engineSharedSize.fixed), [digests.appManifest]))
    }
  })
})
