import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { defaultEndpoint, parseHost, resolveEndpoint, resolveEngineTarget, type EndpointEnvironment } from '../../electron/core/engine/endpoint'
import { StrataError } from '../../shared/errors'

function environment(files: Record<string, string>, env: Record<string, string> = {}, platform: NodeJS.Platform = 'linux', uid: number | null = 1000): EndpointEnvironment {
  return {
    env,
    platform,
    homeDir: '/home/ana',
    uid,
    readFile: (path) => files[path] ?? null,
    exists: (path) => path in files,
  }
}

function contextFiles(name: string, host: string, withTls: boolean, configDir = '/home/ana/.docker'): Record<string, string> {
  const digest = createHash('sha256').update(name).digest('hex')
  const files: Record<string, string> = {
    [`${configDir}/contexts/meta/${digest}/meta.json`]: JSON.stringify({ Name: name, Metadata: {}, Endpoints: { docker: { Host: host, SkipTLSVerify: false } } }),
  }
  if (withTls) {
    for (const file of ['ca.pem', 'cert.pem', 'key.pem']) files[`${configDir}/contexts/tls/${digest}/docker/${file}`] = 'pem'
  }
  return files
}

describe('resolveEndpoint follows the docker CLI order', () => {
  const everything = {
    ...contextFiles('remote', 'tcp://10.0.0.5:2376', true),
    ...contextFiles('fromenv', 'ssh://ops@build-box', false),
    '/home/ana/.docker/config.json': JSON.stringify({ currentContext: 'remote' }),
    '/var/run/docker.sock': '',
  }

  it('takes an explicit host first', () => {
    const endpoint = resolveEndpoint('unix:///tmp/explicit.sock', environment(everything, { DOCKER_HOST: 'tcp://x:1', DOCKER_CONTEXT: 'fromenv' }))
    expect(endpoint).toMatchObject({ kind: 'unix', address: '/tmp/explicit.sock', source: 'explicit' })
  })

  it('then DOCKER_HOST, even when DOCKER_CONTEXT is set', () => {
    const endpoint = resolveEndpoint(null, environment(everything, { DOCKER_HOST: 'tcp://192.168.1.9', DOCKER_CONTEXT: 'fromenv' }))
    expect(endpoint).toMatchObject({ kind: 'tcp', address: '192.168.1.9:2375', source: 'DOCKER_HOST', tls: null })
  })

  it('then DOCKER_CONTEXT, read from the context metadata', () => {
    const endpoint = resolveEndpoint(null, environment(everything, { DOCKER_CONTEXT: 'fromenv' }))
    expect(endpoint).toMatchObject({ kind: 'ssh', address: 'ops@build-box', source: 'DOCKER_CONTEXT', context: 'fromenv' })
  })

  it('then currentContext of config.json, with the context TLS files', () => {
    const endpoint = resolveEndpoint(null, environment(everything))
    const digest = createHash('sha256').update('remote').digest('hex')
    expect(endpoint).toMatchObject({ kind: 'tcp', address: '10.0.0.5:2376', source: 'config', context: 'remote' })
    expect(endpoint.tls).toEqual({
      ca: `/home/ana/.docker/contexts/tls/${digest}/docker/ca.pem`,
      cert: `/home/ana/.docker/contexts/tls/${digest}/docker/cert.pem`,
      key: `/home/ana/.docker/contexts/tls/${digest}/docker/key.pem`,
      verify: true,
    })
  })

  it('honours DOCKER_CONFIG for the config and contexts', () => {
    const files = { ...contextFiles('ci', 'unix:///run/ci.sock', false, '/etc/dockercfg'), '/etc/dockercfg/config.json': JSON.stringify({ currentContext: 'ci' }) }
    expect(resolveEndpoint(null, environment(files, { DOCKER_CONFIG: '/etc/dockercfg' }))).toMatchObject({ address: '/run/ci.sock', context: 'ci' })
  })

  it('treats the context named default as the platform default', () => {
    const endpoint = resolveEndpoint(null, environment({ '/var/run/docker.sock': '' }, { DOCKER_CONTEXT: 'default' }))
    expect(endpoint).toMatchObject({ kind: 'unix', address: '/var/run/docker.sock', context: 'default', source: 'DOCKER_CONTEXT' })
  })

  it('names a missing context instead of falling back silently', () => {
    expect(() => resolveEndpoint(null, environment({}, { DOCKER_CONTEXT: 'gone' }))).toThrow(/context "gone" does not exist/)
  })

  it('reports a config.json that is not JSON', () => {
    expect(() => resolveEndpoint(null, environment({ '/home/ana/.docker/config.json': '{oops' }))).toThrow(StrataError)
  })

  it('uses DOCKER_TLS_VERIFY and DOCKER_CERT_PATH for tcp hosts', () => {
    const files = { '/certs/ca.pem': '', '/certs/cert.pem': '', '/certs/key.pem': '' }
    const endpoint = resolveEndpoint(null, environment(files, { DOCKER_HOST: 'tcp://docker.example:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' }))
    expect(endpoint.tls).toEqual({ ca: '/certs/ca.pem', cert: '/certs/cert.pem', key: '/certs/key.pem', verify: true })
  })
})

describe('default sockets', () => {
  it('prefers /var/run/docker.sock, then Docker Desktop, then Podman', () => {
    expect(defaultEndpoint(environment({ '/home/ana/.docker/run/docker.sock': '' })).address).toBe('/home/ana/.docker/run/docker.sock')
    const podman = environment({ '/run/user/1000/podman/podman.sock': '' }, { XDG_RUNTIME_DIR: '/run/user/1000' })
    expect(defaultEndpoint(podman).address).toBe('/run/user/1000/podman/podman.sock')
    expect(defaultEndpoint(environment({ '/var/run/docker.sock': '', '/home/ana/.docker/run/docker.sock': '' })).address).toBe('/var/run/docker.sock')
  })

  it('reports every candidate when none exists, and tries the first', () => {
    const endpoint = defaultEndpoint(environment({}, { XDG_RUNTIME_DIR: '/run/user/1000' }, 'linux', 0))
    expect(endpoint.address).toBe('/var/run/docker.sock')
    expect(endpoint.candidates).toEqual(['/var/run/docker.sock', '/home/ana/.docker/run/docker.sock', '/run/user/1000/podman/podman.sock', '/run/podman/podman.sock'])
  })

  it('uses the named pipe on Windows', () => {
    expect(defaultEndpoint(environment({}, {}, 'win32'))).toMatchObject({ kind: 'npipe', address: '//./pipe/docker_engine' })
  })
})

describe('parseHost', () => {
  it('maps every scheme', () => {
    expect(parseHost('npipe:////./pipe/docker_engine', 'explicit', null, null)).toMatchObject({ kind: 'npipe', address: '//./pipe/docker_engine' })
    expect(parseHost('tcp://10.1.1.1:2376/', 'explicit', null, null)).toMatchObject({ kind: 'tcp', address: '10.1.1.1:2376' })
    expect(parseHost('ssh://me@host:2222', 'explicit', null, null)).toMatchObject({ kind: 'ssh', address: 'me@host:2222', url: 'ssh://me@host:2222' })
  })

  it('defaults the tcp port to 2376 with TLS and 2375 without', () => {
    const tls = { ca: null, cert: null, key: null, verify: true }
    expect(parseHost('tcp://h', 'explicit', null, tls).address).toBe('h:2376')
    expect(parseHost('tcp://h', 'explicit', null, null).address).toBe('h:2375')
  })

  it('takes host names, IPv4 and bracketed IPv6 with a port', () => {
    expect(parseHost('tcp://[::1]:2375', 'explicit', null, null).address).toBe('[::1]:2375')
    expect(parseHost('tcp://docker-1.example.com', 'explicit', null, null).address).toBe('docker-1.example.com:2375')
  })

  it.each(['docker.sock', 'ftp://x', 'unix://', 'tcp://', 'tcp://host:notaport', 'tcp://host:0', 'tcp://host:70000', 'tcp://a b:2375', 'tcp://host:2375/path', 'tcp://-host'])('refuses %s with INVALID_INPUT', (host) => {
    try {
      parseHost(host, 'explicit', null, null)
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(StrataError)
      expect((error as StrataError).code).toBe('INVALID_INPUT')
    }
  })
})

describe('resolveEngineTarget: an engine with its own TLS files', () => {
  const tls = { ca: '/certs/ca.pem', cert: '/certs/cert.pem', key: '/certs/key.pem', verify: false }
  const withEnvTls = environment({ '/env-certs/ca.pem': 'pem' }, { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/env-certs' })

  it('uses the given files for a tcp address in place of DOCKER_TLS_VERIFY and DOCKER_CERT_PATH, and 2376 as the TLS port', () => {
    expect(resolveEngineTarget('tcp://10.0.0.5', tls, withEnvTls)).toMatchObject({ kind: 'tcp', address: '10.0.0.5:2376', tls })
    // Without files of its own the docker CLI's environment decides, as for --host.
    expect(resolveEngineTarget('tcp://10.0.0.5:2376', null, withEnvTls).tls).toEqual({ ca: '/env-certs/ca.pem', cert: null, key: null, verify: true })
    expect(resolveEngineTarget('tcp://10.0.0.5:2376', undefined, environment({})).tls).toBeNull()
  })

  it('refuses TLS files for an address that is not tcp', () => {
    for (const host of ['unix:///var/run/docker.sock', 'ssh://me@box', 'npipe:////./pipe/docker_engine']) {
      expect(() => resolveEngineTarget(host, tls, environment({}))).toThrow(/TLS files apply to tcp:\/\/ engines only/)
    }
  })
})
