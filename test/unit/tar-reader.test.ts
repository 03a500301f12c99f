import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { TarReader, type TarHeader } from '../../electron/core/layers/tar-reader'
import { tarOf } from '../support/tars'

const work = mkdtempSync(join(tmpdir(), 'strata-tar-reader-'))
afterAll(() => {
  rmSync(work, { recursive: true, force: true })
})

/** Feeds `bytes` in pieces of `step` bytes and returns every header and the bodies kept. */
function read(bytes: Buffer, step = bytes.length, keep: (header: TarHeader) => boolean = () => false): { headers: TarHeader[]; bodies: Map<string, Buffer> } {
  const headers: TarHeader[] = []
  const bodies = new Map<string, Buffer>()
  const reader = new TarReader((header) => {
    headers.push(header)
    if (!keep(header)) return null
    const chunks: Buffer[] = []
    return {
      data: (chunk) => chunks.push(Buffer.from(chunk)),
      end: () => bodies.set(header.name, Buffer.concat(chunks)),
    }
  })
  for (let at = 0; at < bytes.length; at += step) reader.push(bytes.subarray(at, at + step))
  reader.finish()
  return { headers, bodies }
}

/** A tar written by GNU tar from a folder built by `build`. */
function gnuTar(format: 'gnu' | 'posix', build: (root: string) => void, extra: string[] = []): Buffer {
  const root = mkdtempSync(join(work, 'src-'))
  build(root)
  const output = join(work, `${format}-${String(Date.now())}-${String(Math.random()).slice(2)}.tar`)
  const result = spawnSync('tar', [`--format=${format}`, '-C', root, ...extra, '-cf', output, '.'], { encoding: 'utf8' })
  if (result.status !== 0) throw new Error(`tar failed: ${result.stderr}`)
  return readFileSync(output)
}

const LONG = `${'deep-folder-name/'.repeat(9)}${'x'.repeat(120)}.txt`

describe('TarReader', () => {
  it('reads every header and body the same whatever the chunk boundaries', async () => {
    const tar = await tarOf([
      { name: 'dir/', type: 'directory', mode: 0o755 },
      { name: 'dir/a.txt', content: 'hello', mode: 0o4755, uid: 1000, gid: 50 },
      { name: 'dir/empty', content: '' },
      { name: 'dir/big', content: Buffer.alloc(5_000, 7) },
      { name: 'dir/link', type: 'symlink', linkname: '../target' },
      { name: 'dir/hard', type: 'link', linkname: 'dir/a.txt' },
    ])
    const whole = read(tar, tar.length, (header) => header.kind === 'file')
    expect(whole.headers.map((header) => [header.name, header.kind, header.size, header.mode, header.uid, header.gid, header.linkname])).toEqual([
      ['dir/', 'dir', 0, 0o755, 0, 0, ''],
      ['dir/a.txt', 'file', 5, 0o4755, 1000, 50, ''],
      ['dir/empty', 'file', 0, 0o644, 0, 0, ''],
      ['dir/big', 'file', 5_000, 0o644, 0, 0, ''],
      ['dir/link', 'symlink', 0, 0o644, 0, 0, '../target'],
      ['dir/hard', 'hardlink', 0, 0o644, 0, 0, 'dir/a.txt'],
    ])
    expect(whole.bodies.get('dir/a.txt')?.toString()).toBe('hello')
    expect(whole.bodies.get('dir/empty')?.length).toBe(0)
    expect(whole.bodies.get('dir/big')?.equals(Buffer.alloc(5_000, 7))).toBe(true)
    for (const step of [1, 7, 511, 512, 513, 4096]) {
      const pieces = read(tar, step, (header) => header.kind === 'file')
      expect(pieces.headers).toEqual(whole.headers)
      expect(pieces.bodies).toEqual(whole.bodies)
    }
  })

  it('reads GNU long names and long link targets, and base-256 owner ids', () => {
    const tar = gnuTar(
      'gnu',
      (root) => {
        mkdirSync(join(root, LONG, '..'), { recursive: true })
        writeFileSync(join(root, LONG), 'long')
        symlinkSync(LONG, join(root, 'to-long'))
      },
      ['--owner=big:3000000', '--group=big:3000001', '--numeric-owner'],
    )
    const { headers } = read(tar, 1000)
    const file = headers.find((header) => header.name === `./${LONG}`)
    expect(file).toMatchObject({ kind: 'file', size: 4, uid: 3_000_000, gid: 3_000_001 })
    expect(headers.find((header) => header.name === './to-long')).toMatchObject({ kind: 'symlink', linkname: LONG })
  })

  it('applies PAX records (path, linkpath, size, uid, gid) to the next entry only', () => {
    const tar = gnuTar('posix', (root) => {
      mkdirSync(join(root, LONG, '..'), { recursive: true })
      writeFileSync(join(root, LONG), 'pax body')
      writeFileSync(join(root, 'caf\u00e9-\u2603'), 'unicode')
      writeFileSync(join(root, 'short'), 'plain')
    })
    const { headers, bodies } = read(tar, 333, (header) => header.kind === 'file')
    expect(headers.map((header) => header.name)).toEqual(expect.arrayContaining([`./${LONG}`, './caf\u00e9-\u2603', './short']))
    expect(bodies.get(`./${LONG}`)?.toString()).toBe('pax body')
    expect(bodies.get('./caf\u00e9-\u2603')?.toString()).toBe('unicode')
    expect(bodies.get('./short')?.toString()).toBe('plain')
  })

  it('stops at the end-of-archive blocks and ignores what follows', async () => {
    const tar = await tarOf([{ name: 'only', content: 'x' }])
    const { headers } = read(Buffer.concat([tar, Buffer.from('trailing bytes that are not a header'.repeat(20))]))
    expect(headers.map((header) => header.name)).toEqual(['only'])
  })

  it('refuses a corrupt header and a stream cut inside an entry', async () => {
    const tar = await tarOf([{ name: 'a', content: 'aaaa' }, { name: 'b', content: Buffer.alloc(2000, 1) }])
    const corrupt = Buffer.from(tar)
    corrupt[1034] = (corrupt[1034] ?? 0) ^ 0xff
    expect(() => read(corrupt)).toThrow(/checksum/)
    expect(() => read(tar.subarray(0, 512 + 512 + 512 + 1000))).toThrow(/unexpected end/)
    expect(() => read(tar.subarray(0, 512 + 512 + 100))).toThrow(/unexpected end/)
  })
})
