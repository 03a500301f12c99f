/**
 * A push parser for tar streams that keeps only what an index needs.
 *
 * Layer tars hold hundreds of thousands of entries; a general tar library makes a
 * stream object, a Date and a dozen strings per entry, and that garbage, not the
 * index, set the peak memory of an analysis. This reader walks the 512-byte headers
 * itself, skips bodies by counting, and hands a body's bytes only to an entry that
 * asks for them. It reads ustar, GNU long names and links, and PAX records.
 */

const BLOCK = 512

export type TarEntryKind = 'file' | 'hardlink' | 'symlink' | 'char' | 'block' | 'dir' | 'fifo' | 'other'

export interface TarHeader {
  name: string
  kind: TarEntryKind
  size: number
  mode: number
  uid: number
  gid: number
  linkname: string
}

/** Receives one entry's body bytes, in order; `end` follows the last of them. */
export interface TarBodySink {
  data(chunk: Buffer): void
  end(): void
}

/** Decides per entry whether its body is wanted; null skips it without a copy. */
export type TarEntryHandler = (header: TarHeader) => TarBodySink | null

export class TarFormatError extends Error {}

const KINDS: Record<string, TarEntryKind> = {
  '0': 'file',
  '\0': 'file',
  '7': 'file',
  '1': 'hardlink',
  '2': 'symlink',
  '3': 'char',
  '4': 'block',
  '5': 'dir',
  '6': 'fifo',
}

function text(block: Buffer, start: number, length: number): string {
  const end = block.indexOf(0, start)
  return block.toString('utf8', start, end === -1 || end > start + length ? start + length : end)
}

/** Octal as ustar writes it, or GNU's base-256 when the first byte has its high bit set. */
function number(block: Buffer, start: number, length: number): number {
  const first = block[start] ?? 0
  if ((first & 0x80) !== 0) {
    let value = first & 0x7f
    for (let index = start + 1; index < start + length; index += 1) value = value * 256 + (block[index] ?? 0)
    return value
  }
  let value = 0
  let index = start
  while (index < start + length && (block[index] === 0x20 || block[index] === 0x30)) index += 1
  for (; index < start + length; index += 1) {
    const digit = (block[index] ?? 0) - 0x30
    if (digit < 0 || digit > 7) break
    value = value * 8 + digit
  }
  return value
}

function checksumMatches(block: Buffer, at: number): boolean {
  let sum = 8 * 0x20
  for (let index = 0; index < BLOCK; index += 1) if (index < 148 || index >= 156) sum += block[at + index] ?? 0
  return sum === number(block, at + 148, 8)
}

function isZeroBlock(block: Buffer, at: number): boolean {
  for (let index = at; index < at + BLOCK; index += 1) if (block[index] !== 0) return false
  return true
}

const USTAR = [0x75, 0x73, 0x74, 0x61, 0x72, 0x00]

function isUstar(block: Buffer, at: number): boolean {
  return USTAR.every((byte, index) => block[at + 257 + index] === byte)
}

/** PAX records are "<length> <key>=<value>\n", the length counting the whole record. */
function paxRecords(body: Buffer): Map<string, string> {
  const records = new Map<string, string>()
  let offset = 0
  while (offset < body.length) {
    const space = body.indexOf(0x20, offset)
    if (space === -1) break
    const length = Number(body.toString('latin1', offset, space))
    if (!Number.isInteger(length) || length <= 0 || offset + length > body.length) break
    const record = body.toString('utf8', space + 1, offset + length - 1)
    const equals = record.indexOf('=')
    if (equals > 0) records.set(record.slice(0, equals), record.slice(equals + 1))
    offset += length
  }
  return records
}

type Meta = 'pax' | 'global' | 'longname' | 'longlink'

export class TarReader {
  private pending: Buffer | null = null
  /** Body bytes of the current entry still to come, then its padding to the block. */
  private bodyLeft = 0
  private padLeft = 0
  private sink: TarBodySink | null = null
  /** A metadata entry's body is collected here, then applied to the next header. */
  private meta: { kind: Meta; chunks: Buffer[] } | null = null
  private pax: Map<string, string> | null = null
  private longName: string | null = null
  private longLink: string | null = null
  private zeroBlocks = 0
  private ended = false

  constructor(private readonly onEntry: TarEntryHandler) {}

  /** True once the archive's two zero blocks have been read: nothing after them is part of it. */
  get complete(): boolean {
    return this.ended
  }

  push(chunk: Buffer): void {
    let at = 0
    if (this.pending !== null) {
      // Only a header is ever split across chunks: complete that one block, not a copy of the chunk.
      const needed = BLOCK - this.pending.length
      const joined = Buffer.concat([this.pending, chunk.subarray(0, needed)])
      at = Math.min(needed, chunk.length)
      this.pending = null
      if (joined.length < BLOCK) {
        this.pending = joined
        return
      }
      if (!this.ended) this.header(joined, 0)
    }
    // Offsets, not views: a view per header would be garbage for every entry.
    while (at < chunk.length && !this.ended) {
      const left = chunk.length - at
      if (this.bodyLeft > 0) {
        const take = Math.min(this.bodyLeft, left)
        if (this.meta !== null || this.sink !== null) this.body(chunk.subarray(at, at + take))
        this.bodyLeft -= take
        at += take
        if (this.bodyLeft === 0) this.endBody()
      } else if (this.padLeft > 0) {
        const take = Math.min(this.padLeft, left)
        this.padLeft -= take
        at += take
      } else if (left < BLOCK) {
        this.pending = Buffer.from(chunk.subarray(at))
        return
      } else {
        this.header(chunk, at)
        at += BLOCK
      }
    }
  }

  /** Throws when the stream stopped inside an entry: a truncated tar is never reported as complete. */
  finish(): void {
    if (this.ended) return
    if (this.bodyLeft > 0 || this.pending !== null || this.meta !== null) {
      throw new TarFormatError('unexpected end of data inside an entry')
    }
  }

  private body(bytes: Buffer): void {
    if (this.meta !== null) this.meta.chunks.push(Buffer.from(bytes))
    else this.sink?.data(bytes)
  }


  private endBody(): void {
    if (this.meta !== null) {
      const { kind, chunks } = this.meta
      this.meta = null
      const body = Buffer.concat(chunks)
      if (kind === 'pax') this.pax = paxRecords(body)
      else if (kind === 'longname') this.longName = text(body, 0, body.length)
      else if (kind === 'longlink') this.longLink = text(body, 0, body.length)
      return
    }
    this.sink?.end()
    this.sink = null
  }

  private header(block: Buffer, at: number): void {
    if (isZeroBlock(block, at)) {
      // Two zero blocks end the archive; whatever follows is padding.
      this.zeroBlocks += 1
      if (this.zeroBlocks === 2) this.ended = true
      return
    }
    this.zeroBlocks = 0
    if (!checksumMatches(block, at)) throw new TarFormatError('invalid tar header checksum (is the stream a tar?)')
    const size = number(block, at + 124, 12)
    const flag = String.fromCharCode(block[at + 156] ?? 0)
    const metaKind: Meta | null = flag === 'x' ? 'pax' : flag === 'g' ? 'global' : flag === 'L' ? 'longname' : flag === 'K' ? 'longlink' : null
    if (metaKind !== null) {
      // Global records apply to the whole archive; layers do not use them, so their body is skipped.
      this.meta = metaKind === 'global' ? null : { kind: metaKind, chunks: [] }
      this.bodyLeft = size
      this.padLeft = (BLOCK - (size % BLOCK)) % BLOCK
      if (size === 0) this.endBody()
      return
    }
    const header = this.entryHeader(block, at, flag, size)
    this.bodyLeft = header.size
    this.padLeft = (BLOCK - (header.size % BLOCK)) % BLOCK
    this.sink = this.onEntry(header)
    if (this.bodyLeft === 0) {
      this.sink?.end()
      this.sink = null
    }
  }

  private entryHeader(block: Buffer, at: number, flag: string, size: number): TarHeader {
    // ustar (not old GNU, whose magic is "ustar  ") keeps a path prefix at offset 345.
    const prefix = isUstar(block, at) ? text(block, at + 345, 155) : ''
    let name = this.longName ?? (prefix === '' ? text(block, at, 100) : `${prefix}/${text(block, at, 100)}`)
    let linkname = this.longLink ?? text(block, at + 157, 100)
    const header: TarHeader = {
      name,
      kind: KINDS[flag] ?? 'other',
      size,
      mode: number(block, at + 100, 8),
      uid: number(block, at + 108, 8),
      gid: number(block, at + 116, 8),
      linkname,
    }
    const pax = this.pax
    if (pax !== null) {
      name = pax.get('path') ?? name
      linkname = pax.get('linkpath') ?? linkname
      header.name = name
      header.linkname = linkname
      const paxSize = pax.get('size')
      if (paxSize !== undefined) header.size = Number(paxSize)
      const paxUid = pax.get('uid')
      if (paxUid !== undefined) header.uid = Number(paxUid)
      const paxGid = pax.get('gid')
      if (paxGid !== undefined) header.gid = Number(paxGid)
    }
    this.pax = null
    this.longName = null
    this.longLink = null
    return header
  }
}
