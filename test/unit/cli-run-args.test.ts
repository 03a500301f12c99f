import { describe, expect, it } from 'vitest'
import { parsePublish, parseRestart, parseRunArguments, parseVolume } from '../../electron/host/cli-docker-run-args'
import { runCommandIndex } from '../../electron/host/cli-docker-run-usage'
import { UsageError } from '../../electron/host/cli-run'

const parse = (...argv: string[]) => parseRunArguments(argv, { FROM_HERE: 'here value' })

function usageMessage(work: () => unknown): string {
  try {
    work()
  } catch (error) {
    if (error instanceof UsageError) return error.message
    throw error
  }
  throw new Error('no usage error')
}

describe('strata run command line', () => {
  it('reads docker run options, the image, then the command as it is', () => {
    const parsed = parse('--name', 'web', '-e', 'A=1', '--env=B=2', '-eC=3', '-l', 'team=core', '--label', 'flag', '-p', '8080:80', '-p127.0.0.1:8443:443/tcp', '-v', '/srv:/data:ro', '--volume', 'cache:/cache', '-w', '/app', '-u', '1000:1000', '--entrypoint', '/bin/sh', '--restart', 'on-failure:2', '--network', 'none', '--rm', '-it', 'app:1', '-c', 'ls -l', '--name', 'not-an-option')
    expect(parsed).toEqual({
      host: undefined,
      engine: undefined,
      json: false,
      help: false,
      request: {
        image: 'app:1',
        start: true,
        name: 'web',
        cmd: ['-c', 'ls -l', '--name', 'not-an-option'],
        entrypoint: ['/bin/sh'],
        env: ['A=1', 'B=2', 'C=3'],
        labels: { team: 'core', flag: '' },
        ports: [
          { containerPort: 80, hostPort: 8080, protocol: 'tcp' },
          { containerPort: 443, hostPort: 8443, hostIp: '127.0.0.1', protocol: 'tcp' },
        ],
        mounts: [
          { type: 'bind', source: '/srv', target: '/data', readOnly: true },
          { type: 'volume', name: 'cache', target: '/cache', readOnly: false },
        ],
        workingDir: '/app',
        user: '1000:1000',
        restart: { name: 'on-failure', maxRetries: 2 },
        networkMode: 'none',
        tty: true,
        interactive: true,
        autoRemove: true,
      },
    })
  })

  it('takes --host, --engine, --json and -d anywhere before the image, and -- before an image that starts with a dash', () => {
    expect(parse('--host', 'unix:///x.sock', '--json', '-d', 'busybox')).toMatchObject({ host: 'unix:///x.sock', json: true, request: { image: 'busybox' } })
    expect(parse('--engine=lab', 'busybox', '--json')).toMatchObject({ engine: 'lab', json: false, request: { image: 'busybox', cmd: ['--json'] } })
    expect(parse('--', 'busybox', 'true').request).toEqual({ image: 'busybox', start: true, cmd: ['true'] })
  })

  it('takes -e KEY alone from the environment, and leaves it out when unset', () => {
    expect(parse('-e', 'FROM_HERE', '-e', 'UNSET_HERE', 'busybox').request.env).toEqual(['FROM_HERE=here value'])
  })

  it("reads --entrypoint '' as clearing the image's", () => {
    expect(parse('--entrypoint', '', 'busybox').request.entrypoint).toBeNull()
    expect(parse('--entrypoint=', 'busybox').request.entrypoint).toBeNull()
  })

  it('refuses what docker run would not take, with what is wrong', () => {
    expect(usageMessage(() => parse())).toBe('run takes an image (and then, optionally, a command with its arguments)')
    expect(usageMessage(() => parse('--nope', 'busybox'))).toBe('--nope is not an option of run')
    expect(usageMessage(() => parse('-x', 'busybox'))).toBe('-x is not an option of run')
    expect(usageMessage(() => parse('--name'))).toBe('--name needs a value')
    expect(usageMessage(() => parse('--rm=yes', 'busybox'))).toBe('--rm takes no value')
    expect(usageMessage(() => parse('--restart', 'sometimes', 'busybox'))).toBe('--restart sometimes: use no, always, unless-stopped or on-failure[:MAX_RETRIES]')
  })

  it('finds run as the command past the options every command takes', () => {
    expect(runCommandIndex(['run', 'busybox'])).toBe(0)
    expect(runCommandIndex(['--host', 'unix:///x', '--json', 'run', 'busybox'])).toBe(3)
    expect(runCommandIndex(['--host=unix:///x', 'run'])).toBe(1)
    expect(runCommandIndex(['images', 'run'])).toBe(-1)
    expect(runCommandIndex(['--host', 'run', 'images'])).toBe(-1)
  })
})

describe('-p, -v and --restart', () => {
  it("reads docker's publish forms", () => {
    expect(parsePublish('80')).toEqual({ containerPort: 80, protocol: 'tcp' })
    expect(parsePublish('53/udp')).toEqual({ containerPort: 53, protocol: 'udp' })
    expect(parsePublish('8080:80')).toEqual({ containerPort: 80, hostPort: 8080, protocol: 'tcp' })
    expect(parsePublish('127.0.0.1:8080:80/sctp')).toEqual({ containerPort: 80, hostPort: 8080, hostIp: '127.0.0.1', protocol: 'sctp' })
    expect(parsePublish('127.0.0.1::80')).toEqual({ containerPort: 80, hostIp: '127.0.0.1', protocol: 'tcp' })
    expect(parsePublish('[::1]:8080:80')).toEqual({ containerPort: 80, hostPort: 8080, hostIp: '::1', protocol: 'tcp' })
    expect(parsePublish('[::1]::80/udp')).toEqual({ containerPort: 80, hostIp: '::1', protocol: 'udp' })
  })

  it('refuses publish specs it cannot read, saying why', () => {
    expect(usageMessage(() => parsePublish('8000-8010:80'))).toBe('-p 8000-8010:80: port ranges are not supported; publish each port with its own -p')
    expect(usageMessage(() => parsePublish('80/icmp'))).toBe("-p 80/icmp: the protocol is tcp, udp or sctp, not 'icmp'")
    expect(usageMessage(() => parsePublish('http'))).toBe("-p http: 'http' is not a container port")
    expect(usageMessage(() => parsePublish('a:b:c:d'))).toBe('-p a:b:c:d: not [IP:][HOST_PORT:]PORT[/PROTOCOL]')
    expect(usageMessage(() => parsePublish(':8080:80'))).toBe('-p :8080:80: the address before the ports is empty')
    expect(usageMessage(() => parsePublish('[::1]:80'))).toBe('-p [::1]:80: after an address come HOST_PORT:PORT (HOST_PORT may be empty)')
  })

  it('reads an absolute source as a host path and any other as a volume name', () => {
    expect(parseVolume('/host/dir:/in')).toEqual({ type: 'bind', source: '/host/dir', target: '/in', readOnly: false })
    expect(parseVolume('/host/dir:/in:rw')).toEqual({ type: 'bind', source: '/host/dir', target: '/in', readOnly: false })
    expect(parseVolume('data:/var/lib/data:ro')).toEqual({ type: 'volume', name: 'data', target: '/var/lib/data', readOnly: true })
    expect(usageMessage(() => parseVolume('/only'))).toBe('-v /only: not SOURCE:TARGET[:ro]; a volume without a source (an anonymous volume) is not supported')
    expect(usageMessage(() => parseVolume('a:/b:z'))).toBe('-v a:/b:z: not SOURCE:TARGET[:ro]; the mode after TARGET is ro or rw')
    expect(usageMessage(() => parseVolume(':/b'))).toBe('-v :/b: the source is empty')
  })

  it('reads restart policies with their retries', () => {
    expect(parseRestart('always')).toEqual({ name: 'always' })
    expect(parseRestart('on-failure:5')).toEqual({ name: 'on-failure', maxRetries: 5 })
    expect(usageMessage(() => parseRestart('always:3'))).toBe('--restart always:3: a number of retries goes only with on-failure')
    expect(usageMessage(() => parseRestart('on-failure:x'))).toBe("--restart on-failure:x: 'x' is not a whole number of retries")
  })
})
