import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server, type ServerResponse } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { StrataError } from '../../shared/errors'
import { dropEarlyExport, requestExportEarly } from '../../electron/core/layers/early-export'
import { analyzeWithoutCore } from '../../electron/host/cli-analyze-direct'
import { memoryIo } from '../support/cli-io'
import { digestOf, tarOf } from '../support/tars'

// The decisions of `strata analyze` without the core, against a stand-in engine on a unix
// socket: what it answers itself, what it leaves to the core (null), and that a cancel is
// thrown rather than left to the core. What it answers is held equal to the core's own
// analysis against the real engine in test/integration/cli-start.test.ts.

const ID_HEX = 'c'.repeat(64)
const ID = `sha256:${ID_HEX}`
let exportBytes: Buffer

beforeAll(async () => {
  const layer = await tarOf([{ name: 'etc/', type: 'directory' }, { name: 'etc/app.conf', content: 'setting=1\n' }, { name: 'bin/tool', content: Buffer.alloc(300_000, 7) }])
  const diffId = digestOf(layer)
  const config = JSON.stringify({ rootfs: { type: 'layers', diff_ids: [diffId] }, history: [{ created_by: 'COPY . /' }] })
  const layerPath = `${diffId.slice('sha256:'.length)}/layer.tar`
  exportBytes = await tarOf([
    { name: layerPath, content: layer },
    { name: `${ID_HEX}.json`, content: config },
    { name: 'manifest.json', content: JSON.stringify([{ Config: `${ID_HEX}.json`, RepoTags: ['app:1'], Layers: [layerPath] }]) },
  ])
})

describe('analyze without the core', () => {
  let folder: string
  let socketPath: string
  let server: Server
  let apiVersion: string | null
  let inspectStatus: number
  /** Whether the stand-in engine answers the inspect at all. */
  let inspectAnswers: boolean
  /** How the stand-in engine sends the export. */
  let sendExport: (response: ServerResponse) => void
  const saved = { cache: process.env.XDG_CACHE_HOME, config: process.env.XDG_CONFIG_HOME }

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'strata-direct-'))
    process.env.XDG_CACHE_HOME = join(folder, 'cache')
    process.env.XDG_CONFIG_HOME = join(folder, 'config')
    socketPath = join(folder, 'engine.sock')
    apiVersion = '1.41'
    inspectStatus = 200
    inspectAnswers = true
    sendExport = (response) => {
      response.end(exportBytes)
    }
    server = createServer((request, response) => {
      if (request.url === '/images/app:1/json') {
        if (!inspectAnswers) return
        response.writeHead(inspectStatus, { 'Content-Type': 'application/json', ...(apiVersion === null ? {} : { 'Api-Version': apiVersion }) })
        response.end(inspectStatus === 200 ? JSON.stringify({ Id: ID, RepoTags: ['app:1'], Size: exportBytes.length }) : '{"message":"No such image"}')
        return
      }
      if (request.url === `/images/${ID}/get`) {
        response.writeHead(200, { 'Content-Type': 'application/x-tar' })
        sendExport(response)
        return
      }
      response.writeHead(404)
      response.end()
    })
    await new Promise<void>((resolve) => server.listen(socketPath, resolve))
  })

  afterEach(async () => {
    dropEarlyExport()
    server.closeAllConnections()
    await new Promise<void>((resolve) => {
      server.close(() => {
        resolve()
      })
    })
    process.env.XDG_CACHE_HOME = saved.cache
    process.env.XDG_CONFIG_HOME = saved.config
    rmSync(folder, { recursive: true, force: true })
  })

  const start = async (): Promise<void> => {
    await requestExportEarly(socketPath, 'app:1', join(folder, 'cache', 'strata', 'layers'), false)
  }

  it('analyses the early export and fills the layer cache', async () => {
    await start()
    const analysis = await analyzeWithoutCore('app:1', { host: `unix://${socketPath}` }, memoryIo())
    expect(analysis?.image).toEqual({ id: ID, repoTags: ['app:1'] })
    expect(analysis?.layers.map((layer) => [layer.createdBy, layer.added])).toEqual([['COPY . /', 3]])
    expect(analysis?.dive).toMatchObject({ efficiency: 1, wastedBytes: 0, sizeBytes: 300_010 })
    expect(existsSync(join(folder, 'cache', 'strata', 'layers', 'analyses', `${ID_HEX}.json`))).toBe(true)
  })

  it.each([
    ['an image the engine does not know', () => (inspectStatus = 404)],
    ['an answer without an API version', () => (apiVersion = null)],
    ['an API version Strata does not take', () => (apiVersion = '1.12')],
  ])('leaves %s to the core', async (_name, arrange) => {
    arrange()
    await start()
    expect(await analyzeWithoutCore('app:1', { host: `unix://${socketPath}` }, memoryIo())).toBeNull()
  })

  it('leaves another kind of engine, another reference and a reference the grammar refuses to the core', async () => {
    await start()
    expect(await analyzeWithoutCore('app:1', { host: 'tcp://127.0.0.1:9' }, memoryIo())).toBeNull()
    expect(await analyzeWithoutCore('app:2', { host: `unix://${socketPath}` }, memoryIo())).toBeNull()
    expect(await analyzeWithoutCore('App 1', { host: `unix://${socketPath}` }, memoryIo())).toBeNull()
  })

  it('leaves an export cut short to the core, which asks again', async () => {
    sendExport = (response) => {
      response.write(exportBytes.subarray(0, 4096))
      setTimeout(() => {
        response.destroy()
      }, 20)
    }
    await start()
    expect(await analyzeWithoutCore('app:1', { host: `unix://${socketPath}` }, memoryIo())).toBeNull()
  })

  it('leaves an engine that does not answer the inspect to the core, whose probe times out and says so', async () => {
    inspectAnswers = false
    // As the command line does: it waits for the request only a while (cli-analyze-early.ts).
    void start()
    const started = performance.now()
    expect(await analyzeWithoutCore('app:1', { host: `unix://${socketPath}` }, memoryIo(), 100)).toBeNull()
    expect(performance.now() - started).toBeLessThan(2000)
  })

  it('throws a cancel as the core would, without leaving it to the core', async () => {
    const controller = new AbortController()
    sendExport = (response) => {
      // Half the export, then nothing: the cancel comes while the reader waits.
      response.write(exportBytes.subarray(0, 65_536))
      setTimeout(() => {
        controller.abort()
      }, 50)
    }
    await start()
    const io = { ...memoryIo(), cancelSignal: controller.signal }
    const outcome = await analyzeWithoutCore('app:1', { host: `unix://${socketPath}` }, io).then(
      () => null,
      (error: unknown) => error,
    )
    expect(outcome).toBeInstanceOf(StrataError)
    expect((outcome as StrataError).code).toBe('CANCELLED')
  })
})
