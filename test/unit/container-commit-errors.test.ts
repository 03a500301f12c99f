import { afterAll, describe, expect, it, vi } from 'vitest'
import { createStrataCore } from '../../electron/core/api/core'
import { commitContainer, runCommit } from '../../electron/core/containers/commit'
import type { ContainerInspect } from '../../electron/core/containers/inspect'
import { removeContainer } from '../../electron/core/containers/lifecycle'
import type { EngineConnection } from '../../electron/core/engine/connection'
import { StrataError } from '../../shared/errors'

// No engine listens here: a call that passed validation answers ENGINE_UNREACHABLE instead of INVALID_INPUT.
const core = createStrataCore({ host: 'unix:///nonexistent/strata-commit-test.sock' })
afterAll(() => core.close())

describe('the commit boundary', () => {
  it.each([
    [{ id: 'c1', repository: 'MyApp' }, "repository: uppercase letters are not allowed in a repository name: 'MyApp'"],
    [{ id: 'c1', repository: 'app', tag: '.bad' }, "tag: the tag '.bad' starts with '.'"],
    [{ id: 'c1', tag: '1' }, 'tag: a tag needs a repository'],
    [{ id: 'c1', changes: { env: ['NOPE'] } }, "changes.env.0: 'NOPE' is not KEY=VALUE"],
    [{ id: 'c1', changes: { expose: ['99999'] } }, "changes.expose.0: '99999': the port must be from 1 to 65535"],
    [{ id: 'c1', changes: { workdir: 'relative' } }, "changes.workdir: 'relative' is not an absolute path"],
    [{ id: 'c1', changes: { onbuild: ['FROM x'] } }, 'changes.onbuild.0: FROM is not allowed as an ONBUILD trigger'],
    [{ id: 'c1', changes: { run: ['x'] } }, 'changes: Unrecognized key: "run"'],
  ])('refuses %j before reaching the engine', async (input, message) => {
    for (const method of ['containers.commit', 'containers.commitPreview'] as const) {
      const outcome = await core.call(method, input)
      expect(outcome).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
      if (!outcome.ok) expect(outcome.error.message).toContain(message)
    }
  })

  it('lets well-formed calls through, and keeps containers.list callable with {}', async () => {
    const commit = await core.call('containers.commit', { id: 'c1', repository: 'localhost:5000/team/app', tag: 'v1', changes: { cmd: ['x'], healthcheck: { none: true } } })
    expect(commit).toMatchObject({ ok: false, error: { code: 'ENGINE_UNREACHABLE' } })
    expect(await core.call('containers.list', {})).toMatchObject({ ok: false, error: { code: 'ENGINE_UNREACHABLE' } })
    expect(await core.call('containers.list', { size: 'yes' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(await core.call('containers.stop', { id: 'c1', timeoutSeconds: -1 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })
})

const ENDPOINT = { kind: 'unix', address: '/x.sock', url: 'unix:///x.sock', source: 'explicit', context: null, tls: null, candidates: [] }

function inspectOf(status: string): ContainerInspect {
  return { Id: 'f'.repeat(64), Name: '/box', Image: 'sha256:parent', State: { Status: status, Running: status === 'running', Paused: false }, Config: {} }
}

/** A connection whose container answers `inspect`, and whose commit and remove fail or succeed as told. */
const DOCKER = { Version: '20.10.24', ApiVersion: '1.41', Os: 'linux', Arch: 'amd64', Components: [{ Name: 'Engine', Version: '20.10.24' }] }
const PODMAN = { ...DOCKER, Version: '4.3.1', Components: [{ Name: 'Podman Engine', Version: '4.3.1' }] }

function stubConnection(inspect: ContainerInspect, failure: Error | null = null, daemon = DOCKER): { connection: EngineConnection; commit: ReturnType<typeof vi.fn>; remove: ReturnType<typeof vi.fn> } {
  const settle = (): Promise<unknown> => (failure === null ? Promise.resolve({ Id: 'sha256:new' }) : Promise.reject(failure))
  const commit = vi.fn(settle)
  const remove = vi.fn(settle)
  const docker = { getContainer: () => ({ inspect: () => Promise.resolve(inspect), commit, remove }), getImage: () => ({ inspect: () => Promise.reject(Object.assign(new Error('no'), { statusCode: 404 })) }) }
  return { connection: { endpoint: ENDPOINT, docker, daemon } as unknown as EngineConnection, commit, remove }
}

const engineFailure = (statusCode: number, message: string): Error => Object.assign(new Error(message), { statusCode, json: { message } })

describe('commit refusals that need the container state', () => {
  it.each([
    ['removing', 'Container box is being removed; it cannot be committed.'],
    ['dead', 'Container box is dead (a removal failed half way); the engine cannot commit it.'],
  ])('refuses a %s container with CONFLICT and never asks the engine to commit', async (status, message) => {
    const { connection, commit } = stubConnection(inspectOf(status))
    const failure = await commitContainer(connection, { id: 'box', pause: true, changes: {}, moveTag: false }).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(StrataError)
    expect(failure).toMatchObject({ code: 'CONFLICT', message })
    expect(commit).not.toHaveBeenCalled()
  })

  it.each([
    [404, 'NOT_FOUND', 'Container box was removed meanwhile; nothing was committed.'],
    [409, 'CONFLICT', 'The engine cannot commit container box now (removal of container box is already in progress); nothing was committed.'],
    [400, 'INVALID_INPUT', 'The engine refused the changes: removal of container box is already in progress'],
  ])('turns the engine answering %d into %s', async (status, code, message) => {
    const { connection } = stubConnection(inspectOf('exited'), engineFailure(status, 'removal of container box is already in progress'))
    const failure = await runCommit(connection, inspectOf('exited'), { pause: true, lines: [] }).catch((error: unknown) => error)
    expect(failure).toMatchObject({ code, message })
  })

  it('sends the container config with the new stop signal as the body, and the lines as changes', async () => {
    const { connection, commit } = stubConnection({ ...inspectOf('exited'), Config: { Env: ['A=1'], Cmd: ['sh'] } })
    await runCommit(connection, { ...inspectOf('exited'), Config: { Env: ['A=1'], Cmd: ['sh'] } }, { pause: false, lines: ['ENV B=2'], stopSignal: 'SIGINT', repository: 'app' })
    expect(commit).toHaveBeenCalledWith({
      _query: { container: 'f'.repeat(64), pause: false, changes: ['ENV B=2'], repo: 'app', tag: 'latest' },
      _body: { Env: ['A=1'], Cmd: ['sh'], StopSignal: 'SIGINT' },
    })
  })

  it('always sends a body, the container config itself without changes to it: Podman refuses a commit without one', async () => {
    const { connection, commit } = stubConnection({ ...inspectOf('exited'), Config: { Cmd: ['sh'] } })
    await runCommit(connection, { ...inspectOf('exited'), Config: { Cmd: ['sh'] } }, { pause: true, lines: [] })
    expect(commit).toHaveBeenCalledWith({ _query: { container: 'f'.repeat(64), pause: true, changes: [] }, _body: { Cmd: ['sh'] } })
  })

  it('on Podman, which ignores the body stop signal, sends STOPSIGNAL as a change line instead', async () => {
    const { connection, commit } = stubConnection({ ...inspectOf('exited'), Config: { Cmd: ['sh'] } }, null, PODMAN)
    await runCommit(connection, { ...inspectOf('exited'), Config: { Cmd: ['sh'] } }, { pause: false, lines: ['ENV B=2'], stopSignal: 'SIGINT' })
    expect(commit).toHaveBeenCalledWith({ _query: { container: 'f'.repeat(64), pause: false, changes: ['ENV B=2', 'STOPSIGNAL SIGINT'] }, _body: { Cmd: ['sh'] } })
  })
})

describe('removing a container', () => {
  it('refuses a running container without force, naming the remedy', async () => {
    const { connection, remove } = stubConnection(inspectOf('running'))
    await expect(removeContainer(connection, { id: 'box', volumes: false, force: false })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'Container box is running: stop it first, or remove it with force.',
    })
    expect(remove).not.toHaveBeenCalled()
    await expect(removeContainer(connection, { id: 'box', volumes: true, force: true })).resolves.toEqual({ removed: true, id: 'f'.repeat(64) })
    expect(remove).toHaveBeenCalledWith({ v: true, force: true })
  })
})
