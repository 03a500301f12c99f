import { createHash } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { Readable } from 'node:stream'
import { extract, type Header } from 'tar-stream'
import { StrataError } from '../../../shared/errors'
import { decompressor, detectCompression, peek } from './compression'
import type { Capture, CapturedFile, FileType, LayerFiles } from './types'

const WHITEOUT_PREFIX = '.wh.'
const OPAQUE_MARKER = '.wh..wh..opq'

export function normalizePath(name: string): string {
  return name.replace(/^(\.\/|\/)+/, '').replace(/\/+$/, '')
}

function fileType(type: Header['type'] | undefined): FileType | null {
  switch (type) {
    case 'file':
    case 'contiguous-file':
      return 'file'
    case 'directory':
      return 'dir'
    case 'symlink':
      return 'symlink'
    case 'link':
      return 'hardlink'
    case 'character-device':
      return 'char'
    case 'block-device':
      return 'block'
    case 'fifo':
      return 'fifo'
    default:
      return null
  }
}

/** Adds one tar header to the index, turning whiteout files into removals. */
export function addHeader(files: LayerFiles, header: Header): void {
  const path = normalizePath(header.name)
  if (path === '' || path === '.') return
  const slash = path.lastIndexOf('/')
  const base = path.slice(slash + 1)
  const dir = slash === -1 ? '' : path.slice(0, slash)
  if (base === OPAQUE_MARKER) {
    files.opaqueDirs.push(dir)
    return
  }
  if (base.startsWith(WHITEOUT_PREFIX)) {
    files.whiteouts.push(dir === '' ? base.slice(WHITEOUT_PREFIX.length) : `${dir}/${base.slice(WHITEOUT_PREFIX.length)}`)
    return
  }
  const type = fileType(header.type)
  if (type === null) return
  files.entries.push({
    path,
    type,
    size: type === 'file' ? header.size : 0,
    mode: header.mode,
    uid: header.uid,
    gid: header.gid,
    link: type === 'symlink' || type === 'hardlink' ? normalizeLink(header.linkname, type) : null,
  })
}

// Hardlink targets are archive paths; symlink targets are kept as written.
function normalizeLink(link: string, type: FileType): string {
  return type === 'hardlink' ? normalizePath(link) : link
}

/**
 * Indexes one layer tar as it streams: headers are kept, bodies are skipped, so
 * memory follows the number of files, not their size. Compression is detected
 * from the first bytes.
 */
export async function indexLayer(source: Readable, signal?: AbortSignal, capture?: Capture): Promise<LayerFiles & { captured?: CapturedFile; diffId?: string }> {
  const { head, stream } = await peek(source, 6)
  const plain = stream.pipe(decompressor(detectCompression(head)))
  const files: LayerFiles & { captured?: CapturedFile; diffId?: string } = { entries: [], whiteouts: [], opaqueDirs: [], tarBytes: 0 }
  // When a file is being looked for, the layer is named exactly by its diff ID: the digest of the uncompressed tar.
  const hash = capture === undefined ? null : createHash('sha256')
  plain.on('data', (chunk: Buffer) => {
    files.tarBytes += chunk.length
    hash?.update(chunk)
  })
  const tar = extract()
  await new Promise<void>((resolve, reject) => {
    const fail = (error: unknown): void => {
      const message = error instanceof Error ? error.message : String(error)
      reject(new StrataError('INVALID_INPUT', `The layer is not a readable tar stream: ${message}`, { cause: message }))
    }
    const onAbort = (): void => {
      tar.destroy()
      reject(new StrataError('CANCELLED', 'The layer analysis was cancelled.'))
    }
    signal?.addEventListener('abort', onAbort, { once: true })
    tar.on('entry', (header, body, next) => {
      addHeader(files, header)
      body.on('error', fail)
      const captureHere = capture !== undefined && header.type === 'file' && normalizePath(header.name) === capture.path
      if (captureHere && capture.toFile !== undefined) {
        const file = capture.toFile()
        const output = createWriteStream(file, { flags: 'wx', mode: 0o600 })
        output.on('error', fail)
        output.on('finish', () => {
          files.captured = { path: capture.path, size: header.size, bytes: Buffer.alloc(0), truncated: false, file }
          next()
        })
        Readable.from(body).pipe(output)
        return
      }
      body.on('end', next)
      if (captureHere) {
        const chunks: Buffer[] = []
        let kept = 0
        body.on('data', (data: unknown) => {
          if (kept >= capture.maxBytes) return
          const part = (data as Buffer).subarray(0, capture.maxBytes - kept)
          chunks.push(part)
          kept += part.length
        })
        body.on('end', () => {
          files.captured = { path: capture.path, size: header.size, bytes: Buffer.concat(chunks), truncated: header.size > kept, file: null }
        })
        return
      }
      body.resume()
    })
    // Done when the tar is parsed and, for the digest, every byte (trailing padding too) went by.
    let pending = hash === null ? 1 : 2
    const settle = (): void => {
      pending -= 1
      if (pending > 0) return
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }
    tar.on('finish', settle)
    if (hash !== null) {
      plain.on('end', () => {
        files.diffId = `sha256:${hash.digest('hex')}`
        settle()
      })
    }
    tar.on('error', fail)
    plain.on('error', fail)
    stream.on('error', fail)
    plain.pipe(tar)
  })
  return files
}
