import { describe, expect, it } from 'vitest'
import { parseHost } from '../../electron/core/engine/endpoint'
import { engineError } from '../../electron/core/engine/errors'
import { answerOf, enginePath, imagePath, plainTarget, type EngineHttpError } from '../../electron/core/engine/plain-requests'
import { plainEndpoint } from '../../electron/host/cli-listing'

// The listing path's own engine client must ask what dockerode asks and fail as it fails:
// the catalog behind it and the CLI's messages are the same code either way.
const socket = parseHost('unix:///var/run/docker.sock', 'explicit', null, null)

function thrown(run: () => unknown): EngineHttpError {
  try {
    run()
  } catch (error) {
    return error as EngineHttpError
  }
  throw new Error('nothing was thrown')
}

describe('which endpoints the plain client speaks to', () => {
  it('takes unix sockets, named pipes and tcp without TLS, and leaves TLS and ssh to dockerode', () => {
    expect(plainTarget(socket)).toEqual({ socketPath: '/var/run/docker.sock' })
    expect(plainTarget(parseHost('npipe:////./pipe/docker_engine', 'explicit', null, null))).toEqual({ socketPath: '//./pipe/docker_engine' })
    expect(plainTarget(parseHost('tcp://10.0.0.5:2375', 'explicit', null, null))).toEqual({ host: '10.0.0.5', port: 2375 })
    expect(plainTarget(parseHost('tcp://[::1]:2375', 'explicit', null, null))).toEqual({ host: '::1', port: 2375 })
    expect(plainTarget(parseHost('tcp://10.0.0.5:2376', 'explicit', null, { ca: null, cert: null, key: null, verify: true }))).toBeNull()
    expect(plainTarget(parseHost('ssh://me@host', 'explicit', null, null))).toBeNull()
  })
})

describe('which listing commands skip the core', () => {
  it('a socket or plain tcp address does; saved TLS files, ssh and an address that does not parse leave it to the core', () => {
    expect(plainEndpoint('unix:///run/user/1000/docker.sock', null)?.address).toBe('/run/user/1000/docker.sock')
    expect(plainEndpoint('tcp://127.0.0.1:2375', null)?.kind).toBe('tcp')
    expect(plainEndpoint('tcp://127.0.0.1:2376', { ca: '/ca.pem', cert: null, key: null, verify: true })).toBeNull()
    expect(plainEndpoint('ssh://me@host', null)).toBeNull()
    // The core words what is wrong with the address (exit 2 with the usage text).
    expect(plainEndpoint('ftp://nope', null)).toBeNull()
  })
})

describe('request paths', () => {
  it('pins every call but the first to the negotiated API version', () => {
    expect(enginePath(null, '/version')).toBe('/version')
    expect(enginePath('1.41', '/images/json')).toBe('/v1.41/images/json')
  })

  it('writes the query as docker-modem does: booleans as words, objects as JSON, undefined left out', () => {
    expect(enginePath('1.47', '/images/json', { manifests: true })).toBe('/v1.47/images/json?manifests=true')
    expect(enginePath('1.41', '/containers/json', { all: true, size: undefined, filters: JSON.stringify({ id: ['abc'] }) })).toBe('/v1.41/containers/json?all=true&filters=%7B%22id%22%3A%5B%22abc%22%5D%7D')
    expect(enginePath('1.41', '/x', { filters: { label: ['a=b'] } })).toBe('/v1.41/x?filters=%7B%22label%22%3A%5B%22a%3Db%22%5D%7D')
  })

  it('escapes an image name so that it stays one path segment', () => {
    expect(imagePath('sha256:abc', 'json')).toBe('/images/sha256%3Aabc/json')
    expect(imagePath('../../containers/x', 'history')).toBe('/images/..%2F..%2Fcontainers%2Fx/history')
  })
})

describe('answers', () => {
  const answer = (status: number, body: string, location?: string): { status: number; location: string | undefined; body: Buffer } => ({ status, location, body: Buffer.from(body) })

  it('gives the parsed body of a 200', () => {
    expect(answerOf(answer(200, '[{"Id":"sha256:a"}]'), 'list', '/v1.41/images/json')).toEqual([{ Id: 'sha256:a' }])
  })

  it('refuses a 200 that is not JSON rather than hand bytes to the catalog', () => {
    expect(() => answerOf(answer(200, '<html>'), 'list', '/v1.41/images/json')).toThrow("the engine's answer to GET /v1.41/images/json is not JSON")
  })

  it("makes a failure into docker-modem's error: message, status, reason and body", () => {
    const error = thrown(() => answerOf(answer(404, '{"message":"No such image: sha256:x"}'), 'image', '/v1.41/images/sha256%3Ax/json'))
    expect(error.message).toBe('(HTTP code 404) no such image - No such image: sha256:x ')
    expect(error.statusCode).toBe(404)
    expect(error.reason).toBe('no such image')
    expect(error.json).toEqual({ message: 'No such image: sha256:x' })
    const words = engineError(error, socket)
    expect(words.code).toBe('NOT_FOUND')
    expect(words.message).toBe('No such image: sha256:x')
  })

  it('words a status the call does not expect, and a body that is not JSON, as docker-modem does', () => {
    const error = thrown(() => answerOf(answer(502, 'bad gateway'), 'list', '/v1.41/images/json'))
    expect(error.message).toBe('(HTTP code 502) unexpected - bad gateway ')
    expect(error.reason).toBeUndefined()
    expect(Buffer.isBuffer(error.json)).toBe(true)
    expect(engineError(error, socket).code).toBe('ENGINE_ERROR')
    const server = thrown(() => answerOf(answer(500, '{"message":""}'), 'info', '/v1.41/info'))
    // An empty message is passed over, as docker-modem's `||` passes it.
    expect(server.message).toBe('(HTTP code 500) server error - [object Object] ')
    expect(engineError(server, socket).message).toContain('500')
  })

  it('refuses a redirect with the message engineError knows', () => {
    const error = thrown(() => answerOf(answer(301, '', '/v1.41/images/json'), 'list', '/v1.41//images/json'))
    expect(engineError(error, socket).detail.cause).toBe('redirect')
  })
})
