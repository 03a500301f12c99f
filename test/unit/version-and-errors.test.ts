import { describe, expect, it } from 'vitest'
import { dockerodeOptions } from '../../electron/core/engine/dockerode-options'
import { parseHost } from '../../electron/core/engine/endpoint'
import { engineError } from '../../electron/core/engine/errors'
import { NEWEST_KNOWN_API, pinApiVersion } from '../../electron/core/engine/version'
import { StrataError, parseWireError } from '../../shared/errors'

const unixEndpoint = { ...parseHost('unix:///var/run/docker.sock', 'default', null, null), candidates: ['/var/run/docker.sock', '/home/a/.docker/run/docker.sock'] }

describe('pinApiVersion', () => {
  it('pins to the daemon version when it is older than the newest Strata knows', () => {
    expect(pinApiVersion('1.41', 'unix:///s')).toBe('1.41')
    expect(pinApiVersion('1.45', 'unix:///s')).toBe('1.45')
  })

  it('pins to the newest known version for newer daemons', () => {
    expect(pinApiVersion('1.60', 'unix:///s')).toBe(NEWEST_KNOWN_API)
    expect(pinApiVersion('2.0', 'unix:///s')).toBe(NEWEST_KNOWN_API)
  })

  it('refuses daemons below 1.41 with API_TOO_OLD', () => {
    expect(() => pinApiVersion('1.40', 'unix:///s')).toThrow(expect.objectContaining({ code: 'API_TOO_OLD' }) as Error)
    expect(() => pinApiVersion('1.9', 'unix:///s')).toThrow(expect.objectContaining({ code: 'API_TOO_OLD' }) as Error)
  })

  it('refuses an unreadable version', () => {
    expect(() => pinApiVersion('latest', 'unix:///s')).toThrow(StrataError)
  })
})

describe('engineError', () => {
  it('explains a missing daemon and lists the sockets looked at', () => {
    const error = engineError(Object.assign(new Error('connect ENOENT'), { code: 'ENOENT' }), unixEndpoint)
    expect(error.code).toBe('ENGINE_UNREACHABLE')
    expect(error.message).toContain('unix:///var/run/docker.sock')
    expect(error.message).toContain('/home/a/.docker/run/docker.sock')
    expect(error.detail.hint).toMatch(/systemctl start docker/)
  })

  it('explains EACCES as the docker group problem', () => {
    const error = engineError(Object.assign(new Error('connect EACCES'), { code: 'EACCES' }), unixEndpoint)
    expect(error.code).toBe('PERMISSION_DENIED')
    expect(error.detail.hint).toMatch(/usermod -aG docker/)
  })

  it.each([
    [404, 'NOT_FOUND'],
    [409, 'CONFLICT'],
    [400, 'INVALID_INPUT'],
    [500, 'ENGINE_ERROR'],
  ])('maps HTTP %i to %s with the daemon message', (statusCode, code) => {
    const error = engineError({ statusCode, json: { message: 'no such image: x' }, message: '(HTTP code)' }, unixEndpoint)
    expect(error.code).toBe(code)
    expect(error.message).toContain('no such image: x')
    expect(error.detail.status).toBe(statusCode)
  })

  it('names TLS failures', () => {
    const tcp = parseHost('tcp://h:2376', 'DOCKER_HOST', null, { ca: null, cert: null, key: null, verify: true })
    const error = engineError(Object.assign(new Error('self signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }), tcp)
    expect(error.code).toBe('ENGINE_UNREACHABLE')
    expect(error.message).toMatch(/TLS handshake with tcp:\/\/h:2376 failed/)
  })

  it('names ssh failures', () => {
    const ssh = parseHost('ssh://me@box', 'explicit', null, null)
    const refused = engineError(Object.assign(new Error('All configured authentication methods failed'), { level: 'client-authentication' }), ssh)
    expect(refused.message).toBe('The ssh server at ssh://me@box refused every key Strata offered.')
    expect(refused.detail.cause).toBe('ssh-auth')
    const denied = engineError(Object.assign(new Error('Host denied (verification failed)'), { level: 'handshake' }), ssh)
    expect(denied.code).toBe('ENGINE_UNREACHABLE')
    expect(denied.detail.cause).toBe('ssh-host-key')
    const other = engineError(Object.assign(new Error('Timed out while waiting for handshake'), { level: 'client-timeout' }), ssh)
    expect(other.message).toMatch(/SSH connection to ssh:\/\/me@box failed/)
    expect(other.detail.cause).toBe('client-timeout')
  })

  it('maps an abort to CANCELLED and keeps StrataErrors as they are', () => {
    expect(engineError(Object.assign(new Error('aborted'), { name: 'AbortError' }), unixEndpoint).code).toBe('CANCELLED')
    const original = new StrataError('NOT_FOUND', 'gone')
    expect(engineError(original, unixEndpoint)).toBe(original)
  })
})

describe('parseWireError', () => {
  it('rebuilds a well-formed error and rejects anything else as INTERNAL', () => {
    expect(parseWireError({ code: 'CONFLICT', message: 'busy', detail: { id: 'x' } })).toEqual({ code: 'CONFLICT', message: 'busy', detail: { id: 'x' } })
    expect(parseWireError({ code: 'NOPE', message: 'x' }).code).toBe('INTERNAL')
    expect(parseWireError('boom').code).toBe('INTERNAL')
  })
})

describe('dockerodeOptions', () => {
  it('maps unix, tcp and tls endpoints; ssh ones go through SshTransport', () => {
    expect(dockerodeOptions(unixEndpoint)).toEqual({ socketPath: '/var/run/docker.sock' })
    expect(dockerodeOptions(parseHost('tcp://10.0.0.1:2375', 'explicit', null, null))).toEqual({ protocol: 'http', host: '10.0.0.1', port: '2375' })
    const tls = parseHost('tcp://[::1]:2376', 'explicit', null, { ca: '/c/ca.pem', cert: '/c/cert.pem', key: null, verify: true })
    const read = (path: string): Buffer => Buffer.from(`contents of ${path}`)
    expect(dockerodeOptions(tls, read)).toEqual({ protocol: 'https', host: '::1', port: '2376', ca: read('/c/ca.pem'), cert: read('/c/cert.pem'), key: undefined })
    expect(() => dockerodeOptions(parseHost('ssh://ops@box:2200', 'explicit', null, null))).toThrow(/SshTransport/)
  })

  it('speaks TLS without verifying the server only when the engine says so, still sending the client certificate', () => {
    const read = (path: string): Buffer => Buffer.from(`contents of ${path}`)
    const unverified = dockerodeOptions(parseHost('tcp://h:2376', 'explicit', null, { ca: null, cert: '/c/cert.pem', key: '/c/key.pem', verify: false }), read) as Record<string, unknown>
    expect(unverified).toMatchObject({ protocol: 'https', host: 'h', port: '2376', cert: read('/c/cert.pem'), key: read('/c/key.pem') })
    const agent = unverified.agent as { options: Record<string, unknown> }
    expect(agent.options).toMatchObject({ rejectUnauthorized: false, cert: read('/c/cert.pem'), key: read('/c/key.pem') })
    expect(dockerodeOptions(parseHost('tcp://h:2376', 'explicit', null, { ca: '/c/ca.pem', cert: null, key: null, verify: true }), read)).not.toHaveProperty('agent')
  })

  it('says which TLS file it cannot read', () => {
    const tls = parseHost('tcp://h:2376', 'explicit', null, { ca: '/missing/ca.pem', cert: null, key: null, verify: true })
    expect(() =>
      dockerodeOptions(tls, () => {
        throw new Error('ENOENT')
      }),
    ).toThrow(/Cannot read the TLS file \/missing\/ca.pem/)
  })
})
