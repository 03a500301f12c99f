import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { defaultCacheDir } from '../../electron/core/engine/cache-dir'
import { claimEarlyExport, dropEarlyExport, earlyInspect, requestExportEarly } from '../../electron/core/layers/early-export'
import { earlyLayerCacheDir } from '../../electron/host/cli-analyze-early'

const ID = `sha256:${'a'.repeat(64)}`
const OTHER = `sha256:${'b'.repeat(64)}`

describe('the early export', () => {
  let folder: string
  let socketPath: string
  let server: Server
  let seen: string[]
  let inspectStatus: number

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'strata-early-'))
    socketPath = join(folder, 'engine.sock')
    seen = []
    inspectStatus = 200
    server = createServer((request, response) => {
      seen.push(request.url ?? '')
      if (request.url === '/images/app:1/json') {
        response.writeHead(inspectStatus, { 'Content-Type': 'application/json', 'Api-Version': '1.41' })
        response.end(inspectStatus === 200 ? JSON.stringify({ Id: ID, RepoTags: ['app:1'], Size: 1234 }) : '{"message":"No such image"}')
        return
      }
      if (request.url === `/images/${ID}/get`) {
        response.writeHead(200, { 'Content-Type': 'application/x-tar' })
        response.end('the export')
        return
      }
      response.writeHead(404)
      response.end()
    })
    await new Promise<void>((resolve) => server.listen(socketPath, resolve))
  })

  afterEach(async () => {
    dropEarlyExport()
    await new Promise<void>((resolve) => {
      server.close(() => {
        resolve()
      })
    })
    rmSync(folder, { recursive: true, force: true })
  })

  const body = async (stream: AsyncIterable<Buffer>): Promise<string> => {
    const chunks: Buffer[] = []
    for await (const chunk of stream) chunks.push(chunk)
    return Buffer.concat(chunks).toString()
  }

  it('inspects the reference, then exports by the image ID, for the same socket and ID only', async () => {
    await requestExportEarly(socketPath, 'app:1', join(folder, 'cache'), false)
    expect(await claimEarlyExport(join(folder, 'other.sock'), ID)).toBeNull()
    const response = await claimEarlyExport(socketPath, ID)
    expect(response).not.toBeNull()
    expect(await body(response as AsyncIterable<Buffer>)).toBe('the export')
    expect(seen).toEqual(['/images/app:1/json', `/images/${ID}/get`])
    // Claimed once.
    expect(await claimEarlyExport(socketPath, ID)).toBeNull()
  })

  it('gives its inspect, with the API version the engine speaks, for the same socket and reference only', async () => {
    await requestExportEarly(socketPath, 'app:1', null, false)
    expect(await earlyInspect(socketPath, 'app:1', 1000)).toEqual({ inspect: { Id: ID, RepoTags: ['app:1'], Size: 1234 }, apiVersion: '1.41' })
    expect(await earlyInspect(socketPath, 'app:2', 1000)).toBeNull()
    expect(await earlyInspect(join(folder, 'other.sock'), 'app:1', 1000)).toBeNull()
    dropEarlyExport()
    expect(await earlyInspect(socketPath, 'app:1', 1000)).toBeNull()
  })

  it('gives its inspect also when the cache spares the export, and none when the engine does not know the reference', async () => {
    const cache = join(folder, 'cache')
    mkdirSync(join(cache, 'analyses'), { recursive: true })
    writeFileSync(join(cache, 'analyses', `${'a'.repeat(64)}.json`), '{}')
    await requestExportEarly(socketPath, 'app:1', cache, false)
    expect((await earlyInspect(socketPath, 'app:1', 1000))?.inspect.Id).toBe(ID)
    expect(seen).toEqual(['/images/app:1/json'])
    dropEarlyExport()
    inspectStatus = 404
    await requestExportEarly(socketPath, 'app:1', null, false)
    expect(await earlyInspect(socketPath, 'app:1', 1000)).toBeNull()
  })

  it('is not used for another image ID (a tag moved between the two inspects)', async () => {
    await requestExportEarly(socketPath, 'app:1', null, false)
    expect(await claimEarlyExport(socketPath, OTHER)).toBeNull()
  })

  it('asks nothing more when the engine does not know the reference', async () => {
    inspectStatus = 404
    await requestExportEarly(socketPath, 'app:1', null, false)
    expect(await claimEarlyExport(socketPath, ID)).toBeNull()
    expect(seen).toEqual(['/images/app:1/json'])
  })

  it('does not export an image whose analysis or layers the cache holds', async () => {
    const cache = join(folder, 'cache')
    mkdirSync(join(cache, 'analyses'), { recursive: true })
    writeFileSync(join(cache, 'analyses', `${'a'.repeat(64)}.json`), '{}')
    await requestExportEarly(socketPath, 'app:1', cache, false)
    expect(await claimEarlyExport(socketPath, ID)).toBeNull()
    expect(seen).toEqual(['/images/app:1/json'])
    dropEarlyExport()
    seen = []
    // With --files the analysis cache does not answer: the export is asked for.
    await requestExportEarly(socketPath, 'app:1', cache, true)
    expect(await claimEarlyExport(socketPath, ID)).not.toBeNull()
    dropEarlyExport()
    seen = []
    mkdirSync(join(cache, 'images'), { recursive: true })
    writeFileSync(join(cache, 'images', `${'a'.repeat(64)}.json`), '{}')
    await requestExportEarly(socketPath, 'app:1', cache, true)
    expect(await claimEarlyExport(socketPath, ID)).toBeNull()
    expect(seen).toEqual(['/images/app:1/json'])
  })

  it('sends nothing for a reference that would need escaping, and answers null with no engine', async () => {
    await requestExportEarly(socketPath, 'app:1/../../containers', null, false)
    await requestExportEarly(socketPath, 'app 1', null, false)
    expect(await claimEarlyExport(socketPath, ID)).toBeNull()
    expect(seen).toEqual([])
    await requestExportEarly(join(folder, 'nothing.sock'), 'app:1', null, false)
    expect(await claimEarlyExport(join(folder, 'nothing.sock'), ID)).toBeNull()
  })
})

describe('the early export cache folder', () => {
  it('is the core layer cache folder on every platform', () => {
    const cases: [Record<string, string | undefined>, NodeJS.Platform][] = [
      [{}, 'linux'],
      [{ XDG_CACHE_HOME: '/x/cache' }, 'linux'],
      [{ XDG_CACHE_HOME: '' }, 'linux'],
      [{}, 'darwin'],
      [{}, 'win32'],
      [{ LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'win32'],
    ]
    for (const [env, platform] of cases) {
      expect(earlyLayerCacheDir(env, platform, '/home/u')).toBe(join(defaultCacheDir(env, platform, '/home/u'), 'layers'))
    }
  })
})
