import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createStrataCore } from '../../electron/core/api/core'
import { readImageExport, type ExportedImage } from '../../electron/core/layers/export-reader'
import type { ImageAnalysis } from '../../shared/types'
import { FIXTURES, buildFixture } from '../support/fixtures'
import { dockerCli } from '../support/docker-cli'
import { callOk, privateCore, privateDocker } from '../support/engine'

const exec = promisify(execFile)
const docker = privateDocker()
const core = privateCore()
const work = mkdtempSync(join(tmpdir(), 'strata-layers-'))
let exported: ExportedImage
let imageId = ''

/**
 * On the two-layer busybox base: layer 2 writes a 300 KiB file and two small ones,
 * layer 3 deletes the big file and rewrites one small one, layer 4 replaces /d
 * wholesale (an opaque folder), layer 5 writes 1,500 small files, a hardlink and a
 * setuid file.
 */
const DOCKERFILE = [
  `FROM ${FIXTURES.base.tag}`,
  'RUN dd if=/dev/zero of=/big.bin bs=1024 count=300 && mkdir -p /d && echo one > /d/a && echo two > /d/b',
  'RUN rm /big.bin && echo rewritten > /d/a',
  'RUN rm -rf /d && mkdir /d && echo fresh > /d/c',
  'RUN mkdir /many && i=0; while [ $i -lt 1500 ]; do echo $i > /many/f$i; i=$((i+1)); done; ln /many/f1 /many/hard; echo s > /suid && chmod 4755 /suid',
].join('\n')

beforeAll(async () => {
  imageId = await buildFixture(docker, { tag: 'layers/waste:1', dockerfile: DOCKERFILE })
  const stream = await docker.getImage(imageId).get()
  if (!(stream instanceof Readable)) throw new Error('the export is not a stream')
  exported = await readImageExport(stream, { imageId })
  await dockerCli('save', '-o', join(work, 'image.tar'), 'layers/waste:1')
  await exec('tar', ['-xf', join(work, 'image.tar'), '-C', work])
}, 120_000)

afterAll(async () => {
  rmSync(work, { recursive: true, force: true })
  await core.close()
})

interface Listed {
  path: string
  type: string
  size: number
}

/** GNU tar's own listing of one layer tar: type letter, size, name (whiteout files included). */
async function gnuTarListing(layerTar: string): Promise<Listed[]> {
  const { stdout } = await exec('tar', ['--numeric-owner', '-tvf', layerTar], { maxBuffer: 1 << 26 })
  return stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const match = /^(\S)\S+\s+\S+\s+(\d+)\s+\S+\s+\S+\s+(.*?)(?: -> .*| link to .*)?$/.exec(line)
      if (match === null) throw new Error(`unreadable tar line: ${line}`)
      return { type: match[1] ?? '', size: Number(match[2]), path: (match[3] ?? '').replace(/^\.\//, '').replace(/\/$/, '') }
    })
}

const TYPE_LETTER: Record<string, string> = { file: '-', dir: 'd', symlink: 'l', hardlink: 'h', char: 'c', block: 'b', fifo: 'p' }

describe('layer indexes against GNU tar', () => {
  it('lists exactly the entries GNU tar lists for every layer of the docker save', async () => {
    const manifest = JSON.parse(readFileSync(join(work, 'manifest.json'), 'utf8')) as { Layers: string[] }[]
    const layerPaths = manifest[0]?.Layers ?? []
    expect(exported.layers).toHaveLength(layerPaths.length)
    for (const [index, layer] of exported.layers.entries()) {
      const gnu = await gnuTarListing(join(work, layerPaths[index] ?? ''))
      const ours: Listed[] = [
        ...layer.files.entries.map((entry) => ({ path: entry.path, type: TYPE_LETTER[entry.type] ?? '?', size: entry.size })),
        ...layer.files.whiteouts.map((path) => ({ path: path.replace(/([^/]+)$/, '.wh.$1'), type: '-', size: 0 })),
        ...layer.files.opaqueDirs.map((dir) => ({ path: `${dir}/.wh..wh..opq`, type: '-', size: 0 })),
      ]
      const key = (item: Listed): string => `${item.type} ${item.size} ${item.path}`
      expect(ours.map(key).sort()).toEqual(gnu.map(key).sort())
    }
  })

  it('keeps the setuid bit and the hardlink target', () => {
    const top = exported.layers.at(-1)?.files.entries ?? []
    expect((top.find((entry) => entry.path === 'suid')?.mode ?? 0) & 0o4000).toBe(0o4000)
    expect(top.find((entry) => entry.path === 'many/hard')).toMatchObject({ type: 'hardlink', link: 'many/f1', size: 0 })
    expect(top.filter((entry) => entry.path.startsWith('many/f'))).toHaveLength(1500)
  })
})

describe('searching with globs that made the old matcher backtrack', () => {
  // 30 folders of 100 a's, one inside the other, and a file at the bottom: paths of up to 3,034 characters.
  const deep = Array.from({ length: 30 }, () => 'a'.repeat(100)).join('/')
  const tag = 'layers/deep:1'

  beforeAll(async () => {
    await buildFixture(docker, { tag, dockerfile: [`FROM ${FIXTURES.base.tag}`, `RUN mkdir -p /${deep} && echo x > /${deep}/end`].join('\n') })
  }, 120_000)

  afterAll(async () => {
    await docker.getImage(tag).remove()
  })

  /** The quickest of three searches, in milliseconds. */
  async function searchMs(pattern: string): Promise<number> {
    let best = Infinity
    for (let run = 0; run < 3; run += 1) {
      const started = performance.now()
      expect(await callOk(core, 'layers.search', { ref: tag, pattern })).toEqual([])
      best = Math.min(best, performance.now() - started)
    }
    return best
  }

  it('answers as fast as with a benign pattern of the same length', async () => {
    // The paths are there, and the view is built before anything is timed.
    const found = await callOk(core, 'layers.search', { ref: tag, pattern: '**/end' })
    expect(found.map((entry) => entry.path)).toEqual([`${deep}/end`])
    // The RegExp matcher ran for days on a path of 3,000 a's; now both take the same few milliseconds.
    for (const hostile of ['**a**a**a**a**a**a**b', '*a*a*a*a*a*a*a*b', '**/**/**/**/**/**/**/b']) {
      const benign = `**${'b'.repeat(hostile.length - 2)}`
      expect((await searchMs(hostile)) / (await searchMs(benign))).toBeLessThan(20)
    }
  })
})

describe('layers.analyze on the engine', () => {
  let analysis: ImageAnalysis

  beforeAll(async () => {
    analysis = await callOk(core, 'layers.analyze', { ref: 'layers/waste:1', files: true })
  })

  it('counts wasted bytes as computed by hand', () => {
    // big.bin: 307,200 bytes stored once, deleted. /d/a: "one\n" (4) + "rewritten\n" (10), hidden by the opaque /d.
    // /d/b: "two\n" (4), hidden too. Nothing else is stored twice.
    expect(analysis.wasted).toEqual([
      { path: 'big.bin', bytes: 307_200, layers: [2] },
      { path: 'd/a', bytes: 14, layers: [2, 3] },
      { path: 'd/b', bytes: 4, layers: [2] },
    ])
    expect(analysis.wastedBytes).toBe(307_218)
    expect(analysis.efficiency).toBeCloseTo(1 - 307_218 / analysis.totalBytes, 10)
  })

  it('reports each layer\'s changes with the instruction that made it', () => {
    // Layers 0 and 1 are the busybox base.
    const [, , written, deleted, replaced] = analysis.layers
    expect(written).toMatchObject({ added: 4, addedBytes: 307_208, createdBy: expect.stringContaining('dd if=/dev/zero') as unknown })
    expect(deleted).toMatchObject({ removed: 1, removedBytes: 307_200, modified: 1, modifiedBytes: 10 })
    expect(replaced?.files?.filter((file) => file.kind === 'removed').map((file) => file.path).sort()).toEqual(['d/a', 'd/b'])
    expect(replaced?.files?.filter((file) => file.kind === 'added').map((file) => file.path)).toEqual(['d/c'])
    expect(analysis.layers.map((layer) => layer.diffId)).toEqual(exported.layers.map((layer) => layer.diffId))
    expect(analysis.image.id).toBe(imageId)
  })

  it('refuses an unknown image with NOT_FOUND', async () => {
    expect(await core.call('layers.analyze', { ref: 'layers/none:1' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })
})

describe('browsing layers', () => {
  it('lists a folder as of a layer, and only that layer\'s changes with removed paths', async () => {
    const merged = await callOk(core, 'layers.tree', { ref: 'layers/waste:1', layer: 4, path: 'd' })
    expect(merged.entries.map((entry) => entry.name)).toEqual(['c'])
    const changes = await callOk(core, 'layers.tree', { ref: 'layers/waste:1', layer: 4, path: 'd', onlyChanges: true })
    expect(changes.entries.map((entry) => [entry.name, entry.change])).toEqual([
      ['a', 'removed'],
      ['b', 'removed'],
      ['c', 'added'],
    ])
    const root = await callOk(core, 'layers.tree', { ref: 'layers/waste:1', layer: 5, path: '' })
    const many = root.entries.find((entry) => entry.name === 'many')
    expect(many).toMatchObject({ type: 'dir', childCount: 1501 })
  })

  it('lists names in natural order and counts the paths a layer left unchanged', async () => {
    const many = await callOk(core, 'layers.tree', { ref: 'layers/waste:1', layer: 5, path: 'many' })
    expect(many.entries.slice(0, 12).map((entry) => entry.name)).toEqual(['f0', 'f1', 'f2', 'f3', 'f4', 'f5', 'f6', 'f7', 'f8', 'f9', 'f10', 'f11'])
    expect(many.entries.at(-1)?.name).toBe('hard')
    // Every path as of layer 5 that the layer's changes do not name, the same whichever folder is listed.
    const everything = await callOk(core, 'layers.search', { ref: 'layers/waste:1', layer: 5, pattern: '**', limit: 10_000 })
    const unchanged = everything.filter((entry) => entry.change === null).length
    expect(unchanged).toBeGreaterThan(100)
    expect(many.unchanged).toBe(unchanged)
    expect((await callOk(core, 'layers.tree', { ref: 'layers/waste:1', layer: 5, path: '', onlyChanges: true })).unchanged).toBe(unchanged)
  })

  it('searches by glob and by substring', async () => {
    const glob = await callOk(core, 'layers.search', { ref: 'layers/waste:1', layer: 5, pattern: 'many/f14?' })
    expect(glob.map((entry) => entry.path).sort()).toEqual(Array.from({ length: 10 }, (_, index) => `many/f14${index}`).sort())
    const substring = await callOk(core, 'layers.search', { ref: 'layers/waste:1', layer: 3, pattern: 'BIG.BIN', onlyChanges: true })
    expect(substring.map((entry) => [entry.path, entry.change])).toEqual([['big.bin', 'removed']])
  })

  it('answers a search its caller cancelled with CANCELLED, and refuses a pattern over 512 characters', async () => {
    const controller = new AbortController()
    controller.abort()
    expect(await core.call('layers.search', { ref: 'layers/waste:1', layer: 5, pattern: '**' }, controller.signal)).toMatchObject({ ok: false, error: { code: 'CANCELLED' } })
    expect(await core.call('layers.search', { ref: 'layers/waste:1', layer: 5, pattern: '*'.repeat(513) })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })

  it('reads a file as of each layer, follows a hardlink, and shows binary content as hex', async () => {
    expect((await callOk(core, 'layers.readFile', { ref: 'layers/waste:1', layer: 2, path: 'd/a' })).text).toBe('one\n')
    expect((await callOk(core, 'layers.readFile', { ref: 'layers/waste:1', layer: 3, path: 'd/a' })).text).toBe('rewritten\n')
    expect((await callOk(core, 'layers.readFile', { ref: 'layers/waste:1', layer: 5, path: 'many/hard' })).text).toBe('1\n')
    const binary = await callOk(core, 'layers.readFile', { ref: 'layers/waste:1', layer: 2, path: 'big.bin', maxBytes: 1024 })
    expect(binary).toMatchObject({ text: null, size: 307_200, truncated: true })
    expect(binary.hexHead?.split('\n')[0]).toBe('00000000  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00')
    expect(await core.call('layers.readFile', { ref: 'layers/waste:1', layer: 4, path: 'd/a' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await core.call('layers.readFile', { ref: 'layers/waste:1', layer: 4, path: '../etc/passwd' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })

  it('compares two images: shared layers by chain ID and file differences', async () => {
    const diff = await callOk(core, 'layers.diff', { a: FIXTURES.base.tag, b: 'layers/waste:1' })
    expect(diff.sharedLayers.map((layer) => layer.index)).toEqual([0, 1])
    expect(diff.added.map((file) => file.path)).toEqual(expect.arrayContaining(['suid', 'many/f0', 'd/c']))
    expect(diff.added.map((file) => file.path)).not.toContain('big.bin')
    expect(diff.removed).toEqual([])
  })
})

describe('the layer cache', () => {
  it('answers a second analysis, from a new core, without exporting the image again', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'strata-layer-cache-'))
    const saves: string[] = []
    const events = await docker.getEvents({ filters: { type: ['image'], event: ['save'] } })
    events.on('data', (chunk: Buffer) => {
      saves.push(chunk.toString('utf8'))
    })
    try {
      const first = createStrataCore({ host: inject('dockerHost'), cacheDir })
      const cold = await callOk(first, 'layers.analyze', { ref: 'layers/waste:1' })
      await first.close()
      await new Promise((resolve) => setTimeout(resolve, 300))
      expect(saves.length).toBeGreaterThanOrEqual(1)
      saves.length = 0

      const second = createStrataCore({ host: inject('dockerHost'), cacheDir })
      const started = performance.now()
      const warm = await callOk(second, 'layers.analyze', { ref: 'layers/waste:1' })
      const elapsed = performance.now() - started
      await second.close()
      await new Promise((resolve) => setTimeout(resolve, 300))
      expect(saves).toEqual([])
      expect(warm).toEqual(cold)
      process.stdout.write(`cached re-analysis: ${elapsed.toFixed(0)} ms\n`)
    } finally {
      ;(events as unknown as { destroy(): void }).destroy()
      rmSync(cacheDir, { recursive: true, force: true })
    }
  })
})

describe('cancelling an analysis', () => {
  it('stops a running analysis named by its taskId, from another call', async () => {
    await buildFixture(docker, { tag: 'layers/slow:1', dockerfile: `FROM ${FIXTURES.base.tag}\nRUN dd if=/dev/zero of=/blob bs=1048576 count=96` })
    const fresh = createStrataCore({ host: inject('dockerHost') })
    try {
      // The core loads a group's handlers on its first call: loaded now, the cancel below is not
      // held up by reading them from disk while the export streams on.
      expect(await callOk(fresh, 'tasks.cancel', { taskId: 'not-started' })).toEqual({ cancelled: false })
      // The cancel is asked from the first progress event itself: the export reads 96 MB in a
      // fraction of a second, and a cancel sent after awaiting could arrive when it had finished.
      const cancel = new Promise<unknown>((resolve) => {
        const stop = fresh.events.on('progress', (progress) => {
          if (progress.taskId === 'slow-analysis' && progress.done > 0) {
            stop()
            resolve(fresh.call('tasks.cancel', { taskId: 'slow-analysis' }))
          }
        })
      })
      const running = fresh.call('layers.analyze', { ref: 'layers/slow:1', taskId: 'slow-analysis' })
      expect(await cancel).toEqual({ ok: true, value: { cancelled: true } })
      expect(await running).toMatchObject({ ok: false, error: { code: 'CANCELLED' } })
      expect(await callOk(fresh, 'tasks.cancel', { taskId: 'slow-analysis' })).toEqual({ cancelled: false })
    } finally {
      await fresh.close()
    }
  })

  it('stops an analysis while the engine is still writing the export, before its first byte', async () => {
    await buildFixture(docker, { tag: 'layers/slow:1', dockerfile: `FROM ${FIXTURES.base.tag}\nRUN dd if=/dev/zero of=/blob bs=1048576 count=96` })
    const fresh = createStrataCore({ host: inject('dockerHost') })
    try {
      expect(await callOk(fresh, 'tasks.cancel', { taskId: 'not-started' })).toEqual({ cancelled: false })
      const bytesSeen: number[] = []
      const stop = fresh.events.on('progress', (progress) => {
        if (progress.taskId === 'early-cancel') bytesSeen.push(progress.done)
      })
      const running = fresh.call('layers.analyze', { ref: 'layers/slow:1', taskId: 'early-cancel' })
      // The engine needs a while to write 96 MB out before it answers; the cancel comes first.
      await new Promise((resolve) => setTimeout(resolve, 20))
      expect(await callOk(fresh, 'tasks.cancel', { taskId: 'early-cancel' })).toEqual({ cancelled: true })
      expect(await running).toMatchObject({ ok: false, error: { code: 'CANCELLED' } })
      stop()
      expect(bytesSeen.filter((done) => done > 0)).toEqual([])
    } finally {
      await fresh.close()
    }
  })

  it('stops extracting a file mid-way and leaves no partial file behind', async () => {
    const folder = mkdtempSync(join(work, 'extract-'))
    const destination = join(folder, 'blob')
    const controller = new AbortController()
    const extracting = core.extractFile('layers/slow:1', undefined, 'blob', destination, { signal: controller.signal })
    const outcome = extracting.then(
      () => 'finished',
      (error: unknown) => error,
    )
    // Cancel once the body is being written, i.e. a temporary file exists beside the destination.
    const deadline = Date.now() + 60_000
    while (readdirSync(folder).length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5))
    expect(readdirSync(folder)[0]).toMatch(/^blob\.strata-part-/)
    controller.abort()
    expect(await outcome).toMatchObject({ code: 'CANCELLED', message: 'Extracting the file was cancelled; nothing was written.' })
    expect(readdirSync(folder)).toEqual([])
  })
})
