import { describe, expect, it } from 'vitest'
import { ImageCatalog } from '../../electron/core/images/catalog'
import { bytes, digests, engineSharedSize } from '../fixtures/engine-api/containerd-images'
import { fixtureEngine } from '../fixtures/engine-api/fixture-engine'
import { classic2010, containerd29 } from '../fixtures/engine-api/info'

describe('catalog on the containerd store (contract, fixtures from the API docs)', () => {
  it('lists with manifests=1 on API 1.47+ and counts blobs and snapshots apart', async () => {
    const { connection, calls } = fixtureEngine('1.52', containerd29.answer)
    const images = await new ImageCatalog().list(connection)
    expect(calls).toContain('GET /images/json {"manifests":true}')
    const app = images.find((image) => image.id === digests.appManifest)
    expect(app?.store?.unpacked).toEqual({ total: bytes.alpineUnpacked + bytes.appUnpacked, shared: bytes.alpineUnpacked, unique: bytes.appUnpacked, source: 'history-chain-ids' })
    expect(app?.store?.content.source).toBe('manifest-content')
    expect(app?.sharedSize).toBe(bytes.alpineUnpacked)
    const alpine = images.find((image) => image.id === digests.alpineIndex)
    expect(alpine?.store?.platforms.filter((manifest) => manifest.kind === 'image').map((manifest) => [manifest.platform?.architecture, manifest.available])).toEqual([
      ['amd64', true],
      ['arm64', false],
    ])
  })

  it('gives the same figures whether the engine has the SharedSize bug or its fix', async () => {
    const buggy = await new ImageCatalog().list(fixtureEngine('1.52', containerd29.answer, engineSharedSize.buggy).connection)
    const fixed = await new ImageCatalog().list(fixtureEngine('1.52', containerd29.answer, engineSharedSize.fixed).connection)
    expect(buggy).toEqual(fixed)
  })

  it('never sends manifests below API 1.47, yet takes layer sizes from histories there, not from image sizes', async () => {
    for (const version of ['1.44', '1.45', '1.46']) {
      const { connection, calls } = fixtureEngine(version, containerd29.answer)
      const images = await new ImageCatalog().list(connection)
      expect(calls.filter((call) => call.includes('manifests'))).toEqual([])
      expect(images.every((image) => image.store === undefined)).toBe(true)
      // Shared = alpine's snapshot: the image Size (content + unpacked) never leaks into a layer's size.
      expect(images.find((image) => image.id === digests.appManifest)?.sharedSize).toBe(bytes.alpineUnpacked)
    }
  })

  it('asks nothing more of an engine older than the containerd store (the private 20.10 daemon speaks 1.41)', async () => {
    const { connection, calls } = fixtureEngine('1.41', classic2010.answer)
    await new ImageCatalog().list(connection)
    expect(calls).not.toContain('GET /info')
  })

  it('lists the classic store exactly as before, whatever its API version', async () => {
    for (const version of ['1.41', '1.52']) {
      const { connection, calls } = fixtureEngine(version, classic2010.answer)
      const images = await new ImageCatalog().list(connection)
      expect(calls.filter((call) => call.startsWith('GET /images/json'))).toEqual(['GET /images/json {"all":true}', 'GET /images/json {}'])
      expect(images.every((image) => image.store === undefined)).toBe(true)
    }
  })
})
