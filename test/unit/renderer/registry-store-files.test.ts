import { createPinia, setActivePinia } from 'pinia'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { LoadImagesFromResult, SaveImagesAsResult } from '../../../shared/image-files'
import type { LoadResult, SaveResult } from '../../../shared/types'

const SAVED: SaveResult = { path: '/home/me/app.tar', bytes: 2048, images: [{ id: `sha256:${'a'.repeat(64)}`, repoTags: ['app:1'] }] }
const LOADED: LoadResult = { loaded: ['app:1'], images: [{ id: `sha256:${'a'.repeat(64)}`, repoTags: ['app:1'] }] }

// The preload's bridge as the renderer sees it in the app; each test sets what the dialogs answer.
const bridge = {
  call: vi.fn<(method: string, input: unknown) => Promise<unknown>>(),
  on: vi.fn(() => () => undefined),
  saveFile: vi.fn(),
  saveImagesAs: vi.fn<(request: unknown) => Promise<unknown>>(),
  loadImagesFrom: vi.fn<(request: unknown) => Promise<unknown>>(),
  loadDroppedFile: vi.fn<(file: unknown, request: unknown) => Promise<unknown>>(),
  ready: vi.fn(),
}

const answer = (value: SaveImagesAsResult | LoadImagesFromResult): Promise<unknown> => Promise.resolve({ ok: true, value })

beforeAll(() => {
  vi.stubGlobal('window', { strata: bridge })
})
afterAll(() => {
  vi.unstubAllGlobals()
})

async function registryStore() {
  const { useRegistryStore } = await import('../../../renderer/stores/registry')
  return useRegistryStore()
}

beforeEach(() => {
  setActivePinia(createPinia())
  for (const mock of [bridge.call, bridge.saveImagesAs, bridge.loadImagesFrom, bridge.loadDroppedFile]) mock.mockReset()
})

describe('registry store in the app: files through the main process dialogs', () => {
  it('saves through the dialog channel with the refs and a task ID, never a path, and never the generic call', async () => {
    const store = await registryStore()
    bridge.saveImagesAs.mockReturnValue(answer({ outcome: 'saved', result: SAVED }))
    expect(await store.saveAs(['app:1'])).toEqual(SAVED)
    const request = bridge.saveImagesAs.mock.calls[0]?.[0] as Record<string, unknown>
    expect(Object.keys(request).sort()).toEqual(['refs', 'taskId'])
    expect(request.refs).toEqual(['app:1'])
    expect(store.transfers.save).toMatchObject({ taskId: request.taskId, running: false, result: SAVED, failure: null })
    expect(bridge.call).not.toHaveBeenCalledWith('images.save', expect.anything())
  })

  it('puts back what was shown when the dialog is closed', async () => {
    const store = await registryStore()
    bridge.saveImagesAs.mockReturnValueOnce(answer({ outcome: 'saved', result: SAVED }))
    await store.saveAs(['app:1'])
    const finished = store.transfers.save
    bridge.saveImagesAs.mockReturnValueOnce(answer({ outcome: 'cancelled' }))
    expect(await store.saveAs(['app:2'])).toBeNull()
    expect(store.transfers.save).toBe(finished)

    bridge.loadImagesFrom.mockReturnValueOnce(answer({ outcome: 'cancelled' }))
    expect(await store.loadFrom()).toBeNull()
    expect(store.transfers.load).toBeNull()
  })

  it('loads through the dialog channel and names the chosen file once known', async () => {
    const store = await registryStore()
    bridge.loadImagesFrom.mockReturnValue(answer({ outcome: 'loaded', path: '/media/usb/app.tar', result: LOADED }))
    expect(await store.loadFrom()).toEqual(LOADED)
    const request = bridge.loadImagesFrom.mock.calls[0]?.[0] as Record<string, unknown>
    expect(Object.keys(request)).toEqual(['taskId'])
    expect(store.transfers.load).toMatchObject({ title: 'Loading /media/usb/app.tar', result: LOADED, running: false })
  })

  it('shows a refusal from the main process as the failure of that transfer', async () => {
    const store = await registryStore()
    bridge.loadImagesFrom.mockResolvedValue({ ok: false, error: { code: 'INVALID_INPUT', message: 'Not an image archive: /tmp/x', detail: {} } })
    expect(await store.loadFrom()).toBeNull()
    expect(store.transfers.load?.failure).toMatchObject({ code: 'INVALID_INPUT', message: 'Not an image archive: /tmp/x' })
    expect(store.transfers.load?.running).toBe(false)
  })

  it('loads a dropped file by handing the File to the preload, with a task ID and no path', async () => {
    const store = await registryStore()
    const dropped = { name: 'app.tar' } as File
    bridge.loadDroppedFile.mockReturnValue(answer({ outcome: 'loaded', path: '/home/me/app.tar', result: LOADED }))
    expect(await store.loadDropped(dropped)).toEqual(LOADED)
    const [file, request] = bridge.loadDroppedFile.mock.calls[0] ?? []
    expect(file).toBe(dropped)
    expect(Object.keys(request as object)).toEqual(['taskId'])
    expect(store.transfers.load).toMatchObject({ title: 'Loading app.tar', result: LOADED, running: false })
    expect(bridge.call).not.toHaveBeenCalledWith('images.load', expect.anything())
  })
})
