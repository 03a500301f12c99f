import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EventPayloads } from '../../shared/events'
import type { ImageAnalysis } from '../../shared/types'
import { dockerCli } from '../support/docker-cli'
import { callError, callOk, privateCore, privateDocker } from '../support/engine'
import { FIXTURES, buildFixture } from '../support/fixtures'

/**
 * layers.analyzeArchive on `docker save` output of the private daemon's fixtures: what
 * it reads from the file must be what layers.analyze reads from the engine's export of
 * the same image, layer by layer and path by path, and the engine must not change.
 */
const docker = privateDocker()
const core = privateCore()
const work = mkdtempSync(join(tmpdir(), 'strata-analyze-archive-'))
const TAG = 'archive/waste:1'
let imageId = ''

beforeAll(async () => {
  imageId = await buildFixture(docker, {
    tag: TAG,
    dockerfile: [`FROM ${FIXTURES.base.tag}`, 'RUN dd if=/dev/zero of=/big.bin bs=1024 count=200 && echo one > /a', 'RUN rm /big.bin && echo two > /a && mkdir /d && echo c > /d/c'].join('\n'),
  })
  await dockerCli('tag', TAG, 'archive/waste:second')
  await dockerCli('save', '-o', join(work, 'image.tar'), TAG, 'archive/waste:second')
  writeFileSync(join(work, 'image.tar.gz'), gzipSync(readFileSync(join(work, 'image.tar'))))
}, 180_000)

afterAll(async () => {
  rmSync(work, { recursive: true, force: true })
  await dockerCli('rmi', 'archive/waste:second').catch(() => undefined)
  await core.close()
})

/** Every figure both methods report, the file lists included, without what only an archive knows. */
function figures(analysis: ImageAnalysis): unknown {
  return { id: analysis.image.id, layers: analysis.layers, totalBytes: analysis.totalBytes, wastedBytes: analysis.wastedBytes, efficiency: analysis.efficiency, wasted: analysis.wasted, dive: analysis.dive }
}

describe('layers.analyzeArchive on a docker save archive', () => {
  it('reports the same layers, files and totals as layers.analyze of the image, plain or gzip-compressed', async () => {
    const engine = await callOk(core, 'layers.analyze', { ref: TAG, files: true })
    const plain = await callOk(core, 'layers.analyzeArchive', { path: join(work, 'image.tar'), files: true })
    const compressed = await callOk(core, 'layers.analyzeArchive', { path: join(work, 'image.tar.gz'), files: true })
    expect(engine.layers.length).toBeGreaterThan(2)
    expect(plain.totalBytes).toBe(engine.totalBytes)
    expect(plain.wastedBytes).toBe(engine.wastedBytes)
    expect(plain.layers.map((layer) => layer.files?.length)).toEqual(engine.layers.map((layer) => layer.files?.length))
    expect(figures(plain)).toEqual(figures(engine))
    expect(figures(compressed)).toEqual(figures(engine))
    expect(plain.image.id).toBe(imageId)
    expect({ ...plain.archive, references: [...plain.archive.references].sort() }).toEqual({ path: join(work, 'image.tar'), bytes: readFileSync(join(work, 'image.tar')).length, references: [TAG, 'archive/waste:second'].sort(), images: 1 })
  })

  it('gives the advisor\'s findings of layers.advice on the same image, with no neighbours to compare', async () => {
    const engine = await callOk(core, 'layers.advice', { ref: TAG })
    const archive = await callOk(core, 'layers.analyzeArchive', { path: join(work, 'image.tar') })
    // The file removed by a later RUN is wasted: a finding the two reads must agree on.
    expect(archive.advice.recoverableBytes).toBeGreaterThanOrEqual(200 * 1024)
    expect({ ...archive.advice, acrossImages: null }).toEqual({ ...engine, acrossImages: null })
    expect(archive.advice.acrossImages).toBeNull()
  })

  it('reports progress under the task ID, reading the file to its end', async () => {
    const seen: EventPayloads['progress'][] = []
    const off = core.events.on('progress', (payload) => seen.push(payload))
    try {
      await callOk(core, 'layers.analyzeArchive', { path: join(work, 'image.tar'), taskId: 'archive-progress' })
    } finally {
      off()
    }
    const mine = seen.filter((payload) => payload.taskId === 'archive-progress')
    expect(mine.at(-1)).toMatchObject({ finished: true, done: readFileSync(join(work, 'image.tar')).length, total: readFileSync(join(work, 'image.tar')).length })
  })

  it('stops when cancelled, answering CANCELLED', async () => {
    const outcome = await core.call('layers.analyzeArchive', { path: join(work, 'image.tar.gz'), taskId: 'archive-cancelled' }, AbortSignal.abort())
    expect(outcome).toMatchObject({ ok: false, error: { code: 'CANCELLED' } })
    // The file was let go: the same archive reads again at once.
    expect((await callOk(core, 'layers.analyzeArchive', { path: join(work, 'image.tar.gz') })).archive.references).toHaveLength(2)
  })

  it('answers hostile paths with 4xx-style errors, and leaves the engine as it was', async () => {
    const before = (await docker.listImages({ all: true })).map((image) => image.Id).sort()
    mkdirSync(join(work, 'folder.tar'))
    writeFileSync(join(work, 'notes.tar'), 'just notes')
    execFileSync('mkfifo', [join(work, 'fifo.tar')])
    const cases: [unknown, string][] = [
      [{ path: join(work, 'absent.tar') }, 'NOT_FOUND'],
      [{ path: join(work, 'folder.tar') }, 'INVALID_INPUT'],
      [{ path: join(work, 'notes.tar') }, 'INVALID_INPUT'],
      [{ path: join(work, 'fifo.tar') }, 'INVALID_INPUT'],
      [{ path: '/dev/zero' }, 'INVALID_INPUT'],
      [{ path: 'image.tar' }, 'INVALID_INPUT'],
      [{ path: `/${'x'.repeat(5000)}` }, 'INVALID_INPUT'],
      [{ path: join(work, 'image.tar'), ref: TAG }, 'INVALID_INPUT'],
    ]
    for (const [input, code] of cases) expect((await callError(core, 'layers.analyzeArchive', input)).code, JSON.stringify(input).slice(0, 80)).toBe(code)
    expect((await docker.listImages({ all: true })).map((image) => image.Id).sort()).toEqual(before)
  })
})
