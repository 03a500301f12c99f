import { createPinia, setActivePinia } from 'pinia'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ArchiveAnalysis } from '../../../shared/types'

const ANALYSIS = {
  image: { id: `sha256:${'b'.repeat(64)}`, repoTags: ['app:1'] },
  layers: [],
  totalBytes: 0,
  wastedBytes: 0,
  efficiency: 1,
  wasted: [],
  archive: { path: '/home/me/app.tar', bytes: 4096, references: ['app:1'], images: 1 },
} as unknown as ArchiveAnalysis

// The preload's bridge as the renderer sees it in the app: the dropped File goes to the main process, never a path.
const bridge = {
  call: vi.fn<(method: string, input: unknown) => Promise<unknown>>(() => Promise.resolve({ ok: true, value: { cancelled: true } })),
  on: vi.fn(() => () => undefined),
  analyzeDroppedFile: vi.fn<(file: unknown, request: unknown) => Promise<unknown>>(),
  ready: vi.fn(),
}

beforeAll(() => {
  vi.stubGlobal('window', { strata: bridge })
})
afterAll(() => {
  vi.unstubAllGlobals()
})
beforeEach(() => {
  setActivePinia(createPinia())
  bridge.call.mockClear()
  bridge.analyzeDroppedFile.mockReset()
})

async function archiveStore() {
  const { useArchiveStore } = await import('../../../renderer/stores/archive')
  return useArchiveStore()
}

describe('archive store in the app: a dropped archive analyzed without loading it', () => {
  it('hands the File and a task ID to the preload, never a path nor the generic call, and keeps the analysis', async () => {
    const store = await archiveStore()
    const file = { name: 'app.tar' }
    bridge.analyzeDroppedFile.mockResolvedValue({ ok: true, value: ANALYSIS })
    const running = store.analyzeDropped(file as File)
    expect(store.status).toBe('loading')
    expect(store.name).toBe('app.tar')
    await running
    const [sent, request] = bridge.analyzeDroppedFile.mock.calls[0] ?? []
    expect(sent).toBe(file)
    expect(Object.keys(request as object)).toEqual(['taskId'])
    expect(store.status).toBe('ready')
    expect(store.analysis).toEqual(ANALYSIS)
    expect(bridge.call).not.toHaveBeenCalledWith('layers.analyzeArchive', expect.anything())
  })

  it('says why an archive could not be read, in words', async () => {
    const store = await archiveStore()
    bridge.analyzeDroppedFile.mockResolvedValue({ ok: false, error: { code: 'INVALID_INPUT', message: 'x', detail: { problem: { id: 'layer.archiveNotTar', params: { path: '/home/me/notes.tar' } } } } })
    await store.analyzeDropped({ name: 'notes.tar' } as File)
    expect(store.status).toBe('failed')
    expect(store.failure).toContain('/home/me/notes.tar is not an image archive')
  })

  it('drops the answer of an analysis a newer one replaced, and cancels it', async () => {
    const store = await archiveStore()
    let finishFirst: (value: unknown) => void = () => undefined
    bridge.analyzeDroppedFile.mockReturnValueOnce(new Promise((resolve) => (finishFirst = resolve))).mockResolvedValueOnce({ ok: true, value: ANALYSIS })
    const first = store.analyzeDropped({ name: 'old.tar' } as File)
    await store.analyzeDropped({ name: 'app.tar' } as File)
    const firstTask = (bridge.analyzeDroppedFile.mock.calls[0]?.[1] as { taskId: string }).taskId
    expect(bridge.call).toHaveBeenCalledWith('tasks.cancel', { taskId: firstTask })
    finishFirst({ ok: false, error: { code: 'CANCELLED', message: 'cancelled', detail: {} } })
    await first
    expect(store.status).toBe('ready')
    expect(store.name).toBe('app.tar')
  })
})
