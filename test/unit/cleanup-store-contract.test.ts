import { describe, expect, it } from 'vitest'
import { planCleanupOnEngine } from '../../electron/core/cleanup/cleanup'
import { planRemoveSet } from '../../electron/core/images/remove-set'
import { ImageDataCache } from '../../electron/core/images/image-data'
import { options } from './cleanup-snapshot'
import { bytes, digests, engineSharedSize } from '../fixtures/engine-api/containerd-images'
import { fixtureEngine } from '../fixtures/engine-api/fixture-engine'
import { classic2010, containerd29 } from '../fixtures/engine-api/info'

const UNUSED = options({ unused: true })

describe('a cleanup plan read from recorded Engine API answers', () => {
  it('asks an engine older than the containerd store nothing more, and plans it as the classic store', async () => {
    const { connection, calls } = fixtureEngine('1.41', classic2010.answer)
    const plan = await planCleanupOnEngine(connection, new ImageDataCache(), UNUSED)
    expect(calls).not.toContain('GET /info')
    expect(calls.filter((call) => call.startsWith('GET /images/json'))).toEqual(['GET /images/json {"all":true}', 'GET /images/json {}'])
    expect(plan.freed.store).toBeUndefined()
  })

  it('on a classic store that could be containerd\'s, asks /info and nothing else more', async () => {
    const { connection, calls } = fixtureEngine('1.52', classic2010.answer)
    const plan = await planCleanupOnEngine(connection, new ImageDataCache(), UNUSED)
    expect(calls.filter((call) => call === 'GET /info')).toHaveLength(1)
    expect(calls.filter((call) => call.includes('manifests'))).toEqual([])
    expect(plan.freed.store).toBeUndefined()
  })

  it('on the containerd store reads the manifests and counts content and snapshots apart', async () => {
    const { connection, calls } = fixtureEngine('1.52', containerd29.answer)
    const plan = await planCleanupOnEngine(connection, new ImageDataCache(), UNUSED)
    expect(calls).toContain('GET /images/json {"manifests":true}')
    expect(plan.items.map((item) => item.id)).toEqual([digests.appManifest])
    expect(plan.freed.store).toEqual({
      kind: 'containerd',
      snapshotter: 'overlayfs',
      content: { count: 1, bytes: bytes.appManifest + bytes.appConfig + bytes.alpineLayerBlob + bytes.appLayerBlob, source: 'manifest-content' },
      // From the histories, never from image sizes (which are content + unpacked there).
      snapshots: { count: 1, bytes: bytes.appUnpacked, source: 'history-chain-ids' },
    })
  })

  it('predicts the same on an engine with the SharedSize bug and on one with the fix', async () => {
    const buggy = await planCleanupOnEngine(fixtureEngine('1.52', containerd29.answer, engineSharedSize.buggy).connection, new ImageDataCache(), UNUSED)
    const fixed = await planCleanupOnEngine(fixtureEngine('1.52', containerd29.answer, engineSharedSize.fixed).connection, new ImageDataCache(), UNUSED)
    expect(buggy).toEqual(fixed)
  })

  it('below API 1.47 sends no manifests query and leaves content uncounted', async () => {
    const { connection, calls } = fixtureEngine('1.46', containerd29.answer)
    const plan = await planCleanupOnEngine(connection, new ImageDataCache(), UNUSED)
    expect(calls.filter((call) => call.includes('manifests'))).toEqual([])
    expect(plan.freed.store?.content).toBeNull()
    expect(plan.freed.store?.snapshots.bytes).toBe(bytes.appUnpacked)
  })
})

describe('a bulk delete planned from recorded Engine API answers', () => {
  it('on the containerd store predicts what the cleanup plan predicts for the same image', async () => {
    const plan = await planCleanupOnEngine(fixtureEngine('1.52', containerd29.answer).connection, new ImageDataCache(), UNUSED)
    const { connection, calls } = fixtureEngine('1.52', containerd29.answer)
    const set = await planRemoveSet(connection, new ImageDataCache(), [digests.appManifest])
    expect(calls).toContain('GET /images/json {"manifests":true}')
    expect(set.keepingContainers.freedBytes).toBe(plan.freed.layers)
    expect(set.keepingContainers.freedBytes).toBe(bytes.appManifest + bytes.appConfig + bytes.alpineLayerBlob + bytes.appLayerBlob + bytes.appUnpacked)
  })

  it('on an engine older than the containerd store asks nothing more and counts chain IDs', async () => {
    const { connection, calls } = fixtureEngine('1.41', classic2010.answer)
    await planRemoveSet(connection, new ImageDataCache(), [digests.appManifest])
    expect(calls).not.toContain('GET /info')
    expect(calls.filter((call) => call.includes('manifests'))).toEqual([])
  })
})
