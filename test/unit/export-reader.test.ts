import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { readImageExport } from '../../electron/core/layers/export-reader'
import { digestOf, gzip, tarOf, zstd, type TarItem } from '../support/tars'

function configOf(diffIds: string[], architecture = 'amd64'): string {
  return JSON.stringify({
    architecture,
    os: 'linux',
    rootfs: { type: 'layers', diff_ids: diffIds },
    history: [{ created_by: 'COPY a /' }, { created_by: 'ENV X=1', empty_layer: true }, { created_by: 'RUN touch /b' }],
  })
}

async function twoLayers(): Promise<{ first: Buffer; second: Buffer }> {
  return {
    first: await tarOf([{ name: 'a', content: 'aaaa' }]),
    second: await tarOf([{ name: 'b', content: 'bb' }, { name: '.wh.a' }]),
  }
}

/** A pre-25 docker export of the two layers above, as one tar. */
async function twoLayerExport(): Promise<Buffer> {
  const { first, second } = await twoLayers()
  const manifest = JSON.stringify([{ Config: 'c.json', Layers: ['l1/layer.tar', 'l2/layer.tar'] }])
  return tarOf([
    { name: 'l1/layer.tar', content: first },
    { name: 'l2/layer.tar', content: second },
    { name: 'c.json', content: configOf([digestOf(first), digestOf(second)]) },
    { name: 'manifest.json', content: manifest },
  ])
}

async function read(items: TarItem[], options: Parameters<typeof readImageExport>[1] = {}): ReturnType<typeof readImageExport> {
  return readImageExport(Readable.from([await tarOf(items)]), options)
}

describe('readImageExport', () => {
  it('reads the pre-25 docker layout whatever the order of its entries', async () => {
    const { first, second } = await twoLayers()
    const config = configOf([digestOf(first), digestOf(second)])
    const configName = `${digestOf(config).slice(7)}.json`
    const manifest = JSON.stringify([{ Config: configName, RepoTags: ['demo:1'], Layers: ['l1/layer.tar', 'l2/layer.tar'] }])
    const entries: TarItem[] = [
      { name: 'l2/layer.tar', content: second },
      { name: 'l1/layer.tar', content: first },
      { name: configName, content: config },
      { name: 'manifest.json', content: manifest },
    ]
    for (const order of [entries, [...entries].reverse()]) {
      const image = await read(order)
      expect(image.layout).toBe('docker')
      expect(image.imageId).toBe(digestOf(config))
      expect(image.repoTags).toEqual(['demo:1'])
      expect(image.layers.map((layer) => [layer.diffId, layer.files.entries.map((entry) => entry.path), layer.files.whiteouts])).toEqual([
        [digestOf(first), ['a'], []],
        [digestOf(second), ['b'], ['a']],
      ])
    }
  })

  it('follows a layer.tar that links to the same layer stored elsewhere', async () => {
    const { first } = await twoLayers()
    const config = configOf([digestOf(first), digestOf(first)])
    const manifest = JSON.stringify([{ Config: 'c.json', RepoTags: null, Layers: ['l1/layer.tar', 'l2/layer.tar'] }])
    const image = await read([
      { name: 'l1/layer.tar', content: first },
      { name: 'l2/layer.tar', type: 'symlink', linkname: '../l1/layer.tar' },
      { name: 'c.json', content: config },
      { name: 'manifest.json', content: manifest },
    ])
    expect(image.layers.map((layer) => layer.files.entries.length)).toEqual([1, 1])
  })

  it('picks a platform from an OCI index, through a nested index, with compressed layers', async () => {
    const { first, second } = await twoLayers()
    const blobs: TarItem[] = []
    const blob = (content: Buffer | string): string => {
      const digest = digestOf(content)
      blobs.push({ name: `blobs/sha256/${digest.slice(7)}`, content })
      return digest
    }
    const manifestFor = (architecture: string, layers: Buffer[]): string => {
      const config = blob(configOf([digestOf(first), digestOf(second)], architecture))
      return blob(JSON.stringify({ schemaVersion: 2, config: { digest: config }, layers: layers.map((layer) => ({ digest: blob(layer) })) }))
    }
    const amd64 = manifestFor('amd64', [gzip(first), zstd(second)])
    const arm64 = manifestFor('arm64', [first, gzip(second)])
    const nested = blob(
      JSON.stringify({
        schemaVersion: 2,
        manifests: [
          { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: amd64, platform: { os: 'linux', architecture: 'amd64' } },
          { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: arm64, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
        ],
      }),
    )
    const index = JSON.stringify({ schemaVersion: 2, manifests: [{ mediaType: 'application/vnd.oci.image.index.v1+json', digest: nested }] })
    const items: TarItem[] = [{ name: 'oci-layout', content: '{"imageLayoutVersion":"1.0.0"}' }, { name: 'index.json', content: index }, ...blobs]

    const arm = await read(items, { platform: { os: 'linux', architecture: 'arm64', variant: null } })
    expect(arm.layout).toBe('oci')
    expect(arm.config.architecture).toBe('arm64')
    expect(arm.layers.map((layer) => layer.files.entries.map((entry) => entry.path))).toEqual([['a'], ['b']])
    // Names as uname gives them are what the engine's --platform accepts too.
    expect((await read(items, { platform: { os: 'linux', architecture: 'aarch64', variant: null } })).config.architecture).toBe('arm64')
    const amd = await read(items, { platform: { os: 'linux', architecture: 'amd64', variant: null } })
    expect(amd.config.architecture).toBe('amd64')
    expect(amd.layers[1]?.files.whiteouts).toEqual(['a'])
    await expect(read(items, { platform: { os: 'linux', architecture: 's390x', variant: null } })).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('says what is missing instead of reporting a partial result', async () => {
    const { first } = await twoLayers()
    const config = configOf([digestOf(first), digestOf(first)])
    const manifest = JSON.stringify([{ Config: 'c.json', Layers: ['l1/layer.tar', 'gone/layer.tar'] }])
    await expect(
      read([
        { name: 'l1/layer.tar', content: first },
        { name: 'c.json', content: config },
        { name: 'manifest.json', content: manifest },
      ]),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('gone/layer.tar') as unknown })

    const whole = await tarOf([
      { name: 'l1/layer.tar', content: first },
      { name: 'c.json', content: config },
    ])
    await expect(readImageExport(Readable.from([whole.subarray(0, 700)]))).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    await expect(read([{ name: 'readme.txt', content: 'not an image' }])).rejects.toMatchObject({ code: 'INVALID_INPUT' })
  })

  it('answers a source that fails at once, and one that closes before its end', async () => {
    const failing = new Readable({ read() {} })
    process.nextTick(() => failing.destroy(new Error('connection reset')))
    await expect(readImageExport(failing)).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('connection reset') as unknown })
    const { first } = await twoLayers()
    const cut = new Readable({ read() {} })
    cut.push((await tarOf([{ name: 'l1/layer.tar', content: first }])).subarray(0, 1024))
    setTimeout(() => cut.destroy(), 10)
    await expect(readImageExport(cut)).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('before its end') as unknown })
  })

  it('reads an export that comes one byte at a time, whatever pauses it takes', async () => {
    const whole = await twoLayerExport()
    const bytes = Array.from({ length: whole.length }, (_, index) => whole.subarray(index, index + 1))
    const image = await readImageExport(Readable.from(bytes))
    expect(image.layers.map((layer) => layer.files.entries.map((entry) => entry.path))).toEqual([['a'], ['b']])
    expect(image.layers[1]?.files.whiteouts).toEqual(['a'])
  })

  it('answers once the archive ends, without waiting for the end of a source that stays open', async () => {
    const whole = await twoLayerExport()
    // An engine removes its temporary files before it ends its answer: the source stays open after the tar's end marker.
    const open = new Readable({ read() {} })
    open.push(whole)
    const image = await readImageExport(open)
    expect(image.layers.map((layer) => layer.files.entries.map((entry) => entry.path))).toEqual([['a'], ['b']])
    // Nothing more is read: the source is let go.
    expect(open.destroyed).toBe(true)

    // Without the end marker, an open source is still waited for, and a cut one still fails.
    const cut = new Readable({ read() {} })
    cut.push(whole.subarray(0, whole.length - 1024))
    setTimeout(() => cut.destroy(), 20)
    await expect(readImageExport(cut)).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('before its end') as unknown })
  })
})
