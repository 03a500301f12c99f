import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createStrataCore } from '../../electron/core/api/core'
import type { EventName, EventPayloads } from '../../shared/events'
import type { ConnectionStateName } from '../../shared/types'
import { startPrivateDaemon, type PrivateDaemon } from '../support/daemon'
import { FIXTURES, buildFixture } from '../support/fixtures'
import { privateCore, privateDocker } from '../support/engine'

type Received = { [E in EventName]: { event: E; payload: EventPayloads[E] } }[EventName]

function recordEvents(core: ReturnType<typeof privateCore>): Received[] {
  const received: Received[] = []
  core.events.onAny((event, payload) => {
    received.push({ event, payload } as Received)
  })
  return received
}

async function waitFor<T>(find: () => T | undefined, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const found = find()
    if (found !== undefined) return found
    if (Date.now() > deadline) throw new Error(`no ${what} within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

describe('live updates from daemon events', () => {
  const core = privateCore()
  const received = recordEvents(core)
  const docker = privateDocker()

  beforeAll(async () => {
    core.follow()
    await waitFor(() => (core.session.state.state === 'connected' ? true : undefined), 'connection')
    // Like every client, list first: the catalog then follows events from that snapshot.
    expect((await core.call('images.list', {})).ok).toBe(true)
  })
  afterAll(() => core.close())

  function imageChange(predicate: (payload: EventPayloads['images.changed']) => boolean): EventPayloads['images.changed'] | undefined {
    for (const entry of received) if (entry.event === 'images.changed' && predicate(entry.payload)) return entry.payload
    return undefined
  }

  it('publishes a tag done outside Strata with the image as it now is', async () => {
    await docker.getImage(FIXTURES.base.tag).tag({ repo: 'live/tagged', tag: 'v1' })
    const change = await waitFor(() => imageChange((payload) => payload.action === 'tag' && payload.image?.repoTags.includes('live/tagged:v1') === true), 'tag event')
    expect(change.id).toBe(inject('fixtureIds').base)
  })

  it('publishes an untag with the remaining tags', async () => {
    await docker.getImage('live/tagged:v1').remove()
    const change = await waitFor(() => imageChange((payload) => payload.action === 'untag'), 'untag event')
    expect(change.image?.repoTags).toEqual([FIXTURES.base.tag])
  })

  it('publishes a delete with image null', async () => {
    const id = await buildFixture(docker, { tag: 'live/doomed:1', dockerfile: `FROM ${FIXTURES.base.tag}\nRUN echo doomed > /doomed` })
    // Seen first, as a client would have seen it, then deleted.
    await waitFor(() => imageChange((payload) => payload.id === id && payload.image !== null), 'new image')
    await docker.getImage('live/doomed:1').remove()
    // The untag and the delete arrive together; whichever is handled first finds the image gone.
    const change = await waitFor(() => imageChange((payload) => payload.id === id && payload.image === null), 'image removal')
    expect(['untag', 'delete']).toContain(change.action)
  })

  it('publishes container changes and the image a commit made', async () => {
    const container = await docker.createContainer({ Image: FIXTURES.base.tag, Cmd: ['/bin/true'], name: 'live-committed' })
    const created = await waitFor(() => received.find((entry) => entry.event === 'containers.changed' && entry.payload.id === container.id), 'container create event')
    expect(created.event === 'containers.changed' && created.payload.container?.state).toBe('created')

    const commit = (await container.commit({ repo: 'live/committed', tag: 'c1' })) as { Id: string }
    // The engine sends the new image's tag event before the container's commit event.
    const change = await waitFor(() => imageChange((payload) => payload.id === commit.Id && payload.image !== null), 'committed image')
    expect(['tag', 'commit']).toContain(change.action)
    expect(change.image?.repoTags).toContain('live/committed:c1')
    // Creating the container changed the base image's summary: it now lists the container.
    const usedBy = await waitFor(
      () => imageChange((payload) => payload.id === inject('fixtureIds').base && payload.image?.containers.stopped.some((ref) => ref.id === container.id) === true),
      'base image counting the container',
    )
    expect(usedBy.image?.containers.stopped.map((ref) => ref.name)).toContain('live-committed')

    await container.remove()
    const gone = await waitFor(
      () => received.find((entry) => entry.event === 'containers.changed' && entry.payload.id === container.id && entry.payload.action === 'destroy'),
      'destroy event',
    )
    expect(gone.event === 'containers.changed' && gone.payload.container).toBeNull()
    await docker.getImage('live/committed:c1').remove()
  })

  it('publishes a container killed right after its start as exited, last, whatever the lookups answer', async () => {
    const container = await docker.createContainer({ Image: FIXTURES.base.tag, Cmd: ['sleep', '300'], name: 'live-short-lived' })
    try {
      await container.start()
      await new Promise((resolve) => setTimeout(resolve, 150))
      await container.kill()
      const lastChange = (): EventPayloads['containers.changed'] | undefined =>
        received.flatMap((entry) => (entry.event === 'containers.changed' && entry.payload.id === container.id ? [entry.payload] : [])).at(-1)
      await waitFor(() => (lastChange()?.action === 'die' ? true : undefined), 'die event', 1000)
      expect(lastChange()?.container?.state).toBe('exited')
      // Rechecks may follow; none may turn it back to running.
      await new Promise((resolve) => setTimeout(resolve, 1500))
      expect(lastChange()?.container).toMatchObject({ state: 'exited', status: expect.stringMatching(/^Exited \(137\)/) as string })
      // The image's own count follows: its last summary has the container stopped, not running.
      const base = received.flatMap((entry) => (entry.event === 'images.changed' && entry.payload.id === inject('fixtureIds').base ? [entry.payload.image] : [])).at(-1)
      expect(base?.containers.running.map((ref) => ref.id)).not.toContain(container.id)
      expect(base?.containers.stopped.map((ref) => ref.id)).toContain(container.id)
    } finally {
      await container.remove({ force: true })
    }
  })
})

describe('reconnection', () => {
  let daemon: PrivateDaemon

  beforeAll(async () => {
    daemon = await startPrivateDaemon()
  })
  afterAll(async () => {
    await daemon.stop()
  })

  it('reports reconnecting when the daemon goes away and connected again when it is back, then resyncs', async () => {
    const core = createStrataCore({ host: daemon.host, backoff: { initialMs: 100, maxMs: 400, attemptsBeforeUnreachable: 1000 } })
    const received = recordEvents(core)
    const states = (): ConnectionStateName[] => received.flatMap((entry) => (entry.event === 'engine.state' ? [entry.payload.state] : []))
    try {
      core.follow()
      await waitFor(() => (states().includes('connected') ? true : undefined), 'first connection')

      await daemon.stop({ keepFiles: true })
      await waitFor(() => (states().includes('reconnecting') ? true : undefined), 'reconnecting state')
      const down = await core.call('engine.info', {})
      expect(down).toMatchObject({ ok: false, error: { code: 'ENGINE_UNREACHABLE' } })

      daemon = await startPrivateDaemon({ root: daemon.root })
      await waitFor(() => (states().lastIndexOf('connected') > states().indexOf('reconnecting') ? true : undefined), 'reconnection', 30_000)
      expect(received.some((entry) => entry.event === 'images.reset')).toBe(true)
      const up = await core.call('engine.info', {})
      expect(up.ok).toBe(true)
    } finally {
      await core.close()
    }
  })

  it('reports unreachable, with the endpoint, when no daemon ever answered', async () => {
    const core = createStrataCore({ host: 'unix:///nonexistent/strata.sock', backoff: { initialMs: 100, maxMs: 100, attemptsBeforeUnreachable: 1 } })
    try {
      core.follow()
      await waitFor(() => (core.session.state.state === 'unreachable' ? true : undefined), 'unreachable state')
      expect(core.session.state.message).toContain('unix:///nonexistent/strata.sock')
      expect(core.session.state.retryInSeconds).toBeGreaterThan(0)
    } finally {
      await core.close()
    }
  })
})
