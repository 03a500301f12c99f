import { createCipheriv } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { afterAll, describe, expect, it } from 'vitest'
import type { Pausable } from '../../electron/core/engine/socket-get'
import { readImageExport, scanExport } from '../../electron/core/layers/export-reader'
import type { CapturedFile } from '../../electron/core/layers/types'
import { digestOf, gzip, tarOf } from '../support/tars'

/**
 * An export read from a source that lends its bytes as socket-get.ts does: every piece is
 * a view of one buffer, which is overwritten as soon as the reader's call returns. Any
 * byte the reader kept without copying would read back as 0xEE.
 */
class LendingSource extends Readable {
  pauses = 0

  constructor(
    private readonly whole: Buffer,
    private readonly pieceBytes: number,
  ) {
    super({
      read() {
        // Bytes are only ever lent.
      },
    })
  }

  lend(onView: (view: Buffer) => void): Pausable {
    const buffer = Buffer.alloc(this.pieceBytes)
    let at = 0
    let paused = false
    const pump = (): void => {
      if (paused || this.destroyed) return
      if (at >= this.whole.length) {
        this.push(null)
        return
      }
      const length = this.whole.copy(buffer, 0, at, at + this.pieceBytes)
      at += length
      onView(buffer.subarray(0, length))
      buffer.fill(0xee)
      // A turn of the event loop per piece, as reads come: readers waiting on promises fall behind.
      setImmediate(pump)
    }
    this.resume()
    setImmediate(pump)
    return {
      pause: () => {
        paused = true
        this.pauses += 1
      },
      resume: () => {
        if (!paused) return
        paused = false
        setImmediate(pump)
      },
    }
  }
}

/** Bytes that neither repeat nor compress (AES-CTR over zeros), the same on every run. */
function noise(length: number, seed: number): Buffer {
  const cipher = createCipheriv('aes-128-ctr', Buffer.alloc(16, seed), Buffer.alloc(16, 0))
  return Buffer.concat([cipher.update(Buffer.alloc(length)), cipher.final()])
}

const BIG = noise(5 * 1024 * 1024 + 77, 1)
const ZIPPED = noise(4 * 1024 * 1024 + 501, 2)
const folder = mkdtempSync(join(tmpdir(), 'strata-lent-'))

afterAll(() => {
  rmSync(folder, { recursive: true, force: true })
})

/** An export with a large plain layer (indexed in place), a large gzip layer (read as a stream) and a small one. */
async function mixedExport(): Promise<Buffer> {
  const plain = await tarOf([
    { name: 'etc/', type: 'directory' },
    { name: 'etc/a.conf', content: 'a = 1\n' },
    { name: 'big.bin', content: BIG },
    { name: 'link', type: 'symlink', linkname: 'big.bin' },
    { name: 'later.txt', content: 'after the big body' },
  ])
  const zipped = gzip(await tarOf([{ name: 'z.bin', content: ZIPPED }, { name: '.wh.later.txt' }]))
  const small = await tarOf([{ name: 'etc/a.conf', content: 'a = 2\n' }])
  const diffIds = [digestOf(plain), digestOf(await tarOf([{ name: 'z.bin', content: ZIPPED }, { name: '.wh.later.txt' }])), digestOf(small)]
  const config = JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: diffIds }, history: [{ created_by: 'A' }, { created_by: 'B' }, { created_by: 'C' }] })
  const manifest = JSON.stringify([{ Config: 'c.json', RepoTags: ['lent:1'], Layers: ['p/layer.tar', 'z/layer.tar', 's/layer.tar'] }])
  expect(zipped.length).toBeGreaterThan(4 * 1024 * 1024)
  return tarOf([
    { name: 'p/layer.tar', content: plain },
    { name: 'z/layer.tar', content: zipped },
    { name: 's/layer.tar', content: small },
    { name: 'c.json', content: config },
    { name: 'manifest.json', content: manifest },
  ])
}

describe('an export whose bytes are lent, not given', () => {
  it('reads the same image as from owned chunks: every index and content digest, in pieces that split headers', async () => {
    const whole = await mixedExport()
    const owned = await readImageExport(Readable.from([whole]))
    for (const pieceBytes of [3_001, 65_536]) {
      const lent = await readImageExport(new LendingSource(whole, pieceBytes))
      expect(lent).toEqual(owned)
    }
    const big = owned.layers[0]?.files.entries.find((entry) => entry.path === 'big.bin')
    const zipped = owned.layers[1]?.files.entries.find((entry) => entry.path === 'z.bin')
    expect(big?.size).toBe(BIG.length)
    expect(zipped?.size).toBe(ZIPPED.length)
    // Both bodies were hashed, to different digests.
    expect(big?.digest).toMatch(/^[0-9a-f]{16}$/)
    expect(zipped?.digest).toMatch(/^[0-9a-f]{16}$/)
    expect(big?.digest).not.toBe(zipped?.digest)
    expect(owned.layers[1]?.files.whiteouts).toEqual(['later.txt'])
  })

  it('keeps a captured body whole, in memory and in files, from a plain and from a compressed layer', async () => {
    const whole = await mixedExport()
    const captures = new Map<string, CapturedFile>()
    const scan = (path: string, toFile: boolean): Promise<boolean> =>
      scanExport(new LendingSource(whole, 4_099), {
        capture: { path, maxBytes: 3 * 1024 * 1024, ...(toFile ? { toFile: () => join(folder, `${path}-${String(captures.size)}`) } : {}) },
        onLayer: (_files, captured, diffId) => {
          if (captured !== undefined) captures.set(`${path} ${String(toFile)}`, captured)
          expect(diffId).toMatch(/^sha256:[0-9a-f]{64}$/)
          return false
        },
      })
    await scan('big.bin', false)
    await scan('big.bin', true)
    await scan('z.bin', true)
    expect(captures.get('big.bin false')?.bytes.equals(BIG.subarray(0, 3 * 1024 * 1024))).toBe(true)
    expect(captures.get('big.bin false')?.truncated).toBe(true)
    const bigFile = captures.get('big.bin true')?.file
    const zippedFile = captures.get('z.bin true')?.file
    expect(bigFile).toBeTypeOf('string')
    expect(zippedFile).toBeTypeOf('string')
    expect(readFileSync(bigFile ?? '').equals(BIG)).toBe(true)
    expect(readFileSync(zippedFile ?? '').equals(ZIPPED)).toBe(true)
  })

  it('says a cut export is cut, and a layer that is not a tar is not one, from lent bytes too', async () => {
    const whole = await mixedExport()
    await expect(readImageExport(new LendingSource(whole.subarray(0, 3 * 1024 * 1024), 8_192))).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    const broken = Buffer.from(whole)
    // The first header inside the large plain layer (after the export's own header) loses its checksum.
    broken.fill(0x41, 512 + 148, 512 + 156)
    await expect(readImageExport(new LendingSource(broken, 8_192))).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/tar/) as unknown })
  })

  it('pauses the export while small entries pile up behind a layer still being read, and loses none of them', async () => {
    // 64 MiB of zeros gzip to ~64 KB: a small entry that takes far longer to read than the eight after it take to arrive.
    const slow = gzip(await tarOf([{ name: 'zeros.bin', content: Buffer.alloc(64 * 1024 * 1024) }]))
    const smallLayers = await Promise.all(Array.from({ length: 8 }, (_, index) => tarOf([{ name: `s${String(index)}.bin`, content: noise(1024 * 1024, 10 + index) }])))
    const whole = await tarOf([{ name: 'slow/layer.tar', content: slow }, ...smallLayers.map((layer, index) => ({ name: `s${String(index)}/layer.tar`, content: layer }))])
    const source = new LendingSource(whole, 65_536)
    const indexed: string[] = []
    await scanExport(source, {
      onLayer: (files) => {
        indexed.push(files.entries[0]?.path ?? '')
        return false
      },
    })
    // Over 8 MiB waited unread behind the slow layer: the export was paused rather than held in memory.
    expect(source.pauses).toBeGreaterThan(0)
    expect(indexed).toEqual(['zeros.bin', ...smallLayers.map((_, index) => `s${String(index)}.bin`)])
  })
})
