import { createPinia, setActivePinia } from 'pinia'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import type { EventName } from '../../../shared/events'
import type { ConnectionState, ContainerStateName, ContainerSummary, ImageSummary } from '../../../shared/types'

interface Pending {
  method: string
  input: unknown
  resolve(value: unknown): void
}

// The preload bridge as the stores see it: calls wait until the test answers them, events fire on demand.
const pending: Pending[] = []
const listeners = new Map<string, Set<(payload: unknown) => void>>()
const bridge = {
  call: (method: string, input: unknown): Promise<unknown> =>
    new Promise((resolve) => {
      pending.push({
        method,
        input,
        resolve: (value) => {
          resolve({ ok: true, value })
        },
      })
    }),
  on: (event: string, listener: (payload: unknown) => void) => {
    const set = listeners.get(event) ?? new Set()
    set.add(listener)
    listeners.set(event, set)
    return () => {
      set.delete(listener)
    }
  },
  ready: () => undefined,
}

function fire(event: EventName, payload: unknown): void {
  for (const listener of listeners.get(event) ?? []) listener(payload)
}

async function answer(method: string, value: unknown): Promise<void> {
  await nextTick()
  const index = pending.findIndex((call) => call.method === method)
  if (index === -1) throw new Error(`no ${method} call is waiting (waiting: ${pending.map((call) => call.method).join(', ')})`)
  const [call] = pending.splice(index, 1)
  call?.resolve(value)
  for (let i = 0; i < 5; i += 1) await Promise.resolve()
}

function container(id: string, state: ContainerStateName, status: string): ContainerSummary {
  return { id, names: [id], name: id, image: 'busybox', imageId: 'sha256:b', command: 'sleep 60', created: '2026-12-05T06:00:00.000Z', state, status, ports: [] }
}

function image(id: string, repoTags: string[]): ImageSummary {
  return {
    id,
    repoTags,
    repoDigests: [],
    created: '2026-12-05T06:00:00.000Z',
    size: 100,
    sharedSize: 0,
    uniqueSize: 100,
    dangling: repoTags.length === 0,
    platform: { os: 'linux', architecture: 'amd64', variant: null },
    parentId: null,
    family: { parent: null, children: [] },
    labels: {},
    containers: { running: [], stopped: [] },
  }
}

const CONNECTED: ConnectionState = { state: 'connected', endpoint: { url: 'unix:///run/docker.sock', kind: 'unix', source: 'default', context: null, tls: false }, message: null, retryInSeconds: null }

beforeAll(() => {
  vi.stubGlobal('window', { strata: bridge })
})
afterAll(() => {
  vi.unstubAllGlobals()
})
beforeEach(() => {
  setActivePinia(createPinia())
  pending.length = 0
  listeners.clear()
})

// The stores are imported once the bridge is stubbed: they reach for it when they load.

/** A started containers store whose first listing answered `first`. */
async function startedContainers(first: ContainerSummary[]) {
  const { useContainerStore } = await import('../../../renderer/stores/containers')
  const store = useContainerStore()
  store.start()
  await answer('containers.list', first)
  return store
}

/** A started images store whose first load drew no rows and then listed `first`. */
async function startedImages(first: ImageSummary[]) {
  const { useImageStore } = await import('../../../renderer/stores/images')
  const store = useImageStore()
  store.start()
  await answer('images.rows', [])
  await answer('images.list', first)
  return store
}

/** The live store, started with the engine store, once the engine's first state answered `first`. */
async function startedLive(first: ConnectionState) {
  const { useEngineStore } = await import('../../../renderer/stores/engine')
  const { useLiveStore } = await import('../../../renderer/stores/live')
  const engine = useEngineStore()
  const live = useLiveStore()
  live.start()
  void engine.start()
  await answer('engine.state', first)
  return live
}

describe('the containers store against late answers', () => {
  it('keeps the state an event brought when a listing asked for before it answers after it', async () => {
    const store = await startedContainers([container('a', 'running', 'Up 1 second'), container('b', 'running', 'Up 2 seconds')])
    void store.load()
    fire('containers.changed', { action: 'die', id: 'a', container: container('a', 'exited', 'Exited (137) Less than a second ago') })
    fire('containers.changed', { action: 'destroy', id: 'b', container: null })
    fire('containers.changed', { action: 'create', id: 'c', container: container('c', 'created', 'Created') })
    // The listing was taken before the events: a still running, b still there, c not yet.
    await answer('containers.list', [container('a', 'running', 'Up 1 second'), container('b', 'running', 'Up 2 seconds')])
    expect(Object.fromEntries(store.containers.map((entry) => [entry.id, entry.state]))).toEqual({ a: 'exited', c: 'created' })
  })

  it('takes a listing asked for after the events as it is', async () => {
    const store = await startedContainers([container('a', 'running', 'Up 1 second')])
    fire('containers.changed', { action: 'die', id: 'a', container: container('a', 'exited', 'Exited (0) Less than a second ago') })
    void store.load()
    await answer('containers.list', [container('a', 'exited', 'Exited (0) 1 second ago')])
    expect(store.containers[0]?.status).toBe('Exited (0) 1 second ago')
  })

  it("drops an action's answer that an event overtook", async () => {
    const store = await startedContainers([container('a', 'exited', 'Exited (0) 1 minute ago')])
    const started = store.act('a', 'start')
    fire('containers.changed', { action: 'start', id: 'a', container: container('a', 'running', 'Up Less than a second') })
    fire('containers.changed', { action: 'die', id: 'a', container: container('a', 'exited', 'Exited (1) Less than a second ago') })
    await answer('containers.start', container('a', 'running', 'Up Less than a second'))
    await started
    expect(store.containers[0]?.state).toBe('exited')
  })

  it('reads the list again when the transport reconnected', async () => {
    const store = await startedContainers([container('a', 'running', 'Up 1 second')])
    fire('images.reset', { reason: 'host-reconnected' })
    await answer('containers.list', [container('a', 'exited', 'Exited (0) 5 seconds ago')])
    expect(store.containers[0]?.state).toBe('exited')
  })

  it('ignores an event whose payload is not a container change, and keeps working', async () => {
    const store = await startedContainers([container('a', 'running', 'Up 1 second')])
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    expect(() => {
      fire('containers.changed', { action: 'die', id: 'a', container: { id: 'a' } })
    }).not.toThrow()
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('containers.changed'))
    warn.mockRestore()
    expect(store.containers[0]?.state).toBe('running')
  })
})

describe('the images store against late answers', () => {
  it('keeps an image an event changed or removed while the full list was on its way', async () => {
    const store = await startedImages([image('sha256:1', ['a:1']), image('sha256:2', ['b:1'])])
    void store.load()
    fire('images.changed', { action: 'tag', id: 'sha256:1', image: image('sha256:1', ['a:1', 'a:latest']) })
    fire('images.changed', { action: 'delete', id: 'sha256:2', image: null })
    await answer('images.list', [image('sha256:1', ['a:1']), image('sha256:2', ['b:1'])])
    expect(store.images.map((entry) => [entry.id, entry.repoTags])).toEqual([['sha256:1', ['a:1', 'a:latest']]])
  })

  it('reads everything again after the engine reconnected', async () => {
    const store = await startedImages([image('sha256:1', ['a:1'])])
    fire('images.reset', { reason: 'reconnected' })
    await answer('images.list', [image('sha256:1', ['a:1']), image('sha256:3', ['c:1'])])
    expect(store.images.map((entry) => entry.id)).toEqual(['sha256:1', 'sha256:3'])
  })
})

describe('the live store', () => {
  it('marks the data stale when the engine that answered goes away, with the time it was last live, and live again when it is back', async () => {
    const live = await startedLive(CONNECTED)
    expect(live.stale).toBe(false)
    const before = Date.now()
    fire('engine.state', { ...CONNECTED, state: 'reconnecting', message: 'gone', retryInSeconds: 1 })
    await nextTick()
    expect(live.cause).toBe('engine')
    expect(live.lastLiveAt).toBeGreaterThanOrEqual(before)
    fire('engine.state', CONNECTED)
    await nextTick()
    expect([live.stale, live.lastLiveAt]).toEqual([false, null])
  })

  it('calls nothing stale for an engine that never answered (the welcome screen explains that one)', async () => {
    const live = await startedLive({ ...CONNECTED, state: 'unreachable', message: 'no socket', retryInSeconds: 2 })
    expect(live.stale).toBe(false)
  })
})
