import type { FileHandle } from 'node:fs/promises'
import { Transform, pipeline, type Readable } from 'node:stream'
import { failure } from '../../../shared/errors'
import { problem } from '../../../shared/problems'
import type { ArchiveAnalysis } from '../../../shared/types'
import { openRegularFile } from '../transfer/file-checks'
import { adviceOf } from './advisor/advise'
import { analysisOf, type AnalyzeOptions } from './analyze-image'
import { decompressor, detectCompression, looksLikeTar } from './compression'
import { readImageExport } from './export-reader'
import { stackOfExport } from './stack'

async function headOf(handle: FileHandle): Promise<Buffer> {
  const head = Buffer.alloc(512)
  const { bytesRead } = await handle.read(head, 0, head.length, 0)
  return head.subarray(0, bytesRead)
}

/**
 * The archive's tar, decompressed when it is compressed (`docker save | gzip` is how archives
 * travel), with the file's bytes counted as they pass. Piped, never listened to with 'data':
 * a listener would start the file flowing before the reader (loaded on first use) is there,
 * and the chunks read meanwhile would be lost. A failure anywhere ends the last stream, which the reader sees.
 */
function tarStream(file: Readable, head: Buffer, counted: (bytes: number) => void): Readable {
  let read = 0
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      read += chunk.length
      counted(read)
      callback(null, chunk)
    },
  })
  const compression = detectCompression(head)
  const ignore = (): void => undefined
  return compression === 'none' ? pipeline(file, counter, ignore) : pipeline(file, counter, decompressor(compression), ignore)
}

/**
 * Analyzes an image archive on the core's machine without loading it into any engine.
 * Opened as images.load opens files (absolute path, non-blocking, regular file only), and
 * its first bytes must be a tar or a compressed stream before anything else is read, so a
 * large file of some other kind is refused at once rather than read to its end.
 */
export async function analyzeArchiveFile(path: string, options: AnalyzeOptions = {}): Promise<ArchiveAnalysis> {
  const { handle, size } = await openRegularFile(path)
  let file: Readable | null = null
  try {
    const head = await headOf(handle)
    if (detectCompression(head) === 'none' && !looksLikeTar(head)) throw failure('INVALID_INPUT', problem('layer.archiveNotTar', { path }), { path })
    file = handle.createReadStream({ start: 0, autoClose: false })
    // Progress counts the file's bytes, which the size on disk bounds, compressed or not.
    const image = await readImageExport(tarStream(file, head, (read) => options.onProgress?.(read, size)), {
      ...(options.signal !== undefined ? { signal: options.signal } : {}),
      ...(options.platform !== undefined ? { platform: options.platform } : {}),
    })
    if (options.signal?.aborted === true) throw failure('CANCELLED', problem('layer.analysisCancelled'))
    const stack = stackOfExport(image)
    // The advice comes with the analysis: the archive is read once, and there is no engine to ask again.
    return { ...analysisOf(stack, options), advice: adviceOf(stack), archive: { path, bytes: size, references: image.archiveReferences, images: image.archiveImages } }
  } finally {
    // A refused or cancelled read may leave the file stream open under a decompressor the reader let go of.
    file?.destroy()
    await handle.close()
  }
}
