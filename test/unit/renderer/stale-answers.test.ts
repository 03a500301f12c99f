import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ImageDetail, RemoteImage } from '../../../shared/types'
import { setStrataApiForTests } from '../../../renderer/api'
import { LatestRequest } from '../../../renderer/lib/latest-request'
import { useImageDetailStore } from '../../../renderer/stores/image-detail'
import { useRegistryStore } from '../../../renderer/stores/registry'
import { FakeApi } from '../../support/fake-api'

const ID_A = `sha256:${'a'.repeat(64)}`
const ID_B = `sha256:${'b'.repeat(64)}`

/** Only the summary's ID and tags matter to the store; the rest of a detail is the views'. */
function detailOf(id: string, tag: string): ImageDetail {
  return { summary: { id, repoTags: [tag] } } as unknown as ImageDetail
}

function remoteOf(reference: string): RemoteImage {
  return { reference } as unknown as RemoteImage
}

/** Lets the awaits after a settled answer run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await Promise.resolve()
}

let api: FakeApi

beforeEach(() => {
  api = new FakeApi()
  setStrataApiForTests(api)
  setActivePinia(createPinia())
})

afterEach(() => {
  setStrataApiForTests(null)
  vi.useRealTimers()
})

describe('LatestRequest', () => {
  it('answers true only for the newest request, and for none after a cancel', () => {
    const latest = new LatestRequest()
    const first = latest.begin()
    const second = latest.begin()
    expect([first(), second()]).toEqual([false, true])
    latest.cancel()
    expect(second()).toBe(false)
  })
})

describe('image detail store: a late answer for another image is dropped', () => {
  it('keeps image B when image A answers after B', async () => {
    const pending = api.hold('images.inspect')
    const store = useImageDetailStore()
    store.open(ID_A)
    store.open(ID_B)
    await settle()
    expect(pending).toHaveLength(2)
    pending[1]?.resolve(detailOf(ID_B, 'b:1'))
    await settle()
    pending[0]?.resolve(detailOf(ID_A, 'a:1'))
    await settle()
    expect(store.status).toBe('ready')
    expect(store.detail?.summary.id).toBe(ID_B)
  })

  it('says missing for a NOT_FOUND of the image shown, but not for one the user left', async () => {
    const pending = api.hold('images.inspect')
    const store = useImageDetailStore()
    store.open(ID_A)
    store.open(ID_B)
    await settle()
    const { StrataError } = await import('../../../shared/errors')
    pending[0]?.reject(new StrataError('NOT_FOUND', 'No such image'))
    await settle()
    expect(store.status).toBe('loading')
    pending[1]?.reject(new StrataError('NOT_FOUND', 'No such image'))
    await settle()
    expect(store.status).toBe('missing')
  })

  it('an answer under way when the image is deleted does not bring it back', async () => {
    const pending = api.hold('images.inspect')
    const store = useImageDetailStore()
    store.open(ID_A)
    await settle()
    pending[0]?.resolve(detailOf(ID_A, 'a:1'))
    await settle()
    vi.useFakeTimers()
    api.emit('images.changed', { action: 'tag', id: ID_A, image: detailOf(ID_A, 'a:2').summary })
    await vi.advanceTimersByTimeAsync(200)
    expect(pending).toHaveLength(2)
    api.emit('images.changed', { action: 'delete', id: ID_A, image: null })
    pending[1]?.resolve(detailOf(ID_A, 'a:2'))
    await settle()
    expect(store.status).toBe('missing')
    expect(store.detail).toBeNull()
  })

  it('reads nothing on news once the view closed', async () => {
    api.answer('images.inspect', ({ ref }) => detailOf(ref, 'a:1'))
    const store = useImageDetailStore()
    store.open(ID_A)
    await settle()
    store.close()
    vi.useFakeTimers()
    api.emit('images.reset', { reason: 'reconnected' })
    api.emit('images.changed', { action: 'tag', id: ID_A, image: detailOf(ID_A, 'a:2').summary })
    await vi.advanceTimersByTimeAsync(500)
    expect(api.inputsOf('images.inspect')).toHaveLength(1)
  })
})

describe('registry store: the inspected reference asked last wins', () => {
  it('drops an earlier reference answered later', async () => {
    const pending = api.hold('registry.inspect')
    const store = useRegistryStore()
    const first = store.inspect('alpine:3')
    const second = store.inspect('busybox:1')
    await settle()
    pending[1]?.resolve(remoteOf('busybox:1'))
    pending[0]?.resolve(remoteOf('alpine:3'))
    await Promise.all([first, second])
    expect(store.remote?.reference).toBe('busybox:1')
    expect(store.reference).toBe('busybox:1')
    expect(store.inspecting).toBe(false)
  })
})
