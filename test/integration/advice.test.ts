import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { ImageAdvice } from '../../shared/advice'
import { FIXTURES, buildFixture } from '../support/fixtures'
import { dockerCli } from '../support/docker-cli'
import { callOk, privateCore, privateDocker } from '../support/engine'
import { runStrata, type CliRun } from '../support/strata-cli'

/**
 * An image with one of each cause, built with the classic builder; every figure is
 * worked out from the Dockerfile (layers 0 and 1 are the busybox base):
 * - layer 2 writes /tmp/big (65,536 B), /conf ("keep\n", 5 B) and /app.bin (8,192 random bytes);
 * - layer 3 deletes /tmp/big, rewrites /conf and chmods /app.bin (stored again, same bytes);
 * - layer 4 leaves apt lists (3,000 B), a .deb (2,000 B), a .pyc (700 B), a changelog
 *   (400 B) and a copyright file (100 B, kept) in the image, and copies /app.bin.
 */
const DOCKERFILE = [
  `FROM ${FIXTURES.base.tag}`,
  'RUN mkdir /tmp && dd if=/dev/zero of=/tmp/big bs=1024 count=64 && echo keep > /conf && dd if=/dev/urandom of=/app.bin bs=1024 count=8',
  'RUN rm /tmp/big && echo changed > /conf && chmod 700 /app.bin',
  [
    'RUN mkdir -p /var/lib/apt/lists /var/cache/apt/archives /usr/lib/python3/__pycache__ /usr/share/doc/tool',
    'dd if=/dev/zero of=/var/lib/apt/lists/deb.debian.org_InRelease bs=1000 count=3',
    'dd if=/dev/zero of=/var/cache/apt/archives/tool_1.0_amd64.deb bs=1000 count=2',
    'dd if=/dev/zero of=/usr/lib/python3/__pycache__/tool.cpython-311.pyc bs=100 count=7',
    'dd if=/dev/zero of=/usr/share/doc/tool/changelog.gz bs=100 count=4',
    'dd if=/dev/zero of=/usr/share/doc/tool/copyright bs=100 count=1',
    'cp /app.bin /app-copy.bin',
  ].join(' && '),
].join('\n')

const cacheHome = mkdtempSync(join(tmpdir(), 'strata-advice-'))
const core = privateCore()
const strata = (args: string[]): Promise<CliRun> => runStrata(args, { XDG_CACHE_HOME: cacheHome })
let advice: ImageAdvice

beforeAll(async () => {
  await buildFixture(privateDocker(), { tag: 'advice/every-cause:1', dockerfile: DOCKERFILE })
  advice = await callOk(core, 'layers.advice', { ref: 'advice/every-cause:1' })
}, 120_000)

afterAll(async () => {
  await core.close()
  rmSync(cacheHome, { recursive: true, force: true })
  await privateDocker().getImage('advice/every-cause:1').remove().catch(() => undefined)
})

describe('layers.advice on an image with every cause', () => {
  it('finds each cause with the bytes worked out by hand, naming the instructions', () => {
    const found = advice.findings.map((finding) => [finding.cause, finding.cache ?? null, finding.bytes, finding.files, finding.storedBy.map((layer) => layer.index), finding.hiddenBy?.index ?? null])
    expect(found).toEqual([
      ['removed-later', null, 65_536, 1, [2], 3],
      ['duplicate-content', null, 8192, 1, [4], null],
      ['restored-same-bytes', null, 8192, 1, [2], 3],
      ['package-cache', 'apt-lists', 3000, 1, [4], null],
      ['package-cache', 'apt-archives', 2000, 1, [4], null],
      ['python-bytecode', null, 700, 1, [4], null],
      ['docs', null, 400, 1, [4], null],
      ['overwritten-later', null, 5, 1, [2], 3],
    ])
    expect(advice.recoverableBytes).toBe(65_536 + 8192 + 8192 + 3000 + 2000 + 700 + 400 + 5)
    expect(advice.findings[0]?.storedBy[0]?.createdBy).toMatch(/^RUN mkdir \/tmp && dd if=\/dev\/zero of=\/tmp\/big/)
    expect(advice.findings[0]?.hiddenBy?.createdBy).toBe('RUN rm /tmp/big && echo changed > /conf && chmod 700 /app.bin')
    expect(advice.findings[1]?.paths).toEqual([{ path: 'app-copy.bin', bytes: 8192, layer: 4, copyOf: 'app.bin' }])
    expect(advice.top.map((finding) => finding.cause)).toEqual(['removed-later', 'duplicate-content', 'restored-same-bytes'])
  })
})

describe('the same files in two images that share only their base', () => {
  it('names the other image and the bytes a common base would save, once both were read', async () => {
    const runtime = 'RUN mkdir -p /opt/rt && dd if=/dev/zero of=/opt/rt/lib.so bs=1000 count=20'
    await buildFixture(privateDocker(), { tag: 'advice/web:1', dockerfile: `FROM ${FIXTURES.base.tag}\n${runtime}\nRUN echo web > /role` })
    await buildFixture(privateDocker(), { tag: 'advice/api:1', dockerfile: `FROM ${FIXTURES.base.tag}\nRUN echo api > /role\n${runtime}` })
    const before = await callOk(core, 'layers.advice', { ref: 'advice/web:1' })
    // api's layers were never read: nothing is exported for the comparison.
    expect(before.acrossImages?.findings.some((finding) => finding.image.repoTags.includes('advice/api:1'))).toBe(false)
    await callOk(core, 'layers.analyze', { ref: 'advice/api:1' })
    const after = await callOk(core, 'layers.advice', { ref: 'advice/web:1' })
    const api = after.acrossImages?.findings.find((finding) => finding.image.repoTags.includes('advice/api:1'))
    expect(api).toMatchObject({ bytes: 20_000, files: 1, layers: [{ index: 2 }], paths: [{ path: 'opt/rt/lib.so', bytes: 20_000, layer: 2, otherPath: 'opt/rt/lib.so' }] })
    expect(after.acrossImages?.compared).toBe((before.acrossImages?.compared ?? 0) + 1)
    expect(after.recoverableBytes).toBe(before.recoverableBytes)
    for (const tag of ['advice/web:1', 'advice/api:1']) await privateDocker().getImage(tag).remove()
  })
})

describe('strata analyze --advice', () => {
  it('prints the same advice from the engine and from the saved archive, as JSON and as text', async () => {
    const host = ['--host', inject('dockerHost')]
    const fromEngine = await strata(['analyze', 'advice/every-cause:1', '--advice', '--json', ...host])
    expect(fromEngine.code).toBe(0)
    // Its own cache folder has read other images than the test core's: compared apart.
    const withinImage = { ...advice, acrossImages: null }
    expect({ ...(JSON.parse(fromEngine.stdout) as ImageAdvice), acrossImages: null }).toEqual(withinImage)

    const archive = join(cacheHome, 'every-cause.tar')
    await dockerCli('save', '-o', archive, 'advice/every-cause:1')
    const fromFile = await strata(['analyze', archive, '--advice', '--json'])
    expect(fromFile.code).toBe(0)
    expect(JSON.parse(fromFile.stdout)).toEqual(withinImage)

    const text = await strata(['analyze', 'advice/every-cause:1', '--advice', ...host])
    expect(text.code).toBe(0)
    expect(text.stdout).toContain('1. Deleted by a later layer: 65.5 kB')
    expect(text.stdout).toContain('Fix: Keep one copy and link to it')
    expect(text.stdout).toContain('/app-copy.bin (same bytes as /app.bin)')
    expect(text.stdout).toMatch(/Across images \(compared with \d+ other local images whose layers were read; \d+ not read yet\):/)
  })

  it('refuses --advice with --ci or --files, before any engine is asked', async () => {
    const refused = await strata(['analyze', 'advice/every-cause:1', '--advice', '--ci', '--host', 'unix:///nonexistent.sock'])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(/--advice prints advice instead of the analysis/)
  })
})
