import { afterAll, describe, expect, inject, it } from 'vitest'
import { commitConfigOf } from '../../electron/core/containers/commit-config'
import { runCommit } from '../../electron/core/containers/commit'
import { inspectContainer } from '../../electron/core/containers/inspect'
import type { CommitChanges } from '../../shared/types'
import { Leftovers, imageCount, ranContainer, sleepingContainer } from '../support/containers'
import { FIXTURES } from '../support/fixtures'
import { callError, callOk, privateCore, privateDocker } from '../support/engine'

const docker = privateDocker()
const core = privateCore()
const leftovers = new Leftovers(docker)
afterAll(async () => {
  await leftovers.clean()
  await core.close()
})

describe('committing a stopped container', () => {
  it('makes one new layer holding exactly the paths containers.changes lists', async () => {
    await ranContainer(docker, leftovers, FIXTURES.app.tag, 'commit-files', 'echo changed > /app/hello.txt && echo new > /app/new.txt && mkdir -p /data/sub && echo x > /data/sub/x && rm /bin/vi')
    const changes = await callOk(core, 'containers.changes', { id: 'commit-files' })
    const result = await callOk(core, 'containers.commit', { id: 'commit-files', repository: 'commit/files', tag: '1' })
    leftovers.image(result.id)
    expect(result).toMatchObject({ repoTags: ['commit/files:1'], parentId: inject('fixtureIds').app, previousTagOwner: null })

    const analysis = await callOk(core, 'layers.analyze', { ref: result.id, files: true })
    const parent = await callOk(core, 'layers.analyze', { ref: FIXTURES.app.tag })
    expect(analysis.layers).toHaveLength(parent.layers.length + 1)
    // The layer's "removed" (a whiteout) is the engine's "deleted"; its paths have no leading slash.
    const layer = (analysis.layers.at(-1)?.files ?? []).map((file) => `${file.kind === 'removed' ? 'deleted' : file.kind} /${file.path}`)
    const engine = changes.changes.map((change) => `${change.kind} ${change.path}`)
    expect(layer.every((entry) => engine.includes(entry))).toBe(true)
    // What only the engine lists: folders the image already had, whose contents alone changed.
    // The layer tar holds them too, but the analysis counts a folder only when its mode or owner changed.
    expect(engine.filter((entry) => !layer.includes(entry))).toEqual(['modified /app', 'modified /bin'])
    expect(layer.sort()).toEqual(['added /app/new.txt', 'added /data', 'added /data/sub', 'added /data/sub/x', 'deleted /bin/vi', 'modified /app/hello.txt'])
  })
})

describe('changes applied by a commit', () => {
  const cases: [string, CommitChanges][] = [
    [
      'every field, with values that need quoting',
      {
        cmd: ['/bin/sh', '-c', 'echo "hi"'],
        env: ['MODE=prod', 'WEIRD=x $y "q" \\ b=c', 'EMPTY='],
        expose: ['8080', '53/udp'],
        labels: { 'org.example.k': "v $z's", keep: '2', 'with space': 'a=b' },
        user: '1000:1000',
        workdir: '/srv/my app',
        volumes: ['/data', "/it's $x"],
        stopSignal: 'SIGINT',
        healthcheck: { test: ['/bin/true'], intervalSeconds: 1.5, timeoutSeconds: 5, startPeriodSeconds: 2, retries: 2 },
        onbuild: ['RUN echo later'],
      },
    ],
    ['an entrypoint alone, which clears the command', { entrypoint: ['/bin/echo', 'entry'] }],
    ['an entrypoint with a command', { entrypoint: ['/bin/echo'], cmd: ['both'], stopSignal: '9' }],
    ['no health check', { healthcheck: { none: true } }],
    ['nothing', {}],
  ]

  it.each(cases)('%s: the image has what the preview predicted', async (_name, changes) => {
    const container = await docker.createContainer({ Image: FIXTURES.base.tag, Cmd: ['sh', '-c', 'true'], Env: ['MODE=dev', 'KEEP=1'], Labels: { keep: '1' } })
    leftovers.container(container.id)
    const preview = await callOk(core, 'containers.commitPreview', { id: container.id, changes })
    const result = await callOk(core, 'containers.commit', { id: container.id, changes })
    leftovers.image(result.id)
    const image = await docker.getImage(result.id).inspect()
    expect(commitConfigOf(image.Config)).toEqual(preview.result)
    expect(preview.config).toEqual(commitConfigOf((await container.inspect()).Config))
    expect(preview.tagOwner).toBeNull()
  })

  it('shows each change in the image inspect, exactly as given', async () => {
    const container = await docker.createContainer({ Image: FIXTURES.base.tag, Cmd: ['sh'], Env: ['MODE=dev'] })
    leftovers.container(container.id)
    const result = await callOk(core, 'containers.commit', { id: container.id, changes: cases[0]?.[1], comment: 'made by a test', author: 'Strata <strata@example.com>' })
    leftovers.image(result.id)
    const image = await docker.getImage(result.id).inspect()
    expect(image.Comment).toBe('made by a test')
    expect(image.Author).toBe('Strata <strata@example.com>')
    expect(image.Config.Cmd).toEqual(['/bin/sh', '-c', 'echo "hi"'])
    // A container lists the variables it was created with before the image's: MODE keeps its place before PATH.
    expect(image.Config.Env).toEqual(['MODE=prod', 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'WEIRD=x $y "q" \\ b=c', 'EMPTY='])
    expect(Object.keys(image.Config.ExposedPorts).sort()).toEqual(['53/udp', '8080/tcp'])
    expect(image.Config.Labels).toEqual({ 'org.example.k': "v $z's", keep: '2', 'with space': 'a=b' })
    expect(image.Config.User).toBe('1000:1000')
    expect(image.Config.WorkingDir).toBe('/srv/my app')
    expect(Object.keys(image.Config.Volumes).sort()).toEqual(['/data', "/it's $x"])
    expect((image.Config as { StopSignal?: string }).StopSignal).toBe('SIGINT')
    expect((image.Config as { Healthcheck?: unknown }).Healthcheck).toEqual({ Test: ['CMD', '/bin/true'], Interval: 1.5e9, Timeout: 5e9, StartPeriod: 2e9, Retries: 2 })
    expect(image.Config.OnBuild).toEqual(['RUN echo later'])
  })
})

describe('committing a running container', () => {
  it('pauses it while copying and leaves it running; without pause it is never paused', async () => {
    const container = await sleepingContainer(docker, leftovers, FIXTURES.base.tag, 'commit-running')
    const actions: string[] = []
    const events = await docker.getEvents({ filters: { container: [container.id] } })
    events.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n').filter((text) => text !== '')) actions.push((JSON.parse(line) as { Action: string }).Action)
    })
    try {
      leftovers.image((await callOk(core, 'containers.commit', { id: 'commit-running', pause: true })).id)
      leftovers.image((await callOk(core, 'containers.commit', { id: 'commit-running', pause: false })).id)
      await new Promise((resolve) => setTimeout(resolve, 300))
    } finally {
      ;(events as unknown as { destroy(): void }).destroy()
    }
    expect(actions).toEqual(['pause', 'commit', 'unpause', 'commit'])
    const state = (await container.inspect()).State
    expect(state).toMatchObject({ Running: true, Paused: false, Status: 'running' })
  })
})

describe('refusals leave no image behind', () => {
  it('refuses an invalid name or change before any engine call', async () => {
    const before = await imageCount(docker)
    // The container does not exist: INVALID_INPUT rather than NOT_FOUND shows nothing was asked of the engine.
    expect(await callError(core, 'containers.commit', { id: 'no-such-container', repository: 'Bad/Name' })).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining("uppercase letters are not allowed in a repository name: 'Bad/Name'") as unknown })
    expect(await callError(core, 'containers.commit', { id: 'no-such-container', repository: 'ok', changes: { expose: ['http'] } })).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('changes.expose.0') as unknown })
    expect(await callError(core, 'containers.commit', { id: 'no-such-container', repository: 'ok', tag: 'x'.repeat(129) })).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('longer than 128') as unknown })
    expect(await imageCount(docker)).toBe(before)
  })

  it('answers INVALID_INPUT when the engine refuses a change line', async () => {
    await ranContainer(docker, leftovers, FIXTURES.base.tag, 'commit-bad-line', 'true')
    const connection = await core.session.connected()
    const inspect = await inspectContainer(connection, 'commit-bad-line')
    const before = await imageCount(docker)
    for (const line of ['EXPOSE notaport', 'FROM scratch', 'RUN true']) {
      await expect(runCommit(connection, inspect, { pause: true, lines: [line] })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/^The engine refused the changes: /) as unknown })
    }
    expect(await imageCount(docker)).toBe(before)
  })

  it('answers NOT_FOUND for a container removed meanwhile', async () => {
    const gone = await ranContainer(docker, leftovers, FIXTURES.base.tag, 'commit-gone', 'true')
    await gone.remove()
    const before = await imageCount(docker)
    expect(await callError(core, 'containers.commit', { id: gone.id, repository: 'commit/gone' })).toMatchObject({ code: 'NOT_FOUND' })
    expect(await imageCount(docker)).toBe(before)
  })

  it('refuses a tag that names another image, says what it would do, then moves it when asked', async () => {
    const base = inject('fixtureIds').base
    await docker.getImage(FIXTURES.base.tag).tag({ repo: 'commit/owned', tag: '1' })
    await ranContainer(docker, leftovers, FIXTURES.base.tag, 'commit-owner', 'echo x > /x')
    const before = await imageCount(docker)
    const conflict = await callError(core, 'containers.commit', { id: 'commit-owner', repository: 'commit/owned', tag: '1' })
    expect(conflict).toMatchObject({ code: 'CONFLICT', detail: { tag: 'commit/owned:1', imageId: base, becomesDangling: false } })
    // Other test files may leave more names on the shared base fixture.
    expect(conflict.detail.otherTags).toEqual(expect.arrayContaining([FIXTURES.base.tag]))
    expect(conflict.detail.otherTags).not.toContain('commit/owned:1')
    expect(await imageCount(docker)).toBe(before)
    expect((await callOk(core, 'containers.commitPreview', { id: 'commit-owner', repository: 'commit/owned', tag: '1' })).tagOwner).toEqual({ id: base, tags: expect.arrayContaining(['commit/owned:1', FIXTURES.base.tag]) as unknown })

    const moved = await callOk(core, 'containers.commit', { id: 'commit-owner', repository: 'commit/owned', tag: '1', moveTag: true })
    leftovers.image(moved.id)
    expect(moved.previousTagOwner?.id).toBe(base)
    expect((await docker.getImage(base).inspect()).RepoTags).not.toContain('commit/owned:1')
    expect((await docker.getImage(base).inspect()).RepoTags).toContain(FIXTURES.base.tag)
    expect((await docker.getImage('commit/owned:1').inspect()).Id).toBe(moved.id)

    // The moved tag was that image's only name: moving it again would leave it dangling.
    const again = await callError(core, 'containers.commit', { id: 'commit-owner', repository: 'commit/owned', tag: '1' })
    expect(again.detail).toEqual({
      tag: 'commit/owned:1',
      imageId: moved.id,
      otherTags: [],
      becomesDangling: true,
      problem: { id: 'container.tagTakenDangling', params: { tag: 'commit/owned:1', image: moved.id.replace(/^sha256:/, '').slice(0, 12) } },
    })
    const second = await callOk(core, 'containers.commit', { id: 'commit-owner', repository: 'commit/owned', tag: '1', moveTag: true })
    leftovers.image(second.id)
    expect((await callOk(core, 'images.get', { id: moved.id })).dangling).toBe(true)
  })

  it('matches the tag in any spelling of the same name', async () => {
    await docker.getImage(FIXTURES.base.tag).tag({ repo: 'spelled', tag: 'latest' })
    await ranContainer(docker, leftovers, FIXTURES.base.tag, 'commit-spelling', 'true')
    const conflict = await callError(core, 'containers.commit', { id: 'commit-spelling', repository: 'docker.io/library/spelled' })
    expect(conflict.detail).toMatchObject({ tag: 'spelled:latest', imageId: inject('fixtureIds').base })
    await docker.getImage('spelled:latest').remove()
  })
})
