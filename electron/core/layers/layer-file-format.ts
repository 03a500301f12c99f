import type { FileType, LayerEntry, LayerFiles } from './types'

/**
 * The on-disk form of a layer index: a small JSON head, then one column per field.
 * JSON for a 50,000-entry layer meant 50,000 arrays and a multi-megabyte string
 * alive at once; columns are written from a few typed arrays and read back without
 * an intermediate object per entry.
 */
const MAGIC = 'STRATA-LAYER-INDEX-4\n'
const NUMBERS = 5
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
  const paths: string[] = new Array<string>(count)
  const links: string[] = new Array<string>(count)
  for (let index = 0; index < count; index += 1) {
    const entry = files.entries[index] as LayerEntry
    types[index] = TYPES.indexOf(entry.type)
    const at = index * NUMBERS
    numbers[at] = entry.size
    numbers[at + 1] = entry.mode
    numbers[at + 2] = entry.uid
    numbers[at + 3] = entry.gid
    numbers[at + 4] = entry.digest
    paths[index] = entry.path
    // Tar names cannot hold NUL, so it separates them; an empty link is "none".
    links[index] = entry.link ?? ''
  }
  const pathBytes = Buffer.from(paths.join(SEPARATOR), 'utf8')
  const linkBytes = Buffer.from(links.join(SEPARATOR), 'utf8')
  const head: Head = { count, whiteouts: files.whiteouts, opaqueDirs: files.opaqueDirs, tarBytes: files.tarBytes, paths: pathBytes.length, links: linkBytes.length }
  const headBytes = Buffer.from(`${MAGIC}${JSON.stringify(head)}\n`, 'utf8')
  return Buffer.concat([headBytes, Buffer.from(numbers.buffer), Buffer.from(types.buffer), pathBytes, linkBytes])
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
  const typesAt = numbersAt + count * NUMBERS * 8
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
    const digest = bytes.readDoubleLE(at + 32)
    entries[index] = {
      path: paths[index] ?? '',
      type: TYPES[bytes[typesAt + index] ?? 0] ?? 'file',
      size: bytes.readDoubleLE(at),
      mode: bytes.readDoubleLE(at + 8),
      uid: bytes.readDoubleLE(at + 16),
      gid: bytes.readDoubleLE(at + 24),
      link: link === '' ? null : link,
      digest,
    }
  }
  return { entries, whiteouts: head.whiteouts, opaqueDirs: head.opaqueDirs, tarBytes: head.tarBytes }
}
