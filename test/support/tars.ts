import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import { pack } from 'tar-stream'

export interface TarItem {
  name: string
  type?: 'file' | 'directory' | 'symlink' | 'link'
  content?: string | Buffer
  mode?: number
  uid?: number
  gid?: number
  linkname?: string
}

/** Builds a tar in memory with tar-stream, entries in the order given. */
export async function tarOf(items: readonly TarItem[]): Promise<Buffer> {
  const archive = pack()
  const chunks: Buffer[] = []
  archive.on('data', (chunk: unknown) => {
    chunks.push(chunk as Buffer)
  })
  const done = new Promise<void>((resolve) => archive.on('end', resolve))
  for (const item of items) {
    const type = item.type ?? 'file'
    const body = typeof item.content === 'string' ? Buffer.from(item.content) : (item.content ?? Buffer.alloc(0))
    const header = {
      name: item.name,
      type,
      mode: item.mode ?? (type === 'directory' ? 0o755 : 0o644),
      uid: item.uid ?? 0,
      gid: item.gid ?? 0,
      ...(item.linkname !== undefined ? { linkname: item.linkname } : {}),
      ...(type === 'file' ? { size: body.length } : {}),
    }
    if (type === 'file') archive.entry(header, body)
    else archive.entry(header)
  }
  archive.finalize()
  await done
  return Buffer.concat(chunks)
}

export function gzip(bytes: Buffer): Buffer {
  return gzipSync(bytes)
}

/** zstd through Debian's zstd tool (Node 20 has no zstd encoder). */
export function zstd(bytes: Buffer): Buffer {
  const result = spawnSync('zstd', ['-q', '-c'], { input: bytes, maxBuffer: 1 << 28 })
  if (result.status !== 0) throw new Error(`zstd failed: ${result.stderr.toString()} (apt-get install zstd)`)
  return result.stdout
}

export function digestOf(bytes: Buffer | string): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`
}

/**
 * Rewrites the mode field of the entry named `name` (tar-stream keeps only the
 * permission bits): Docker's own layers store a folder as 0o40755, with its type bits.
 */
export function withModeField(tar: Buffer, name: string, mode: number): Buffer {
  const copy = Buffer.from(tar)
  for (let at = 0; at + 512 <= copy.length; at += 512) {
    const header = copy.subarray(at, at + 512)
    if (header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '') !== name) continue
    header.write(`${mode.toString(8).padStart(7, '0')}\0`, 100, 8, 'ascii')
    header.fill(0x20, 148, 156)
    let sum = 0
    for (const byte of header) sum += byte
    header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'ascii')
    return copy
  }
  throw new Error(`no entry named ${name} in the tar`)
}
