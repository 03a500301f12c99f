import { afterAll, describe, expect, it } from 'vitest'
import type { ContainerChange } from '../../shared/types'
import { Leftovers, imageCount, ranContainer, sleepingContainer } from '../support/containers'
import { FIXTURES } from '../support/fixtures'
import { callOk, eventually, privateCore, privateDocker } from '../support/engine'

const docker = privateDocker()
const core = privateCore()
const leftovers = new Leftovers(docker)
afterAll(async () => {
  await leftovers.clean()
  await core.close()
})

describe('containers.changes', () => {
  it('lists what the writable layer added, modified and deleted, folders above them included, sorted by path', async () => {
    // The app fixture has /app/hello.txt; /bin/vi is one of busybox's links in the base.
    await ranContainer(docker, leftovers, FIXTURES.app.tag, 'changes-writer', 'echo changed > /app/hello.txt && echo new > /app/new.txt && mkdir -p /data/sub && echo x > /data/sub/x && rm /bin/vi')
    const result = await callOk(core, 'containers.changes', { id: 'changes-writer' })
    const expected: ContainerChange[] = [
      { path: '/app', kind: 'modified' },
      { path: '/app/hello.txt', kind: 'modified' },
      { path: '/app/new.txt', kind: 'added' },
      { path: '/bin', kind: 'modified' },
      { path: '/bin/vi', kind: 'deleted' },
      { path: '/data', kind: 'added' },
      { path: '/data/sub', kind: 'added' },
      { path: '/data/sub/x', kind: 'added' },
    ]
    expect(result.changes).toEqual(expected)
    expect(result.counts).toEqual({ added: 4, modified: 3, deleted: 1 })
    expect(result.containerId).toMatch(/^[0-9a-f]{64}$/)
  })

  it('answers an empty list for a container that changed nothing (the engine says null)', async () => {
    await ranContainer(docker, leftovers, FIXTURES.base.tag, 'changes-none', 'true')
    expect(await callOk(core, 'containers.changes', { id: 'changes-none' })).toMatchObject({ changes: [], counts: { added: 0, modified: 0, deleted: 0 } })
  })

  it('answers NOT_FOUND for a container that does not exist', async () => {
    const outcome = await core.call('containers.changes', { id: 'no-such-container' })
    expect(outcome).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: 'No container no-such-container: it does not exist, or was removed.' } })
  })
})

describe('containers.list', () => {
  it('names each container and measures writable layers only when asked', async () => {
    const writer = await ranContainer(docker, leftovers, FIXTURES.base.tag, 'list-sized', 'dd if=/dev/zero of=/blob bs=1024 count=100 2>/dev/null')
    await ranContainer(docker, leftovers, FIXTURES.base.tag, 'list-unchanged', 'true')
    const plain = await callOk(core, 'containers.list', {})
    const listed = plain.find((container) => container.id === writer.id)
    expect(listed).toMatchObject({ name: 'list-sized', names: ['list-sized'], ports: [], state: 'exited' })
    expect(listed).not.toHaveProperty('sizeRw')

    const sized = await callOk(core, 'containers.list', { size: true })
    const image = await docker.getImage(FIXTURES.base.tag).inspect()
    // The writable layer holds exactly the 100 KiB file; the root fs adds the image under it.
    expect(sized.find((container) => container.id === writer.id)).toMatchObject({ sizeRw: 102_400, sizeRootFs: 102_400 + image.Size })
    // The engine leaves a size of 0 out of its answer: it is still a number here.
    expect(sized.find((container) => container.name === 'list-unchanged')).toMatchObject({ sizeRw: 0, sizeRootFs: image.Size })
  })
})

describe('start, stop, restart and remove', () => {
  it('goes round the lifecycle, treating "already in that state" as success', async () => {
    const container = await docker.createContainer({ Image: FIXTURES.base.tag, name: 'lifecycle', Cmd: ['sleep', '600'] })
    leftovers.container(container.id)

    expect(await callOk(core, 'containers.start', { id: 'lifecycle' })).toMatchObject({ id: container.id, name: 'lifecycle', state: 'running' })
    // 304 from the engine: already running.
    expect(await callOk(core, 'containers.start', { id: container.id })).toMatchObject({ state: 'running' })

    const startedAt = (await container.inspect()).State.StartedAt
    expect(await callOk(core, 'containers.restart', { id: 'lifecycle', timeoutSeconds: 1 })).toMatchObject({ state: 'running' })
    expect((await container.inspect()).State.StartedAt).not.toBe(startedAt)

    const refused = await core.call('containers.remove', { id: 'lifecycle' })
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'Container lifecycle is running: stop it first, or remove it with force.' } })
    expect((await container.inspect()).State.Running).toBe(true)

    expect(await callOk(core, 'containers.stop', { id: 'lifecycle', timeoutSeconds: 1 })).toMatchObject({ state: 'exited' })
    // 304 again: already stopped.
    expect(await callOk(core, 'containers.stop', { id: 'lifecycle' })).toMatchObject({ state: 'exited' })

    expect(await callOk(core, 'containers.remove', { id: 'lifecycle' })).toEqual({ removed: true, id: container.id })
    expect((await callOk(core, 'containers.list', {})).some((listed) => listed.id === container.id)).toBe(false)
    for (const method of ['containers.remove', 'containers.start', 'containers.stop'] as const) {
      expect(await core.call(method, { id: 'lifecycle' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    }
  })

  it('removes a running container with force, and its anonymous volumes with volumes', async () => {
    const container = await docker.createContainer({ Image: FIXTURES.base.tag, name: 'forced', Cmd: ['sleep', '600'], Volumes: { '/scratch': {} } })
    leftovers.container(container.id)
    await container.start()
    const volume = (await container.inspect()).Mounts.find((mount) => mount.Destination === '/scratch')?.Name ?? ''
    expect(volume).not.toBe('')
    expect(await callOk(core, 'containers.remove', { id: 'forced', force: true, volumes: true })).toEqual({ removed: true, id: container.id })
    await expect(docker.getVolume(volume).inspect()).rejects.toMatchObject({ statusCode: 404 })
  })

  it('leaves no dangling volume with volumes (docker rm -v), and keeps the anonymous volume without it', async () => {
    // The engine answers Volumes: null when none match, whatever dockerode's types say.
    const dangling = async (): Promise<string[]> => (((await docker.listVolumes({ filters: { dangling: ['true'] } })) as { Volumes: { Name: string }[] | null }).Volumes ?? []).map((volume) => volume.Name)
    const anonymousVolume = async (name: string): Promise<string> => {
      const container = await docker.createContainer({ Image: FIXTURES.base.tag, name, Cmd: ['true'], Volumes: { '/data': {} } })
      leftovers.container(container.id)
      await container.start()
      await container.wait()
      const volume = (await container.inspect()).Mounts.find((mount) => mount.Destination === '/data')?.Name ?? ''
      expect(volume).toMatch(/^[0-9a-f]{64}$/)
      return volume
    }
    const removed = await anonymousVolume('volumes-removed')
    const kept = await anonymousVolume('volumes-kept')
    try {
      expect(await callOk(core, 'containers.remove', { id: 'volumes-removed', volumes: true })).toMatchObject({ removed: true })
      await expect(docker.getVolume(removed).inspect()).rejects.toMatchObject({ statusCode: 404 })
      expect(await dangling()).not.toContain(removed)

      // The default is docker rm's: the volume outlives its container, dangling.
      expect(await callOk(core, 'containers.remove', { id: 'volumes-kept' })).toMatchObject({ removed: true })
      expect(await docker.getVolume(kept).inspect()).toMatchObject({ Name: kept })
      expect(await dangling()).toContain(kept)
    } finally {
      await docker.getVolume(kept).remove().catch(() => undefined)
    }
  })
})

describe('live updates', () => {
  it('learn about a commit made through the core from the daemon events alone', async () => {
    const follower = privateCore()
    const seen: string[] = []
    follower.events.on('images.changed', (change) => {
      if (change.image !== null) seen.push(change.id)
    })
    try {
      follower.follow()
      await eventually(() => (follower.session.state.state === 'connected' ? true : undefined))
      await callOk(follower, 'images.list', {})
      await sleepingContainer(docker, leftovers, FIXTURES.base.tag, 'live-commit')
      const before = await imageCount(docker)
      const result = await callOk(core, 'containers.commit', { id: 'live-commit', repository: 'containers/live', tag: '1' })
      leftovers.image(result.id)
      expect(await imageCount(docker)).toBe(before + 1)
      await eventually(() => (seen.includes(result.id) ? true : undefined))
      const listed = await callOk(follower, 'images.get', { id: result.id })
      expect(listed.repoTags).toEqual(['containers/live:1'])
      expect(listed.containers.running).toEqual([])
    } finally {
      await follower.close()
    }
  })
})
