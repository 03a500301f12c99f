import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, inject, it } from 'vitest'
import type { ContainerSummary } from '../../shared/types'
import { Leftovers } from '../support/containers'
import { dockerCli } from '../support/docker-cli'
import { FIXTURES } from '../support/fixtures'
import { callError, callOk, eventually, privateCore, privateDocker } from '../support/engine'
import { runStrata } from '../support/strata-cli'
import { freePort } from '../support/registry'

const docker = privateDocker()
const core = privateCore()
const leftovers = new Leftovers(docker)
const scratch = mkdtempSync(join(tmpdir(), 'strata-run-'))
afterAll(async () => {
  await leftovers.clean()
  await core.close()
  rmSync(scratch, { recursive: true, force: true })
})

interface Inspect {
  Id: string
  Name: string
  State: { Status: string; Running: boolean; ExitCode: number }
  Config: { Cmd: string[] | null; Entrypoint: string[] | null; Env: string[]; Labels: Record<string, string>; WorkingDir: string; User: string; Tty: boolean; OpenStdin: boolean; ExposedPorts?: Record<string, unknown> }
  HostConfig: { Binds: string[] | null; PortBindings: Record<string, { HostIp: string; HostPort: string }[]> | null; RestartPolicy: { Name: string; MaximumRetryCount: number }; NetworkMode: string; AutoRemove: boolean }
}

/** What `docker inspect` says: the docker CLI is the oracle that each field landed. */
async function dockerInspect(name: string): Promise<Inspect> {
  const [inspect] = JSON.parse(await dockerCli('inspect', '--type', 'container', name)) as Inspect[]
  if (inspect === undefined) throw new Error(`docker inspect ${name} answered nothing`)
  return inspect
}

async function containerIds(): Promise<string[]> {
  return (await dockerCli('ps', '-a', '-q', '--no-trunc')).split('\n').filter((line) => line !== '').sort()
}


const strataRun = (...args: string[]) => runStrata(['--host', inject('dockerHost'), 'run', ...args])

describe('containers.run', () => {
  it('creates and starts a container with every field as docker inspect shows it', async () => {
    const shared = join(scratch, 'bind')
    rmSync(shared, { recursive: true, force: true })
    mkdirSync(shared)
    // The container runs as 1000:1000 and writes into the bind mount.
    chmodSync(shared, 0o777)
    const hostPort = await freePort()
    const result = await callOk(core, 'containers.run', {
      image: FIXTURES.base.tag,
      name: 'run-every-field',
      cmd: ['sh', '-c', 'echo "$GREETING" > /data/out.txt && pwd >> /data/out.txt && id -u >> /data/out.txt && exec sleep 600'],
      env: ['GREETING=hello from run', 'EMPTY='],
      labels: { 'org.example.team': 'strata', note: "it's here" },
      ports: [{ containerPort: 8080, hostPort, hostIp: '127.0.0.1', protocol: 'tcp' }, { containerPort: 53, protocol: 'udp' }],
      mounts: [{ type: 'bind', source: shared, target: '/data', readOnly: false }, { type: 'volume', name: 'strata-run-volume', target: '/cache', readOnly: true }],
      workingDir: '/srv/app',
      user: '1000:1000',
      restart: { name: 'on-failure', maxRetries: 2 },
      tty: true,
      interactive: true,
    })
    leftovers.container(result.container.id)
    expect(result.started).toBe(true)
    expect(result.container).toMatchObject({ name: 'run-every-field', image: FIXTURES.base.tag, imageId: inject('fixtureIds').base, state: 'running' })

    const inspect = await dockerInspect('run-every-field')
    expect(inspect.Id).toBe(result.container.id)
    expect(inspect.State.Running).toBe(true)
    expect(inspect.Config.Cmd).toEqual(['sh', '-c', 'echo "$GREETING" > /data/out.txt && pwd >> /data/out.txt && id -u >> /data/out.txt && exec sleep 600'])
    expect(inspect.Config.Env).toEqual(expect.arrayContaining(['GREETING=hello from run', 'EMPTY=']))
    expect(inspect.Config.Labels).toEqual({ 'org.example.team': 'strata', note: "it's here" })
    expect(inspect.Config.WorkingDir).toBe('/srv/app')
    expect(inspect.Config.User).toBe('1000:1000')
    expect(inspect.Config).toMatchObject({ Tty: true, OpenStdin: true })
    expect(Object.keys(inspect.Config.ExposedPorts ?? {}).sort()).toEqual(['53/udp', '8080/tcp'])
    expect(inspect.HostConfig.PortBindings).toEqual({ '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: String(hostPort) }], '53/udp': [{ HostIp: '', HostPort: '' }] })
    expect(inspect.HostConfig.Binds).toEqual([`${shared}:/data`, 'strata-run-volume:/cache:ro'])
    expect(inspect.HostConfig.RestartPolicy).toEqual({ Name: 'on-failure', MaximumRetryCount: 2 })
    expect(inspect.HostConfig.AutoRemove).toBe(false)
    // The command ran as the user, in the working directory, with the environment: it says so through the bind mount.
    const written = await eventually(() => {
      try {
        const text = readFileSync(join(shared, 'out.txt'), 'utf8')
        return text.split('\n').length >= 4 ? text : undefined
      } catch {
        return undefined
      }
    })
    expect(written).toBe('hello from run\n/srv/app\n1000\n')
    await docker.getVolume('strata-run-volume').remove({ force: true }).catch(() => undefined)
  })

  it('keeps the network mode it is given', async () => {
    const result = await callOk(core, 'containers.run', { image: FIXTURES.base.tag, name: 'run-network-none', cmd: ['sleep', '600'], networkMode: 'none' })
    leftovers.container(result.container.id)
    expect((await dockerInspect('run-network-none')).HostConfig.NetworkMode).toBe('none')
  })

  it("with autoRemove, the engine removes the container when it ends; the answer still names it", async () => {
    const result = await callOk(core, 'containers.run', { image: FIXTURES.base.tag, name: 'run-auto-remove', cmd: ['sh', '-c', 'sleep 1'], autoRemove: true })
    leftovers.container(result.container.id)
    expect(result).toMatchObject({ started: true, container: { name: 'run-auto-remove' } })
    expect((await dockerInspect('run-auto-remove')).HostConfig.AutoRemove).toBe(true)
    await eventually(async () => ((await containerIds()).includes(result.container.id) ? undefined : true), 15_000)
  })

  it('creates without starting when start is false, and clears the entrypoint with null', async () => {
    const result = await callOk(core, 'containers.run', { image: FIXTURES.base.tag, name: 'run-created-only', cmd: ['true'], entrypoint: null, start: false })
    leftovers.container(result.container.id)
    expect(result).toMatchObject({ started: false, warnings: [], container: { state: 'created', name: 'run-created-only' } })
    expect((await dockerInspect('run-created-only')).State.Status).toBe('created')
    // The engine starts the command alone: the empty entrypoint asks for none at all.
    await docker.getContainer(result.container.id).start()
    const exit = (await docker.getContainer(result.container.id).wait()) as { StatusCode: number }
    expect(exit.StatusCode).toBe(0)
  })

  it('names the created container when it does not start, and leaves it there to start or remove', async () => {
    const before = await containerIds()
    const error = await callError(core, 'containers.run', { image: FIXTURES.base.tag, name: 'run-start-fails', cmd: ['/no/such/program'] })
    const inspect = await dockerInspect('run-start-fails')
    leftovers.container(inspect.Id)
    expect(error.code).toBe('ENGINE_ERROR')
    expect(error.message).toMatch(new RegExp(`^Created container ${inspect.Id.slice(0, 12)}, but it did not start: .*no such file or directory.*\\. It is still there, created: fix the cause and start it, or remove it \\(strata rm-container ${inspect.Id.slice(0, 12)}\\)\\.$`))
    expect(error.detail).toMatchObject({ id: inspect.Id, created: true, remains: true })
    expect(await containerIds()).toEqual([...before, inspect.Id].sort())
  })

  it('refuses a name in use and a missing image, creating nothing', async () => {
    const first = await callOk(core, 'containers.run', { image: FIXTURES.base.tag, name: 'run-name-taken', cmd: ['sleep', '600'] })
    leftovers.container(first.container.id)
    const before = await containerIds()
    const taken = await callError(core, 'containers.run', { image: FIXTURES.base.tag, name: 'run-name-taken' })
    expect(taken.code).toBe('CONFLICT')
    expect(taken.message).toMatch(/"\/run-name-taken" is already in use.*; nothing was created\.$/)
    const missing = await callError(core, 'containers.run', { image: 'strata-run/absent:1', name: 'run-no-image' })
    expect(missing).toMatchObject({ code: 'NOT_FOUND', message: 'No image strata-run/absent:1 here; Strata runs local images only: pull it first.' })
    expect(await containerIds()).toEqual(before)
  })

  it('refuses each invalid field before the engine is called, and nothing is created', async () => {
    const before = await containerIds()
    const image = FIXTURES.base.tag
    const invalid: [Record<string, unknown>, string][] = [
      [{ image, name: 'a' }, 'name: '],
      [{ image, name: 'bad name' }, 'name: '],
      [{ image, cmd: [] }, 'cmd: '],
      [{ image, entrypoint: [''] }, 'entrypoint.0: '],
      [{ image, env: ['NOT A PAIR'] }, 'env.0: '],
      [{ image, env: ['9X=1'] }, 'env.0: '],
      [{ image, ports: [{ containerPort: 70000 }] }, 'ports.0.containerPort: '],
      [{ image, ports: [{ containerPort: 80, hostPort: 0 }] }, 'ports.0.hostPort: '],
      [{ image, ports: [{ containerPort: 80, hostIp: 'localhost' }] }, 'ports.0.hostIp: '],
      [{ image, ports: [{ containerPort: 80, protocol: 'icmp' }] }, 'ports.0.protocol: '],
      [{ image, mounts: [{ type: 'bind', source: 'relative/dir', target: '/data' }] }, 'mounts.0.source: '],
      [{ image, mounts: [{ type: 'bind', source: '/tmp', target: 'data' }] }, 'mounts.0.target: '],
      [{ image, mounts: [{ type: 'volume', name: '-bad', target: '/data' }] }, 'mounts.0.name: '],
      [{ image, workingDir: 'relative' }, 'workingDir: '],
      [{ image, user: 'root user' }, 'user: '],
      [{ image, labels: { '': 'x' } }, 'labels.: '],
      [{ image, restart: { name: 'sometimes' } }, 'restart.name: '],
      [{ image, restart: { name: 'always', maxRetries: 2 } }, 'restart.maxRetries: '],
      [{ image, restart: { name: 'always' }, autoRemove: true }, 'restart.name: '],
      [{ image, networkMode: 'no such/net' }, 'networkMode: '],
      [{ image, tty: 'yes' }, 'tty: '],
      [{ image, privileged: true }, '(input): Unrecognized key: "privileged"'],
      [{ image: '../etc' }, 'image: '],
    ]
    for (const [input, field] of invalid) {
      const error = await callError(core, 'containers.run', input)
      expect(error.code, JSON.stringify(input)).toBe('INVALID_INPUT')
      expect(error.message, JSON.stringify(input)).toContain(`Invalid input for containers.run: ${field}`)
    }
    expect(await containerIds()).toEqual(before)
  })
})

describe('strata run', () => {
  it('creates and starts, printing the full container ID at once, with the options as docker run names them', async () => {
    const run = await strataRun('--name', 'cli-run', '-e', 'GREETING=hi there', '-l', 'made-by=cli', '-w', '/work', '-u', '0', '--restart', 'unless-stopped', '-p', '127.0.0.1::9000/udp', '-it', FIXTURES.base.tag, 'sleep', '600')
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^[0-9a-f]{64}\n$/)
    const inspect = await dockerInspect('cli-run')
    leftovers.container(inspect.Id)
    expect(inspect.Id).toBe(run.stdout.trim())
    expect(inspect.State.Running).toBe(true)
    expect(inspect.Config).toMatchObject({ Cmd: ['sleep', '600'], WorkingDir: '/work', User: '0', Tty: true, OpenStdin: true, Labels: { 'made-by': 'cli' } })
    expect(inspect.Config.Env).toContain('GREETING=hi there')
    expect(inspect.HostConfig.RestartPolicy.Name).toBe('unless-stopped')
    expect(inspect.HostConfig.PortBindings).toEqual({ '9000/udp': [{ HostIp: '127.0.0.1', HostPort: '' }] })
  })

  it('--json prints the new container as containers.list shows it; --rm and a bind mount land', async () => {
    const run = await strataRun('--json', '--rm', '-v', `${scratch}:/host:ro`, '--name', 'cli-run-json', FIXTURES.base.tag, 'sleep', '600')
    expect(run.code).toBe(0)
    const summary = JSON.parse(run.stdout) as ContainerSummary
    leftovers.container(summary.id)
    expect(summary).toMatchObject({ name: 'cli-run-json', names: ['cli-run-json'], image: FIXTURES.base.tag, state: 'running' })
    const inspect = await dockerInspect('cli-run-json')
    expect(inspect.HostConfig).toMatchObject({ AutoRemove: true, Binds: [`${scratch}:/host:ro`] })
  })

  it('exits 2 with what is wrong for a usage mistake, before anything is created', async () => {
    const before = await containerIds()
    const badPort = await strataRun('-p', '99999:80', FIXTURES.base.tag)
    expect(badPort.code).toBe(2)
    expect(badPort.stderr.split('\n')[0]).toBe('strata: ports.0.hostPort: 99999 is not a port from 1 to 65535 (leave it out to let the engine choose one)')
    const noImage = await strataRun('--rm')
    expect(noImage.code).toBe(2)
    expect(noImage.stderr.split('\n')[0]).toBe('strata: run takes an image (and then, optionally, a command with its arguments)')
    const unknown = await strataRun('--privileged', FIXTURES.base.tag)
    expect(unknown.code).toBe(2)
    expect(unknown.stderr.split('\n')[0]).toBe('strata: --privileged is not an option of run')
    const missing = await strataRun('strata-run/absent:1')
    expect(missing).toMatchObject({ code: 1, stderr: 'strata: No image strata-run/absent:1 here; Strata runs local images only: pull it first.\n' })
    expect(await containerIds()).toEqual(before)
  })
})
