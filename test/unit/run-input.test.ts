import { describe, expect, it } from 'vitest'
import { createStrataCore } from '../../electron/core/api/core'
import { createBodyOf } from '../../electron/core/containers/run-config'
import { issueText } from '../../shared/commit-changes'
import { runRequestIssues } from '../../shared/run-checks'
import { runContainerInput } from '../../shared/run-input'
import type { RunRequest } from '../../shared/types'

// No engine listens here: a call that got past validation would answer ENGINE_UNREACHABLE, not INVALID_INPUT.
const core = createStrataCore({ host: 'unix:///nonexistent/strata-run-test.sock' })

async function refusal(input: unknown): Promise<string> {
  const outcome = await core.call('containers.run', input)
  if (outcome.ok) throw new Error('accepted')
  expect(outcome.error.code).toBe('INVALID_INPUT')
  return outcome.error.message.replace(/^Invalid input for containers\.run: /, '')
}

const issues = (request: RunRequest): string[] => runRequestIssues(request).map(issueText)

describe('containers.run input at the boundary', () => {
  it('accepts a full request and fills the defaults', () => {
    const parsed = runContainerInput.parse({
      image: 'app:1',
      name: 'web.1_a-b',
      cmd: ['sh', '-c', 'true'],
      entrypoint: null,
      env: ['A=1', 'EMPTY=', '_B=x=y'],
      ports: [{ containerPort: 80, hostPort: 8080 }, { containerPort: 53, protocol: 'udp', hostIp: '::1' }, { containerPort: 80, hostPort: 8081, hostIp: '10.0.0.1' }],
      mounts: [{ type: 'bind', source: '/srv', target: '/data', readOnly: true }, { type: 'volume', name: 'cache', target: '/cache' }],
      workingDir: '/app',
      user: 'nobody:nogroup',
      labels: { 'org.example.k': 'v', 'with space': '' },
      restart: { name: 'on-failure', maxRetries: 0 },
      networkMode: 'container:other',
    })
    expect(parsed).toMatchObject({ tty: false, interactive: false, autoRemove: false, start: true, ports: [{ protocol: 'tcp' }, { protocol: 'udp' }, { protocol: 'tcp' }], mounts: [{ readOnly: true }, { readOnly: false }] })
  })

  it.each([
    [{ image: 'a:1', name: 'x' }, "name: 'x' is not a container name: letters, digits, '_', '.' and '-', starting with a letter or digit, at least 2 characters"],
    [{ image: 'a:1', name: '-web' }, "name: '-web' is not a container name: letters, digits, '_', '.' and '-', starting with a letter or digit, at least 2 characters"],
    [{ image: 'a:1', cmd: [] }, "cmd: is empty: give the program to run, or leave it out to keep the image's"],
    [{ image: 'a:1', cmd: ['', 'x'] }, 'cmd.0: the program name is empty'],
    [{ image: 'a:1', entrypoint: [] }, "entrypoint: is empty: give the program to run, or leave it out to keep the image's, or clear it with null"],
    [{ image: 'a:1', env: ['NOVALUE'] }, "env.0: 'NOVALUE' is not KEY=VALUE"],
    [{ image: 'a:1', env: ['1X=2'] }, "env.0: '1X' is not a variable name (letters, digits and '_', not starting with a digit)"],
    [{ image: 'a:1', ports: [{ containerPort: 0 }] }, 'ports.0.containerPort: 0 is not a port from 1 to 65535'],
    [{ image: 'a:1', ports: [{ containerPort: 80, hostPort: 70000 }] }, 'ports.0.hostPort: 70000 is not a port from 1 to 65535 (leave it out to let the engine choose one)'],
    [{ image: 'a:1', ports: [{ containerPort: 80.5 }] }, 'ports.0.containerPort: 80.5 is not a port from 1 to 65535'],
    [{ image: 'a:1', ports: [{ containerPort: 80, hostIp: '300.1.1.1' }] }, "ports.0.hostIp: '300.1.1.1' is not an IPv4 or IPv6 address"],
    [{ image: 'a:1', ports: [{ containerPort: 80, protocol: 'icmp' }] }, 'ports.0.protocol: not a protocol: use tcp, udp or sctp'],
    [{ image: 'a:1', ports: [{ containerPort: 80, hostPort: 8080 }, { containerPort: 81, hostPort: 8080 }] }, 'ports.1.hostPort: host port 8080/tcp is already published by port 1'],
    [{ image: 'a:1', mounts: [{ type: 'bind', source: 'relative', target: '/x' }] }, "mounts.0.source: 'relative' is not an absolute path (the host path to mount)"],
    [{ image: 'a:1', mounts: [{ type: 'bind', source: '/a:b', target: '/x' }] }, "mounts.0.source: '/a:b' contains ':', which separates source, target and mode in a mount"],
    [{ image: 'a:1', mounts: [{ type: 'volume', name: 'v', target: '/x' }] }, "mounts.0.name: 'v' is not a volume name: letters, digits, '_', '.' and '-', starting with a letter or digit, at least 2 characters"],
    [{ image: 'a:1', mounts: [{ type: 'volume', name: 'data', target: '/' }] }, 'mounts.0.target: cannot mount over the root folder /'],
    [{ image: 'a:1', mounts: [{ type: 'tmpfs', target: '/x' }] }, "mounts.0.type: a mount's type is 'bind' (a host path) or 'volume' (a named volume)"],
    [{ image: 'a:1', mounts: [{ type: 'volume', name: 'aa', target: '/x' }, { type: 'bind', source: '/h', target: '/x/' }] }, 'mounts.1.target: /x is already the target of mount 1'],
    [{ image: 'a:1', workingDir: 'app' }, "workingDir: 'app' is not an absolute path (the working directory)"],
    [{ image: 'a:1', user: 'a b' }, "user: 'a b' is not a user name or ID, optionally with :group"],
    [{ image: 'a:1', labels: { 'a=b': 'c' } }, "labels.a=b: the label name 'a=b' contains '=', which separates name and value"],
    [{ image: 'a:1', restart: { name: 'sometimes' } }, 'restart.name: not a restart policy: use no, always, unless-stopped or on-failure'],
    [{ image: 'a:1', restart: { name: 'always', maxRetries: 3 } }, 'restart.maxRetries: a number of retries goes only with on-failure'],
    [{ image: 'a:1', restart: { name: 'on-failure', maxRetries: -1 } }, 'restart.maxRetries: -1 is not a whole number of retries from 0 (leave it out to retry forever)'],
    [{ image: 'a:1', restart: { name: 'always' }, autoRemove: true }, "restart.name: a container removed when it stops cannot restart: choose 'no', or do not remove it when stopped"],
    [{ image: 'a:1', networkMode: 'bad net' }, "networkMode: 'bad net' is not a network: bridge, host, none, container:<name> or a network's name"],
    [{ image: 'a:1', tty: 'yes' }, 'tty: Invalid input: expected boolean, received string'],
    [{ image: 'a:1', privileged: true }, '(input): Unrecognized key: "privileged"'],
  ])('refuses %j: %s', async (input, message) => {
    expect(await refusal(input)).toBe(message)
  })

  it('refuses a missing or malformed image before anything else', async () => {
    expect(await refusal({})).toMatch(/^image: /)
    expect(await refusal({ image: 'a/../b' })).toMatch(/^image: .*'\.\.' part/)
  })

  it('passes a valid request on to the engine', async () => {
    const outcome = await core.call('containers.run', { image: 'a:1' })
    expect(outcome).toMatchObject({ ok: false, error: { code: 'ENGINE_UNREACHABLE' } })
  })

  it('checks IPv6 host addresses', () => {
    for (const ip of ['::1', '::', 'fe80::1', '2001:db8::8a2e:370:7334', '::ffff:192.0.2.1', '0.0.0.0', '1:2:3:4:5:6:7:8']) expect(issues({ image: 'a', ports: [{ containerPort: 1, protocol: 'tcp', hostIp: ip }] }), ip).toEqual([])
    for (const ip of ['1::2::3', ':::', '12345::1', 'localhost', '1.2.3', '::ffff:300.0.0.1', '1:2:3', ':1::', '1:2:3:4:5:6:7:8:9', '::1.2.3.4.5']) expect(issues({ image: 'a', ports: [{ containerPort: 1, protocol: 'tcp', hostIp: ip }] }), ip).toHaveLength(1)
  })
})

describe("the engine's create body", () => {
  it('maps every field to Config and HostConfig as docker run does', () => {
    const body = createBodyOf(
      runContainerInput.parse({
        image: 'app:1',
        cmd: ['sleep', '1'],
        entrypoint: null,
        env: ['A=1'],
        labels: { k: 'v' },
        ports: [{ containerPort: 80, hostPort: 8080 }, { containerPort: 80, hostPort: 8081, hostIp: '127.0.0.1' }, { containerPort: 53, protocol: 'udp' }],
        mounts: [{ type: 'bind', source: '/srv', target: '/data', readOnly: true }, { type: 'volume', name: 'cache', target: '/cache' }],
        workingDir: '/app',
        user: '1000',
        restart: { name: 'on-failure', maxRetries: 4 },
        networkMode: 'none',
        tty: true,
        interactive: true,
        autoRemove: false,
      }),
    )
    expect(body).toEqual({
      Image: 'app:1',
      Cmd: ['sleep', '1'],
      Entrypoint: [''],
      Env: ['A=1'],
      Labels: { k: 'v' },
      WorkingDir: '/app',
      User: '1000',
      Tty: true,
      OpenStdin: true,
      AttachStdin: false,
      AttachStdout: false,
      AttachStderr: false,
      StdinOnce: false,
      ExposedPorts: { '80/tcp': {}, '53/udp': {} },
      HostConfig: {
        PortBindings: { '80/tcp': [{ HostIp: '', HostPort: '8080' }, { HostIp: '127.0.0.1', HostPort: '8081' }], '53/udp': [{ HostIp: '', HostPort: '' }] },
        Binds: ['/srv:/data:ro', 'cache:/cache'],
        RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 4 },
        NetworkMode: 'none',
        AutoRemove: false,
      },
    })
  })

  it("keeps the image's command, entrypoint and the engine's defaults when fields are left out", () => {
    expect(createBodyOf(runContainerInput.parse({ image: 'a:1' }))).toEqual({
      Image: 'a:1',
      Tty: false,
      OpenStdin: false,
      AttachStdin: false,
      AttachStdout: false,
      AttachStderr: false,
      StdinOnce: false,
      HostConfig: { AutoRemove: false },
    })
  })
})
