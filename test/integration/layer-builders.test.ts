import { execFile } from 'node:child_process'
import { createReadStream, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { promisify } from 'node:util'
import type Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { analyzeArchive } from '../../electron/core/layers/analyze-image'
import type { FileChangeView, ImageAnalysis } from '../../shared/types'
import { dockerCli } from '../support/docker-cli'
import { BUSYBOX } from '../support/fixtures'
import { callOk, privateCore, privateDocker } from '../support/engine'
import { tarOf } from '../support/tars'

/**
 * One image whose layers come from three writers: `docker import` (folders stored
 * as 0o755, as the tar had them), the classic builder and BuildKit through the API
 * (Docker's own form, 0o40755). Each layer stores the folders above what it touches
 * again. The other direction (0o755 over 0o40755, as kaniko's layers over a Docker
 * base) is in test/unit/layer-builders.test.ts.
 */
const exec = promisify(execFile)
const docker = privateDocker()
const core = privateCore()
const work = mkdtempSync(join(tmpdir(), 'strata-builders-'))
const GZIP_BYTES = 'pretend gzip program\n'.repeat(40)

async function follow(docker: Docker, stream: NodeJS.ReadableStream): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(stream, (error: Error | null, output: { error?: string }[]) => {
      const failed = output.find((line) => line.error !== undefined)
      if (error !== null) reject(error)
      else if (failed !== undefined) reject(new Error(failed.error))
      else resolve()
    })
  })
}

async function build(tag: string, dockerfile: string, buildkit: boolean): Promise<void> {
  const context = await tarOf([{ name: 'Dockerfile', content: `${dockerfile}\n` }])
  const options = { t: tag, rm: true, forcerm: true, ...(buildkit ? { version: '2' as const, networkmode: 'none' } : {}) }
  await follow(docker, await docker.buildImage(Readable.from([context]), options))
}

let engine: ImageAnalysis
let fromArchive: ImageAnalysis
/** The raw mode field of usr/lib/ in each layer tar of the saved image, bottom first. */
let storedModes: (number | null)[] = []

/** Reads one entry's mode field straight from a plain tar's headers. */
function rawMode(tar: Buffer, name: string): number | null {
  for (let at = 0; at + 512 <= tar.length; ) {
    const header = tar.subarray(at, at + 512)
    const entryName = header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '')
    if (entryName === '') return null
    const size = parseInt(header.subarray(124, 136).toString('ascii').replace(/\0.*$/s, '').trim() || '0', 8)
    if (entryName === name) return parseInt(header.subarray(100, 108).toString('ascii').replace(/\0.*$/s, '').trim(), 8)
    at += 512 + Math.ceil(size / 512) * 512
  }
  return null
}

beforeAll(async () => {
  const root = await tarOf([
    { name: 'bin/', type: 'directory' },
    { name: 'bin/busybox', content: readFileSync(BUSYBOX), mode: 0o755 },
    { name: 'bin/sh', type: 'symlink', linkname: 'busybox' },
    { name: 'usr/', type: 'directory' },
    { name: 'usr/bin/', type: 'directory' },
    { name: 'usr/bin/gzip', content: GZIP_BYTES, mode: 0o755 },
    { name: 'usr/bin/gunzip', type: 'link', linkname: 'usr/bin/gzip' },
    { name: 'usr/lib/', type: 'directory' },
  ])
  await follow(docker, await docker.importImage(Readable.from([root]), { repo: 'builders/imported', tag: '1' }))
  await build('builders/classic:1', ['FROM builders/imported:1', 'RUN /bin/busybox touch /usr/lib/classic && /bin/busybox chmod 700 /usr/bin/gunzip'].join('\n'), false)
  await build('builders/kit:1', ['FROM builders/classic:1', 'RUN /bin/busybox touch /usr/lib/kit'].join('\n'), true)
  engine = await callOk(core, 'layers.analyze', { ref: 'builders/kit:1', files: true })
  const archive = join(work, 'kit.tar')
  await dockerCli('save', '-o', archive, 'builders/kit:1')
  fromArchive = await analyzeArchive(createReadStream(archive), statSync(archive).size, { files: true })
  const unpacked = join(work, 'kit')
  mkdirSync(unpacked)
  await exec('tar', ['-xf', archive, '-C', unpacked])
  const [manifest] = JSON.parse(readFileSync(join(unpacked, 'manifest.json'), 'utf8')) as { Layers: string[] }[]
  storedModes = (manifest?.Layers ?? []).map((layer) => rawMode(readFileSync(join(unpacked, layer)), 'usr/lib/'))
}, 180_000)

afterAll(async () => {
  rmSync(work, { recursive: true, force: true })
  await core.close()
  for (const tag of ['builders/kit:1', 'builders/classic:1', 'builders/imported:1']) await docker.getImage(tag).remove().catch(() => undefined)
  // Leave no BuildKit cache behind: the build-cache tests expect an empty one after classic builds.
  await new Promise((resolve) => {
    docker.modem.dial({ path: '/build/prune?', method: 'POST', options: { all: true }, statusCodes: { 200: true } }, resolve)
  })
})

const changed = (files: FileChangeView[] | undefined): [string, string, boolean | null][] =>
  (files ?? []).filter((file) => file.kind !== 'added').map((file) => [file.path, file.kind, file.sameContent])

describe('an image whose layers three different writers made', () => {
  it('holds the folders in both forms, as the writers stored them, and answers one form', () => {
    // BuildKit inside Docker 20.10 hands its layers to the engine's own differ: Docker's form.
    expect(storedModes).toEqual([0o755, 0o40755, 0o40755])
    expect(engine.layers[0]?.files?.find((file) => file.path === 'usr/lib')?.mode).toBe(0o755)
  })

  it('reports no folder as modified when only its mtime changed', () => {
    expect(changed(engine.layers[1]?.files)).toEqual([['usr/bin/gunzip', 'modified', true]])
    expect(changed(engine.layers[2]?.files)).toEqual([])
    // BuildKit also stores the mount points of its RUN container.
    expect(engine.layers[2]?.files?.map((file) => file.path)).toEqual(['dev', 'etc', 'proc', 'sys', 'usr/lib/kit'])
    expect(engine.layers.map((layer) => [layer.added, layer.modified, layer.modifiedSameContent])).toEqual([
      [8, 0, 0],
      [1, 1, 1],
      [5, 0, 0],
    ])
  })

  it('gives the same answer from the saved archive as from the engine', () => {
    expect(fromArchive).toEqual(engine)
  })
})
