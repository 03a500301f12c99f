import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { acrossImages } from '../../electron/core/layers/advisor/across-images'
import { adviceOf } from '../../electron/core/layers/advisor/advise'
import { leftoverOf } from '../../electron/core/layers/advisor/leftovers'
import { indexLayer } from '../../electron/core/layers/layer-index'
import type { LayerStack } from '../../electron/core/layers/stack'
import { findingRemedy, findingSummary } from '../../shared/advice-text'
import type { AdviceFinding } from '../../shared/advice'
import { tarOf, type TarItem } from '../support/tars'

const bytes = (count: number, fill = 0x61): Buffer => Buffer.alloc(count, fill)

async function stackOf(layers: { createdBy: string; items: TarItem[] }[]): Promise<LayerStack> {
  return {
    imageId: 'sha256:advice',
    repoTags: ['advice:1'],
    diffIds: layers.map((_layer, index) => `sha256:${String(index)}`),
    createdBy: layers.map((layer) => layer.createdBy),
    layers: await Promise.all(layers.map(async (layer) => indexLayer(Readable.from([await tarOf(layer.items)])))),
  }
}

const summary = (finding: AdviceFinding): [string, number, number, number[], number | null] => [finding.cause, finding.bytes, finding.files, finding.storedBy.map((layer) => layer.index), finding.hiddenBy?.index ?? null]

describe('the advisor', () => {
  it('classifies every wasted byte by cause and names both instructions', async () => {
    const stack = await stackOf([
      { createdBy: 'COPY app /app', items: [{ name: 'app/big.bin', content: bytes(5000) }, { name: 'app/conf', content: 'port=1' }, { name: 'app/run.sh', content: bytes(300, 0x62) }] },
      { createdBy: 'RUN make', items: [{ name: 'build/obj.o', content: bytes(7000) }, { name: 'build/sub/obj2.o', content: bytes(1000) }] },
      {
        createdBy: 'RUN rm -rf /build && chmod +x /app/run.sh && echo port=2 > /app/conf',
        items: [
          { name: 'build/.wh..wh..opq' },
          { name: 'app/.wh.big.bin' },
          { name: 'app/run.sh', content: bytes(300, 0x62), mode: 0o755 },
          { name: 'app/conf', content: 'port=2' },
        ],
      },
    ])
    const advice = adviceOf(stack)
    expect(advice.findings.map(summary)).toEqual([
      ['hidden-by-opaque', 8000, 2, [1], 2],
      ['removed-later', 5000, 1, [0], 2],
      ['restored-same-bytes', 300, 1, [0], 2],
      ['overwritten-later', 6, 1, [0], 2],
    ])
    expect(advice.totalBytes).toBe(5000 + 6 + 300 + 7000 + 1000 + 300 + 6)
    expect(advice.recoverableBytes).toBe(8000 + 5000 + 300 + 6)
    expect(advice.top.map((finding) => finding.cause)).toEqual(['hidden-by-opaque', 'removed-later', 'restored-same-bytes'])
    expect(advice.byCause.map((total) => [total.cause, total.kind, total.bytes])).toEqual([
      ['hidden-by-opaque', 'wasted', 8000],
      ['removed-later', 'wasted', 5000],
      ['restored-same-bytes', 'wasted', 300],
      ['overwritten-later', 'wasted', 6],
    ])
    const removed = advice.findings[1] as AdviceFinding
    expect(findingSummary(removed)).toBe('layer 0 (COPY app /app) stored 1 file, 5.00 kB that layer 2 (RUN rm -rf /build && chmod +x /app/run.sh && echo port=2 > /app/conf) deleted.')
    expect(findingRemedy(advice.findings[2] as AdviceFinding)).toMatch(/COPY --chown=\.\.\. --chmod=\.\.\./)
    expect(advice.findings[0]?.paths.map((path) => [path.path, path.bytes, path.layer])).toEqual([
      ['build/obj.o', 7000, 1],
      ['build/sub/obj2.o', 1000, 1],
    ])
  })

  it('finds package caches, bytecode and docs left in the final image, with their paths and layers', async () => {
    const stack = await stackOf([
      {
        createdBy: 'RUN apt-get update && apt-get install -y python3',
        items: [
          { name: 'var/lib/apt/lists/deb.debian.org_dists_bookworm_InRelease', content: bytes(2000) },
          { name: 'var/lib/apt/lists/lock', content: '' },
          { name: 'var/cache/apt/archives/python3_3.11_amd64.deb', content: bytes(3000) },
          { name: 'var/cache/apt/pkgcache.bin', content: bytes(500) },
          { name: 'usr/share/doc/python3/changelog.gz', content: bytes(400) },
          { name: 'usr/share/doc/python3/copyright', content: bytes(100) },
          { name: 'usr/share/man/man1/python3.1.gz', content: bytes(200) },
          { name: 'usr/lib/python3/os.py', content: bytes(900) },
          { name: 'usr/lib/python3/__pycache__/os.cpython-311.pyc', content: bytes(800, 0x70) },
        ],
      },
      {
        createdBy: 'RUN pip install flask && npm i -g yo && apk add curl',
        items: [
          { name: 'root/.cache/pip/http/a/b', content: bytes(700) },
          { name: 'root/.npm/_cacache/index-v5/x', content: bytes(600) },
          { name: 'var/cache/apk/APKINDEX.tar.gz', content: bytes(50) },
          { name: 'home/dev/.cache/go-build/00/abc-d', content: bytes(40) },
        ],
      },
    ])
    const advice = adviceOf(stack)
    const found = advice.findings.map((finding) => [finding.cause, finding.cache ?? null, finding.bytes, finding.files, finding.storedBy.map((layer) => layer.index)])
    expect(found).toEqual([
      ['package-cache', 'apt-archives', 3500, 2, [0]],
      ['package-cache', 'apt-lists', 2000, 1, [0]],
      ['python-bytecode', null, 800, 1, [0]],
      ['package-cache', 'pip-cache', 700, 1, [1]],
      ['docs', null, 600, 2, [0]],
      ['package-cache', 'npm-cache', 600, 1, [1]],
      ['package-cache', 'apk-cache', 50, 1, [1]],
      ['package-cache', 'go-build-cache', 40, 1, [1]],
    ])
    // Nothing here is wasted: every byte is visible, and the copyright file stays.
    expect(advice.findings.every((finding) => finding.kind === 'removable' && finding.hiddenBy === null)).toBe(true)
    expect(advice.findings.find((finding) => finding.cause === 'docs')?.paths.map((path) => path.path)).toEqual(['usr/share/doc/python3/changelog.gz', 'usr/share/man/man1/python3.1.gz'])
  })

  it('finds the same bytes at several paths, keeps the first, and does not count hard links or left-overs', async () => {
    const stack = await stackOf([
      { createdBy: 'COPY lib /opt/a', items: [{ name: 'opt/a/lib.so', content: bytes(4000, 0x41) }, { name: 'opt/a/other', content: bytes(4000, 0x42) }] },
      {
        createdBy: 'COPY lib /opt/b',
        items: [
          { name: 'opt/b/lib.so', content: bytes(4000, 0x41) },
          { name: 'opt/b/lib-link.so', type: 'link', linkname: 'opt/b/lib.so' },
          { name: 'opt/c/lib.so', content: bytes(4000, 0x41) },
          // Same bytes as a cache file: counted once, as the cache it is.
          { name: 'root/.npm/_cacache/blob', content: bytes(4000, 0x42) },
          { name: 'empty-1', content: '' },
          { name: 'empty-2', content: '' },
        ],
      },
    ])
    const advice = adviceOf(stack)
    const duplicate = advice.findings.find((finding) => finding.cause === 'duplicate-content')
    expect(duplicate).toMatchObject({ kind: 'duplicate', bytes: 8000, files: 2, storedBy: [{ index: 1, createdBy: 'COPY lib /opt/b' }], hiddenBy: null })
    expect(duplicate?.paths).toEqual([
      { path: 'opt/b/lib.so', bytes: 4000, layer: 1, copyOf: 'opt/a/lib.so' },
      { path: 'opt/c/lib.so', bytes: 4000, layer: 1, copyOf: 'opt/a/lib.so' },
    ])
    expect(advice.recoverableBytes).toBe(8000 + 4000)
  })

  it('has nothing to say about a lean image', async () => {
    const advice = adviceOf(await stackOf([{ createdBy: 'COPY app /app', items: [{ name: 'app/main', content: bytes(10) }] }]))
    expect(advice).toMatchObject({ recoverableBytes: 0, findings: [], top: [], byCause: [], totalBytes: 10 })
  })
})

describe('known left-overs', () => {
  it('tells caches from what a package manager needs to run', () => {
    expect(leftoverOf('var/lib/apt/lists/lock')).toBeNull()
    expect(leftoverOf('var/lib/dpkg/status')).toBeNull()
    expect(leftoverOf('lib/apk/db/installed')).toBeNull()
    expect(leftoverOf('var/cache/apt/archives/lock')).toBeNull()
    expect(leftoverOf('usr/share/doc/bash/copyright')).toBeNull()
    expect(leftoverOf('usr/lib/python3.11/site-packages/x.py')).toBeNull()
    expect(leftoverOf('var/cache/dnf/repo/packages/x.rpm')).toEqual({ cause: 'package-cache', cache: 'dnf-yum-cache' })
    expect(leftoverOf('usr/local/share/.cache/yarn/v6/npm-x/package.json')).toEqual({ cause: 'package-cache', cache: 'yarn-cache' })
    expect(leftoverOf('go/pkg/mod/cache/download/x.zip')).toEqual({ cause: 'package-cache', cache: 'go-module-cache' })
    expect(leftoverOf('app/x.pyc')).toEqual({ cause: 'python-bytecode' })
    expect(leftoverOf('usr/share/info/dir')).toEqual({ cause: 'docs' })
  })
})

describe('the same content across images', () => {
  const named = async (imageId: string, layers: { createdBy: string; items: TarItem[] }[], diffIds: string[]): Promise<LayerStack> => ({ ...(await stackOf(layers)), imageId, repoTags: [`${imageId}:1`], diffIds })
  const base = { createdBy: 'FROM base', items: [{ name: 'bin/sh', content: bytes(900, 0x73) }] }
  const runtime = { createdBy: 'COPY runtime /opt/rt', items: [{ name: 'opt/rt/lib.so', content: bytes(6000, 0x52) }, { name: 'opt/rt/small', content: bytes(10, 0x53) }] }

  it('counts content both images store in layers they do not share, once per content, not what a shared layer holds', async () => {
    const web = await named('web', [base, runtime, { createdBy: 'COPY web /srv', items: [{ name: 'srv/index.html', content: bytes(70, 0x57) }] }], ['sha256:base', 'sha256:rt-web', 'sha256:web'])
    // api copies the same runtime under another path, twice: a common base would hold it once.
    const api = await named(
      'api',
      [base, { createdBy: 'COPY runtime /usr/rt', items: [{ name: 'usr/rt/lib.so', content: bytes(6000, 0x52) }, { name: 'usr/rt/lib-again.so', content: bytes(6000, 0x52) }, { name: 'usr/rt/small', content: bytes(10, 0x53) }] }],
      ['sha256:base', 'sha256:rt-api'],
    )
    // child is built on web: the runtime layer is shared, so nothing is to be gained.
    const child = await named('child', [base, runtime, { createdBy: 'RUN touch /x', items: [{ name: 'x', content: bytes(5, 0x58) }] }], ['sha256:base', 'sha256:rt-web', 'sha256:child'])
    const result = acrossImages(web, [api, child], 4)
    expect(result).toMatchObject({ compared: 2, notRead: 4 })
    expect(result.findings).toHaveLength(1)
    expect(result.findings[0]).toMatchObject({ image: { id: 'api', repoTags: ['api:1'] }, bytes: 6010, files: 2, layers: [{ index: 1, createdBy: 'COPY runtime /opt/rt' }] })
    expect(result.findings[0]?.paths).toEqual([
      { path: 'opt/rt/lib.so', bytes: 6000, layer: 1, otherPath: 'usr/rt/lib.so' },
      { path: 'opt/rt/small', bytes: 10, layer: 1, otherPath: 'usr/rt/small' },
    ])
  })

  it('leaves the base layer both images share out, even when its content is stored again above', async () => {
    const one = await named('one', [base, { createdBy: 'RUN cp /bin/sh /sh', items: [{ name: 'sh', content: bytes(900, 0x73) }] }], ['sha256:base', 'sha256:one'])
    const two = await named('two', [base, { createdBy: 'RUN cp /bin/sh /sh2', items: [{ name: 'sh2', content: bytes(900, 0x73) }] }], ['sha256:base', 'sha256:two'])
    // The content's first place in `one` is the shared base: a common base has it already.
    expect(acrossImages(one, [two], 0).findings).toEqual([])
  })
})
