import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CleanupReport, ContainerSummary } from '../../../shared/types'
import { setStrataApiForTests } from '../../../renderer/api'
import { useCleanupStore } from '../../../renderer/stores/cleanup'
import { useContainerStore } from '../../../renderer/stores/containers'
import { useEngineStore } from '../../../renderer/stores/engine'
import { useRunStore } from '../../../renderer/stores/run'
import { FakeApi } from '../../support/fake-api'

let api: FakeApi

beforeEach(() => {
  api = new FakeApi()
  setStrataApiForTests(api)
  setActivePinia(createPinia())
})

afterEach(() => {
  setStrataApiForTests(null)
})

/** The list fields the run store touches; the rest of a summary is the views'. */
const CONTAINER = { id: 'f'.repeat(64), names: ['web'] } as unknown as ContainerSummary

describe('run store', () => {
  it('puts a container it ran into a loaded list before the live event comes', async () => {
    api.answer('containers.run', () => ({ container: CONTAINER, started: true, warnings: [] }))
    const containers = useContainerStore()
    containers.loaded = true
    const result = await useRunStore().run({ image: 'web:1' })
    expect(result.container.id).toBe(CONTAINER.id)
    expect(containers.containers.map((container) => container.id)).toEqual([CONTAINER.id])
  })

  it('leaves a list that was never loaded alone', async () => {
    api.answer('containers.run', () => ({ container: CONTAINER, started: true, warnings: [] }))
    await useRunStore().run({ image: 'web:1' })
    expect(useContainerStore().containers).toEqual([])
  })
})

describe('cleanup store: a run’s progress', () => {
  it('hears only its own task’s progress, and stops listening when the run ends', async () => {
    const pending = api.hold('cleanup.execute')
    const heard: number[] = []
    const run = useCleanupStore().execute({}, ['image:a'], 'task-1', (event) => heard.push(event.done))
    await Promise.resolve()
    api.emit('progress', { taskId: 'task-2', label: '', done: 7, total: 9, finished: false })
    api.emit('progress', { taskId: 'task-1', label: '', done: 1, total: 2, finished: false })
    pending[0]?.resolve({ predictedBytes: 0 } as CleanupReport)
    await run
    api.emit('progress', { taskId: 'task-1', label: '', done: 2, total: 2, finished: true })
    expect(heard).toEqual([1])
    expect(api.listenerCount('progress')).toBe(0)
    expect(api.inputsOf('cleanup.execute')).toEqual([{ options: {}, confirmed: ['image:a'], taskId: 'task-1' }])
  })

  it('stops listening when the run fails too', async () => {
    await expect(useCleanupStore().execute({}, [], 'task-3', () => undefined)).rejects.toMatchObject({ code: 'INTERNAL' })
    expect(api.listenerCount('progress')).toBe(0)
  })
})

describe('engine store', () => {
  it('asks discovery with the caller’s limit only when one is given', async () => {
    api.answer('engines.discover', () => ({ candidates: [] }) as never)
    const engine = useEngineStore()
    await engine.discover()
    await engine.discover(4000)
    expect(api.inputsOf('engines.discover')).toEqual([{}, { timeoutMs: 4000 }])
  })

  it('sends TLS files to a probe only for an address that takes them', async () => {
    api.answer('engines.probe', () => ({}) as never)
    const engine = useEngineStore()
    await engine.probe('ssh://me@box', null)
    await engine.probe('tcp://box:2376', { ca: '/ca.pem', cert: '/cert.pem', key: '/key.pem' } as never)
    expect(api.inputsOf('engines.probe')).toEqual([{ host: 'ssh://me@box' }, { host: 'tcp://box:2376', tls: { ca: '/ca.pem', cert: '/cert.pem', key: '/key.pem' } }])
  })
})
