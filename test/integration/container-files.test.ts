import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { CONTAINER_FILES_STAT_LIMIT, type ContainerFileEntry } from '../../shared/container-files'
import { Leftovers, ranContainer } from '../support/containers'
import { dockerCli } from '../support/docker-cli'
import { BUSYBOX, FIXTURES, buildFixture } from '../support/fixtures'
import { callError, callOk, eventually, privateCore, privateDocker } from '../support/engine'

const docker = privateDocker()
const core = privateCore()
const leftovers = new Leftovers(docker)
const hostFolder = mkdtempSync(join(tmpdir(), 'strata-inspect-mount-'))
afterAll(async () => {
  await leftovers.clean()
  await core.close()
  rmSync(hostFolder, { recursive: true, force: true })
})

function byName(entries: readonly ContainerFileEntry[], name: string): ContainerFileEntry {
  const found = entries.find((entry) => entry.name === name)
  if (found === undefined) throw new Error(`no ${name} among ${entries.map((entry) => entry.name).join(', ')}`)
  return found
}

// The app fixture: layer 0 COPY busybox, layer 1 RUN busybox --install (the /bin links), layer 2 RUN mkdir /app && echo > /app/hello.txt.
const WRITER = 'files-writer'
const SCRIPT = 'echo changed-in-container > /app/hello.txt && printf 12345 > /app/new.txt && rm /bin/vi && mkdir -p /data/sub && echo x > /data/sub/x && chown 123:45 /app/new.txt && chmod 4750 /app/new.txt && ln -s /app/new.txt /app/link'

describe('containers.files', () => {
  it('names the origin of every path: image layer, added, copied up, deleted', async () => {
    await ranContainer(docker, leftovers, FIXTURES.app.tag, WRITER, SCRIPT)
    const root = await callOk(core, 'containers.files', { id: WRITER })
    expect(root.layers).toHaveLength(3)
    expect(root.layers[2]).toContain('hello from strata')
    expect(byName(root.entries, 'app')).toMatchObject({ origin: 'copied-up', type: 'dir', imageLayer: 2, layer: 3 })
    expect(byName(root.entries, 'data')).toMatchObject({ origin: 'added', type: 'dir', imageLayer: null, layer: 3, metadataFrom: 'container', childCount: 1 })
    expect(byName(root.entries, 'bin')).toMatchObject({ origin: 'copied-up', type: 'dir' })

    const app = await callOk(core, 'containers.files', { id: WRITER, path: '/app' })
    expect(app.path).toBe('app')
    // The container's own copy: its size and mode, stat'ed by the engine, which names no owner (chown'ed here: nothing is claimed).
    expect(byName(app.entries, 'hello.txt')).toMatchObject({ origin: 'copied-up', change: 'modified', imageLayer: 2, size: 'changed-in-container\n'.length, mode: 0o644, metadataFrom: 'container', ownerKnown: false })
    expect(byName(app.entries, 'new.txt')).toMatchObject({ origin: 'added', change: 'added', type: 'file', size: 5, mode: 0o4750, uid: 0, gid: 0, imageLayer: null, metadataFrom: 'container', ownerKnown: false })
    expect(byName(app.entries, 'link')).toMatchObject({ origin: 'added', type: 'symlink', link: '/app/new.txt', size: 0 })

    const bin = await callOk(core, 'containers.files', { id: WRITER, path: 'bin' })
    expect(byName(bin.entries, 'vi')).toMatchObject({ origin: 'deleted', change: 'removed', type: 'symlink', imageLayer: 1, metadataFrom: 'image', ownerKnown: true })
    // Untouched: the busybox binary comes from the COPY of layer 0, the sh link from the RUN of layer 1.
    const busybox = byName(bin.entries, 'busybox')
    expect(busybox).toMatchObject({ origin: 'image', change: null, type: 'file', imageLayer: 0, layer: 0, metadataFrom: 'image' })
    expect(bin.layers[busybox.imageLayer ?? -1]).toMatch(/^COPY /)
    expect(byName(bin.entries, 'sh')).toMatchObject({ origin: 'image', type: 'symlink', imageLayer: 1, link: '/bin/busybox' })
    // The fixture copied this machine's busybox in.
    expect(busybox.size).toBe(statSync(BUSYBOX).size)

    const sub = await callOk(core, 'containers.files', { id: WRITER, path: 'data/sub' })
    expect(sub.entries).toEqual([expect.objectContaining({ name: 'x', origin: 'added', size: 2 })])
  })

  it('lists only the writable layer when asked', async () => {
    const root = await callOk(core, 'containers.files', { id: WRITER, onlyChanges: true })
    expect(root.entries.map((entry) => `${entry.origin} ${entry.name}`)).toEqual(['copied-up app', 'copied-up bin', 'added data'])
    const bin = await callOk(core, 'containers.files', { id: WRITER, path: 'bin', onlyChanges: true })
    expect(bin.entries.map((entry) => `${entry.origin} ${entry.name}`)).toEqual(['deleted vi'])
    expect(byName(root.entries, 'bin').childCount).toBe(1)
  })

  it('shows what a deleted folder took with it', async () => {
    await ranContainer(docker, leftovers, FIXTURES.app.tag, 'files-rm-folder', 'rm -r /app')
    const root = await callOk(core, 'containers.files', { id: 'files-rm-folder' })
    expect(byName(root.entries, 'app')).toMatchObject({ origin: 'deleted', imageLayer: 2, childCount: 1 })
    const app = await callOk(core, 'containers.files', { id: 'files-rm-folder', path: 'app' })
    expect(app.entries).toEqual([expect.objectContaining({ name: 'hello.txt', origin: 'deleted', imageLayer: 2, size: 'hello from strata\n'.length })])
  })

  it('reads a running container as it is now', async () => {
    const container = await docker.createContainer({ Image: FIXTURES.base.tag, name: 'files-running', Cmd: ['sh', '-c', 'printf abc > /live.txt && exec sleep 600'], HostConfig: { NetworkMode: 'none' } })
    leftovers.container(container.id)
    await container.start()
    const live = await eventually(async () => {
      const root = await callOk(core, 'containers.files', { id: 'files-running', onlyChanges: true })
      return root.entries.find((entry) => entry.name === 'live.txt')
    })
    expect(live).toMatchObject({ origin: 'added', size: 3, metadataFrom: 'container' })
  })

  it(`reads the metadata of at most ${String(CONTAINER_FILES_STAT_LIMIT)} changed paths per folder and says how many it left`, async () => {
    const count = CONTAINER_FILES_STAT_LIMIT + 30
    await ranContainer(docker, leftovers, FIXTURES.base.tag, 'files-many', `mkdir /many && cd /many && for i in $(seq 1 ${String(count)}); do echo $i > f$i; done`)
    const many = await callOk(core, 'containers.files', { id: 'files-many', path: 'many' })
    expect(many.entries).toHaveLength(count)
    expect(many.unread).toBe(30)
    expect(many.entries.filter((entry) => entry.metadataFrom === 'container')).toHaveLength(CONTAINER_FILES_STAT_LIMIT)
    expect(many.entries.filter((entry) => entry.metadataFrom === null).every((entry) => entry.origin === 'added' && entry.size === 0)).toBe(true)
  })

  it("says so when the container's image was deleted with force", async () => {
    const imageId = leftovers.image(await buildFixture(docker, { tag: 'strata-test/files-orphan:1', dockerfile: `FROM ${FIXTURES.base.tag}\nLABEL strata.test=orphan` }))
    await ranContainer(docker, leftovers, imageId, 'files-orphan', 'true')
    await docker.getImage(imageId).remove({ force: true })
    expect(await callError(core, 'containers.files', { id: 'files-orphan' })).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/^The container's image sha256:[0-9a-f]{64} is gone/) as unknown })
  })

  it('refuses an unknown container, a missing folder, a file, and paths with .. or control characters', async () => {
    expect(await callError(core, 'containers.files', { id: 'no-such-container' })).toMatchObject({ code: 'NOT_FOUND', message: 'No container no-such-container: it does not exist, or was removed.' })
    expect(await callError(core, 'containers.files', { id: WRITER, path: 'nowhere' })).toMatchObject({ code: 'NOT_FOUND', message: 'No /nowhere in the container.' })
    expect(await callError(core, 'containers.files', { id: WRITER, path: 'bin/busybox' })).toMatchObject({ code: 'INVALID_INPUT', message: '/bin/busybox is not a folder.' })
    expect(await callError(core, 'containers.files', { id: WRITER, path: 'app/new.txt' })).toMatchObject({ code: 'INVALID_INPUT', message: '/app/new.txt is not a folder in the container.' })
    for (const path of ['../etc', 'app/../../etc', 'app/\u0001x', 'app\nbin', 'a\u007f']) {
      const error = await callError(core, 'containers.files', { id: WRITER, path })
      expect(error.code, JSON.stringify(path)).toBe('INVALID_INPUT')
      expect(error.message, JSON.stringify(path)).toMatch(/not a path inside the container: it has (a '\.\.' part|control characters)/)
    }
  })
})

describe('containers.inspect', () => {
  it('answers the engine JSON and a summary that agrees with docker inspect', async () => {
    const container = await docker.createContainer({
      Image: FIXTURES.base.tag,
      name: 'inspect-summary',
      Cmd: ['sh', '-c', 'exit 3'],
      Volumes: { '/cache': {} },
      ExposedPorts: { '8080/tcp': {} },
      HostConfig: { Binds: [`${hostFolder}:/host:ro`], NetworkMode: 'none', RestartPolicy: { Name: 'no' } },
    })
    leftovers.container(container.id)
    await container.start()
    await container.wait()
    const view = await callOk(core, 'containers.inspect', { id: 'inspect-summary' })
    const [cli] = JSON.parse(await dockerCli('inspect', 'inspect-summary')) as [Record<string, unknown> & { State: Record<string, unknown>; Mounts: Record<string, unknown>[]; NetworkSettings: { Networks: Record<string, { IPAddress: string }> } }]
    expect(view.id).toBe(cli.Id)
    expect(view.name).toBe('inspect-summary')
    expect(view.imageName).toBe(FIXTURES.base.tag)
    expect(view.state).toMatchObject({ status: cli.State.Status, exitCode: cli.State.ExitCode, startedAt: cli.State.StartedAt, finishedAt: cli.State.FinishedAt, oomKilled: cli.State.OOMKilled, running: false, restartCount: cli.RestartCount, health: null, error: null })
    expect(view.state).toMatchObject({ status: 'exited', exitCode: 3 })
    const mounts = view.mounts.map((mount) => `${mount.type} ${mount.destination} ${String(mount.readWrite)}`).sort()
    expect(mounts).toEqual(cli.Mounts.map((mount) => `${String(mount.Type)} ${String(mount.Destination)} ${String(mount.RW)}`).sort())
    expect(mounts).toEqual(['bind /host false', 'volume /cache true'])
    expect(view.mounts.find((mount) => mount.type === 'bind')?.source).toBe(hostFolder)
    expect(view.mounts.find((mount) => mount.type === 'volume')?.name).toMatch(/^[0-9a-f]{64}$/)
    expect(view.networkMode).toBe('none')
    expect(view.networks.map((network) => `${network.name} ${network.ipAddress}`)).toEqual(Object.entries(cli.NetworkSettings.Networks).map(([name, network]) => `${name} ${network.IPAddress}`))
    // The raw answer is the engine's own, fields Strata does not summarise included.
    expect(view.raw).toMatchObject({ Id: cli.Id, HostConfig: { Binds: [`${hostFolder}:/host:ro`] }, Config: { ExposedPorts: { '8080/tcp': {} } } })
    await docker.getVolume(view.mounts.find((mount) => mount.type === 'volume')?.name ?? '').remove().catch(() => undefined)
  })

  it('summarises a running container: running, started, not finished, with its pid', async () => {
    const container = await docker.createContainer({ Image: FIXTURES.base.tag, name: 'inspect-running', Cmd: ['sleep', '600'], HostConfig: { NetworkMode: 'none' } })
    leftovers.container(container.id)
    await container.start()
    const view = await callOk(core, 'containers.inspect', { id: container.id.slice(0, 12) })
    const state = JSON.parse(await dockerCli('inspect', '--format', '{{json .State}}', container.id)) as { Pid: number; StartedAt: string }
    expect(view.state).toMatchObject({ status: 'running', running: true, pid: state.Pid, startedAt: state.StartedAt, finishedAt: null, exitCode: 0 })
  })

  it('answers NOT_FOUND for an unknown container and refuses a malformed id', async () => {
    expect(await callError(core, 'containers.inspect', { id: 'no-such-container' })).toMatchObject({ code: 'NOT_FOUND', message: 'No container no-such-container: it does not exist, or was removed.' })
    expect((await callError(core, 'containers.inspect', { id: 'a/../b' })).code).toBe('INVALID_INPUT')
    expect((await callError(core, 'containers.inspect', { id: 'x', extra: 1 })).code).toBe('INVALID_INPUT')
  })
})
