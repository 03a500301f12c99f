import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { analyzeArchiveFile } from '../../electron/core/layers/archive-file'
import { contract } from '../../shared/contract'
import { StrataError } from '../../shared/errors'
import { digestOf, gzip, tarOf } from '../support/tars'

const schema = contract['layers.analyzeArchive'].input
const folder = mkdtempSync(join(tmpdir(), 'strata-archive-input-'))
afterAll(() => {
  rmSync(folder, { recursive: true, force: true })
})

function write(name: string, content: string | Buffer): string {
  const path = join(folder, name)
  writeFileSync(path, content)
  return path
}

/** A `docker save` archive (pre-25 layout) of two layers, naming two references of one image. */
async function archive(): Promise<Buffer> {
  const first = await tarOf([{ name: 'a', content: 'aaaa' }])
  const second = await tarOf([{ name: 'b', content: 'bb' }, { name: '.wh.a' }])
  const config = JSON.stringify({ os: 'linux', architecture: 'amd64', rootfs: { type: 'layers', diff_ids: [digestOf(first), digestOf(second)] }, history: [{ created_by: 'COPY a /' }, { created_by: 'RUN rm /a' }] })
  const manifest = JSON.stringify([{ Config: 'c.json', RepoTags: ['demo:1', 'demo:latest'], Layers: ['l1/layer.tar', 'l2/layer.tar'] }])
  return tarOf([
    { name: 'l1/layer.tar', content: first },
    { name: 'l2/layer.tar', content: second },
    { name: 'c.json', content: config },
    { name: 'manifest.json', content: manifest },
  ])
}

async function refusal(path: string): Promise<{ code: string; problem: string | undefined }> {
  try {
    await analyzeArchiveFile(path)
  } catch (error) {
    if (!(error instanceof StrataError)) throw error
    return { code: error.code, problem: (error.detail.problem as { id?: string } | undefined)?.id }
  }
  throw new Error(`${path} was analyzed`)
}

describe('layers.analyzeArchive input', () => {
  it('takes an absolute path, with or without file lists and a task ID', () => {
    expect(schema.parse({ path: '/home/me/app.tar' })).toEqual({ path: '/home/me/app.tar', files: false })
    expect(schema.parse({ path: 'C:\\Users\\me\\app.tgz', files: true, taskId: 'archive-1' })).toEqual({ path: 'C:\\Users\\me\\app.tgz', files: true, taskId: 'archive-1' })
  })

  it('refuses hostile and malformed input', () => {
    const hostile: unknown[] = [
      {},
      { path: '' },
      { path: 'app.tar' },
      { path: '../../etc/shadow' },
      { path: '/tmp/app\0.tar' },
      { path: `/${'a'.repeat(4096)}` },
      { path: 42 },
      { path: ['/a.tar'] },
      { path: '/a.tar', files: 'yes' },
      { path: '/a.tar', taskId: '' },
      { path: '/a.tar', taskId: 'x'.repeat(101) },
      { path: '/a.tar', ref: 'alpine' },
      { path: '/a.tar', __proto__: { files: true }, extra: 1 },
      null,
      '/a.tar',
    ]
    for (const input of hostile) expect(schema.safeParse(input).success, JSON.stringify(input).slice(0, 60)).toBe(false)
  })
})

describe('analyzeArchiveFile: what it reads before it analyzes', () => {
  it('refuses a missing file, a folder, a device, a FIFO, an empty file and a file that is no tar, each with its problem', async () => {
    mkdirSync(join(folder, 'folder.tar'))
    const fifo = join(folder, 'pipe.tar')
    execFileSync('mkfifo', [fifo])
    expect(await refusal(join(folder, 'absent.tar'))).toEqual({ code: 'NOT_FOUND', problem: 'transfer.sourceMissing' })
    expect(await refusal(join(folder, 'folder.tar'))).toEqual({ code: 'INVALID_INPUT', problem: 'transfer.sourceIsFolder' })
    expect(await refusal('/dev/zero')).toEqual({ code: 'INVALID_INPUT', problem: 'transfer.sourceCharacterDevice' })
    expect(await refusal(fifo)).toEqual({ code: 'INVALID_INPUT', problem: 'transfer.sourceFifo' })
    expect(await refusal(write('empty.tar', ''))).toEqual({ code: 'INVALID_INPUT', problem: 'layer.archiveNotTar' })
    expect(await refusal(write('notes.tar', 'just some notes\n'.repeat(100)))).toEqual({ code: 'INVALID_INPUT', problem: 'layer.archiveNotTar' })
    expect(await refusal('relative.tar')).toMatchObject({ code: 'INVALID_INPUT' })
  })

  it('refuses a tar that holds no image, and a gzip whose content is no tar', async () => {
    expect(await refusal(write('plain.tar', await tarOf([{ name: 'readme', content: 'hello' }])))).toEqual({ code: 'INVALID_INPUT', problem: 'layer.notArchive' })
    expect(await refusal(write('text.tar.gz', gzip(Buffer.from('not a tar at all'.repeat(64)))))).toMatchObject({ code: 'INVALID_INPUT' })
  })

  it('analyzes a plain and a gzip-compressed archive alike, naming the file, its size and its references', async () => {
    const bytes = await archive()
    const plain = await analyzeArchiveFile(write('demo.tar', bytes), { files: true })
    const compressed = gzip(bytes)
    const packed = await analyzeArchiveFile(write('demo.tar.gz', compressed), { files: true })
    expect(plain.archive).toEqual({ path: join(folder, 'demo.tar'), bytes: bytes.length, references: ['demo:1', 'demo:latest'], images: 1 })
    expect(packed.archive.bytes).toBe(compressed.length)
    expect(plain.layers.map((layer) => [layer.added, layer.removed, layer.files?.map((file) => file.path)])).toEqual([
      [1, 0, ['a']],
      [1, 1, ['a', 'b']],
    ])
    expect({ ...packed, archive: null }).toEqual({ ...plain, archive: null })
    expect(plain.wastedBytes).toBe(4)
  })
})
