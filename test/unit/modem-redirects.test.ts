import { createServer } from 'node:http'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Docker from 'dockerode'
import { afterAll, describe, expect, it } from 'vitest'
import { engineError } from '../../electron/core/engine/errors'
import { refuseEngineRedirects } from '../../electron/core/engine/modem-redirects'

/**
 * A socket that answers every request with a redirect, as the engine's router does for
 * a path with an empty or '..' segment. Followed, that redirect became a request to
 * http://images/… whose failure nothing could catch; refused, it fails the one call.
 */
const folder = mkdtempSync(join(tmpdir(), 'strata-redirect-'))
const socketPath = join(folder, 'redirecting.sock')
const requests: string[] = []
const server = createServer((request, response) => {
  requests.push(request.url ?? '')
  response.writeHead(301, { location: (request.url ?? '/').replace('//', '/') })
  response.end('moved')
})
await new Promise<void>((resolve) => server.listen(socketPath, resolve))

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
  rmSync(folder, { recursive: true, force: true })
})

describe('the engine transport and redirects', () => {
  it('fails the call with a clear error and makes no second request', async () => {
    refuseEngineRedirects()
    const docker = new Docker({ socketPath })
    const failure = await docker
      .getImage('a//b')
      .inspect()
      .then(
        () => null,
        (error: unknown) => error,
      )
    const endpoint = { url: `unix://${socketPath}`, kind: 'unix' as const, address: socketPath, source: 'explicit' as const, context: null, tls: null, candidates: [] }
    const explained = engineError(failure, endpoint)
    expect(explained.code).toBe('ENGINE_ERROR')
    expect(explained.message).toMatch(/redirect/)
    // Give a follow-up request the time it would need, then check none came.
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(requests).toEqual(['/images/a//b/json'])
  })
})
