import { NO_DIGEST, type FileType, type LayerEntry, type LayerFiles } from './types'

/**
 * The on-disk form of a layer index: a small JSON head, then one column per field.
 * JSON for a 50,000-entry layer meant 50,000 arrays and a multi-megabyte string
 * alive at once; columns are written from a few typed arrays and read back without
 * an intermediate object per entry.
 */
const MAGIC = 'STRATA-LAYER-INDEX-5\n'
const NUMBERS = 4
/** Bytes of a digest in its column: the 64-bit hash, hex-decoded. */
const DIGEST_BYTES = 8
/** Set in an entry's type byte when its digest column holds one (the types need 3 bits). */
const HAS_DIGEST = 0x80
const TYPES: readonly FileType[] = ['file', 'dir', 'symlink', 'hardlink', 'char', 'block', 'fifo']
const SEPARATOR = '\0'

interface Head {
  count: number
  whiteouts: string[]
  opaqueDirs: string[]
  tarBytes: number
  /** Byte lengths of the sections that follow the head, in order. */
  paths: number
  links: number
}

export function encodeLayerFiles(files: LayerFiles): Buffer {
  const count = files.entries.length
  const types = new Uint8Array(count)
  const numbers = new Float64Array(count * NUMBERS)
  const digests = Buffer.alloc(count * DIGEST_BYTES)
  const paths: string[] = new Array<string>(count)
  const links: string[] = new Array<string>(count)
  for (let index = 0; index < count; index += 1) {
    const entry = files.entries[index] as LayerEntry
    const hasDigest = entry.digest !== NO_DIGEST
    if (hasDigest) digests.write(entry.digest, index * DIGEST_BYTES, DIGEST_BYTES, 'hex')
    types[index] = TYPES.indexOf(entry.type) | (hasDigest ? HAS_DIGEST : 0)
    const at = index * NUMBERS
    numbers[at] = entry.size
    numbers[at + 1] = entry.mode
    numbers[at + 2] = entry.uid
    numbers[at + 3] = entry.gid
    paths[index] = entry.path
    // Tar names cannot hold NUL, so it separates them; an empty link is "none".
    links[index] = entry.link ?? ''
  }
  const pathBytes = Buffer.from(paths.join(SEPARATOR), 'utf8')
  const linkBytes = Buffer.from(links.join(SEPARATOR), 'utf8')
  const head: Head = { count, whiteouts: files.whiteouts, opaqueDirs: files.opaqueDirs, tarBytes: files.tarBytes, paths: pathBytes.length, links: linkBytes.length }
  const headBytes = Buffer.from(`${MAGIC}${JSON.stringify(head)}\n`, 'utf8')
  return Buffer.concat([headBytes, Buffer.from(numbers.buffer), digests, Buffer.from(types.buffer), pathBytes, linkBytes])
}

/** The layer index in `bytes`, or null when they are not one (another format, or cut short). */
export function decodeLayerFiles(bytes: Buffer): LayerFiles | null {
  if (bytes.toString('utf8', 0, MAGIC.length) !== MAGIC) return null
  const headEnd = bytes.indexOf(0x0a, MAGIC.length)
  if (headEnd === -1) return null
  let head: Head
  try {
    head = JSON.parse(bytes.toString('utf8', MAGIC.length, headEnd)) as Head
  } catch {
    return null
  }
  const { count } = head
  const numbersAt = headEnd + 1
  const digestsAt = numbersAt + count * NUMBERS * 8
  const typesAt = digestsAt + count * DIGEST_BYTES
  const pathsAt = typesAt + count
  const linksAt = pathsAt + head.paths
  if (linksAt + head.links !== bytes.length) return null
  const paths = count === 0 ? [] : bytes.toString('utf8', pathsAt, linksAt).split(SEPARATOR)
  const links = count === 0 ? [] : bytes.toString('utf8', linksAt, linksAt + head.links).split(SEPARATOR)
  if (paths.length !== count || links.length !== count) return null
  const entries: LayerEntry[] = new Array<LayerEntry>(count)
  for (let index = 0; index < count; index += 1) {
    const at = numbersAt + index * NUMBERS * 8
    const link = links[index] ?? ''
    const type = bytes[typesAt + index] ?? 0
    const digestAt = digestsAt + index * DIGEST_BYTES
    entries[index] = {
      path: paths[index] ?? '',
      type: TYPES[type & ~HAS_DIGEST] ?? 'file',
      size: bytes.readDoubleLE(at),
      mode: bytes.readDoubleLE(at + 8),
      uid: bytes.readDoubleLE(at + 16),
      gid: bytes.readDoubleLE(at + 24),
      link: link === '' ? null : link,
      digest: (type & HAS_DIGEST) === 0 ? NO_DIGEST : bytes.toString('hex', digestAt, digestAt + DIGEST_BYTES),
    }
  }
  return { entries, whiteouts: head.whiteouts, opaqueDirs: head.opaqueDirs, tarBytes: head.tarBytes }
}
