import { describe, expect, it } from 'vitest'
import { LiveUpdates, RECHECK_DELAYS_MS } from '../../electron/core/api/live-updates'
import { applyImplied, contradicts, impliedByEvent } from '../../electron/core/containers/event-state'
import type { EngineConnection } from '../../electron/core/engine/connection'
import type { DaemonEvent } from '../../electron/core/engine/daemon-events'
import { ImageCatalog } from '../../electron/core/images/catalog'
import type { EventPayloads } from '../../shared/events'
import type { ContainerStateName, ContainerSummary } from '../../shared/types'

const ID = 'c0ffee'
const CONNECTION = {} as EngineConnection

function summary(state: ContainerStateName, status: string, name = 'web'): ContainerSummary {
  return { id: ID, names: [name], name, image: 'busybox', imageId: 'sha256:b', command: 'sleep 60', created: '2026-12-05T06:00:00.000Z', state, status, ports: [] }
}

function event(action: string, attributes: Record<string, string> = {}): DaemonEvent {
  return { type: 'container', action, id: ID, attributes, timeNano: 0 }
}

interface Deferred {
  id: string
  resolve(answer: ContainerSummary | null): void
}

/** A core publisher whose lookups the test answers by hand, in any order, and whose timers it fires. */
function harness() {
  const lookups: Deferred[] = []
  const timers: { run: () => void; delayMs: number }[] = []
  const published: EventPayloads['containers.changed'][] = []
  const catalog = new ImageCatalog()
  const live = new LiveUpdates({
    catalog,
    hub: {
      emit: (name, payload) => {
        if (name === 'containers.changed') published.push(payload as EventPayloads['containers.changed'])
      },
    },
    reportBackground: (error) => {
      throw error
    },
    lookup: (_connection, id) =>
      new Promise((resolve) => {
        lookups.push({ id, resolve })
      }),
    schedule: (run, delayMs) => timers.push({ run, delayMs }),
  })
  /** Lets the publishing chain reach its next lookup. */
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 10; i += 1) await Promise.resolve()
  }
  const answer = async (found: ContainerSummary | null): Promise<void> => {
    await settle()
    const next = lookups.shift()
    if (next === undefined) throw new Error('no lookup is waiting')
    next.resolve(found)
    await settle()
  }
  const last = (): ContainerSummary | null | undefined => published.at(-1)?.container
  return { live, catalog, lookups, timers, published, answer, settle, last }
}

describe('what a container event says by itself', () => {
  it('reads the state, exit code, name and health from the action and its attributes', () => {
    expect(impliedByEvent('start', {})).toEqual({ state: 'running' })
    expect(impliedByEvent('die', { exitCode: '137' })).toEqual({ state: 'exited', exitCode: 137 })
    expect(impliedByEvent('pause', {})).toEqual({ state: 'paused' })
    expect(impliedByEvent('unpause', {})).toEqual({ state: 'running' })
    expect(impliedByEvent('rename', { name: '/renamed', oldName: '/web' })).toEqual({ name: 'renamed' })
    expect(impliedByEvent('destroy', {})).toEqual({ gone: true })
    expect(impliedByEvent('health_status: unhealthy', {})).toEqual({ health: 'unhealthy' })
    expect(impliedByEvent('kill', { signal: '9' })).toEqual({})
    expect(impliedByEvent('oom', {})).toEqual({})
  })

  it('words the implied state as the engine would, so the renderer can translate it', () => {
    expect(applyImplied(summary('running', 'Up 3 seconds'), { state: 'exited', exitCode: 137 })?.status).toBe('Exited (137) Less than a second ago')
    expect(applyImplied(summary('running', 'Up 3 seconds (healthy)'), { state: 'paused' })?.status).toBe('Up 3 seconds (Paused)')
    expect(applyImplied(summary('paused', 'Up 3 seconds (Paused)'), { state: 'running' })?.status).toBe('Up 3 seconds')
    expect(applyImplied(summary('running', 'Up 3 seconds (health: starting)'), { health: 'healthy' })?.status).toBe('Up 3 seconds (healthy)')
    expect(applyImplied(summary('running', 'Up 3 seconds'), { gone: true })).toBeNull()
    const renamed = applyImplied(summary('running', 'Up 3 seconds'), { name: 'api' })
    expect([renamed?.name, renamed?.names]).toEqual(['api', ['api']])
  })

  it('leaves a summary that already agrees untouched, the same object', () => {
    const exited = summary('exited', 'Exited (0) 2 seconds ago')
    expect(applyImplied(exited, { state: 'exited', exitCode: 0 })).toBe(exited)
  })

  it('calls a lookup stale when it shows a state the event has left behind', () => {
    expect(contradicts(summary('running', 'Up 1 second'), { state: 'exited', exitCode: 137 })).toBe(true)
    expect(contradicts(summary('restarting', 'Restarting (1) 1 second ago'), { state: 'exited', exitCode: 1 })).toBe(false)
    expect(contradicts(summary('running', 'Up 1 second'), { state: 'paused' })).toBe(true)
    expect(contradicts(summary('running', 'Up 1 second'), { name: 'api' })).toBe(true)
    expect(contradicts(summary('running', 'Up 1 second'), { gone: true })).toBe(true)
    expect(contradicts(null, { state: 'running' })).toBe(false)
  })
})

describe('container events published in the engine order, whatever the timing of the lookups', () => {
  it('drops the lookup made for a start when it answers after the die came in', async () => {
    const h = harness()
    h.live.receive(event('create'), CONNECTION)
    await h.answer(summary('created', 'Created'))
    h.live.receive(event('start'), CONNECTION)
    expect(h.last()?.state).toBe('running')
    h.live.receive(event('kill', { signal: '9' }), CONNECTION)
    h.live.receive(event('die', { exitCode: '137' }), CONNECTION)
    // The die is shown at once, before any lookup answers.
    expect(h.last()?.status).toBe('Exited (137) Less than a second ago')
    const count = h.published.length
    await h.answer(summary('running', 'Up Less than a second')) // start's lookup, late
    await h.answer(summary('running', 'Up Less than a second')) // kill's lookup, late
    expect(h.published.length).toBe(count)
    await h.answer(summary('exited', 'Exited (137) Less than a second ago')) // die's lookup
    expect(h.last()).toMatchObject({ state: 'exited', status: 'Exited (137) Less than a second ago' })
    expect(h.published.map((change) => change.action)).toEqual(['create', 'start', 'die', 'die'])
    expect(h.catalog.knownContainer(ID)?.state).toBe('exited')
  })

  it('corrects a lookup the engine answered before its list caught up, then asks again until it agrees', async () => {
    const h = harness()
    h.live.receive(event('start'), CONNECTION)
    await h.answer(summary('running', 'Up Less than a second'))
    h.live.receive(event('die', { exitCode: '137' }), CONNECTION)
    // The engine's list still says running right after the die.
    await h.answer(summary('running', 'Up Less than a second'))
    expect(h.last()?.state).toBe('exited')
    expect(h.timers.map((timer) => timer.delayMs)).toEqual([RECHECK_DELAYS_MS[0]])
    h.timers.shift()?.run()
    await h.answer(summary('running', 'Up 1 second'))
    expect(h.last()?.state).toBe('exited')
    h.timers.shift()?.run()
    await h.answer(summary('exited', 'Exited (137) 1 second ago'))
    expect(h.last()).toMatchObject({ state: 'exited', status: 'Exited (137) 1 second ago' })
    expect(h.timers).toHaveLength(0)
  })

  it('trusts the engine after the last recheck', async () => {
    const h = harness()
    h.catalog.putContainer(ID, summary('running', 'Up 5 seconds'))
    h.live.receive(event('pause'), CONNECTION)
    expect(h.last()?.status).toBe('Up 5 seconds (Paused)')
    await h.answer(summary('running', 'Up 5 seconds'))
    for (const delay of RECHECK_DELAYS_MS) {
      expect(h.last()?.status).toMatch(/^Up \d seconds \(Paused\)$/)
      const timer = h.timers.shift()
      expect(timer?.delayMs).toBe(delay)
      timer?.run()
      await h.answer(summary('running', 'Up 6 seconds'))
    }
    expect(h.timers).toHaveLength(0)
    expect(h.last()).toMatchObject({ state: 'running', status: 'Up 6 seconds' })
  })

  it('stops rechecking once a newer event came in', async () => {
    const h = harness()
    h.catalog.putContainer(ID, summary('running', 'Up 5 seconds'))
    h.live.receive(event('pause'), CONNECTION)
    await h.answer(summary('running', 'Up 5 seconds'))
    h.live.receive(event('unpause'), CONNECTION)
    expect(h.last()?.status).toBe('Up 5 seconds')
    h.timers.shift()?.run()
    await h.answer(summary('running', 'Up 5 seconds')) // unpause's lookup
    await h.settle()
    expect(h.lookups).toHaveLength(0)
    expect(h.last()).toMatchObject({ state: 'running', status: 'Up 5 seconds' })
  })

  it('shows a rename at once and keeps it against a lookup that still has the old name', async () => {
    const h = harness()
    h.catalog.putContainer(ID, summary('running', 'Up 5 seconds', 'web'))
    h.live.receive(event('rename', { name: '/api', oldName: '/web' }), CONNECTION)
    expect(h.last()?.name).toBe('api')
    await h.answer(summary('running', 'Up 5 seconds', 'web'))
    expect(h.last()?.name).toBe('api')
  })

  it('removes a destroyed container at once, and a late lookup of an earlier event does not bring it back', async () => {
    const h = harness()
    h.catalog.putContainer(ID, summary('running', 'Up 5 seconds'))
    h.live.receive(event('kill', { signal: '9' }), CONNECTION)
    h.live.receive(event('die', { exitCode: '137' }), CONNECTION)
    h.live.receive(event('destroy'), CONNECTION)
    expect(h.last()).toBeNull()
    await h.answer(summary('running', 'Up 5 seconds'))
    await h.answer(summary('exited', 'Exited (137) Less than a second ago'))
    await h.answer(null)
    expect(h.last()).toBeNull()
    expect(h.catalog.knownContainer(ID)).toBeUndefined()
  })

  it('shows a health change with the uptime kept', async () => {
    const h = harness()
    h.catalog.putContainer(ID, summary('running', 'Up 40 seconds (health: starting)'))
    h.live.receive(event('health_status: healthy'), CONNECTION)
    expect(h.last()?.status).toBe('Up 40 seconds (healthy)')
    await h.answer(summary('running', 'Up 41 seconds (healthy)'))
    expect(h.last()?.status).toBe('Up 41 seconds (healthy)')
  })
})
