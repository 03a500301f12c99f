import { resolve } from 'node:path'
import type { Readable } from 'node:stream'
import { openRegularFile } from '../core/transfer/file-checks'
import { formatBytes, shortId } from '../../shared/format'
import { parsePlatform } from '../../shared/platform'
import type { ImageAnalysis, ImageDiff, Platform } from '../../shared/types'
import { analyzeArchive, type ReadOptions } from '../core/layers/analyze-image'
import { oneLine } from './cli-output'
import { ciReport, type CiPlan, type CiValues } from './cli-analyze-ci'
import { EXIT_OK, UsageError } from './cli-run'

/** The command-line options `analyze` reads. */
export type AnalyzeValues = CiValues & {
  files: boolean
  platform?: string | undefined
}

export interface AnalyzeIo {
  stdout(text: string): void
  cancelSignal?: AbortSignal
  progress?(label: string, done: number, total: number | null, finished: boolean): void
}

export function analysisText(analysis: ImageAnalysis): string {
  const name = analysis.image.repoTags[0] ?? shortId(analysis.image.id)
  const rows = [...analysis.layers].reverse().map((layer) => {
    const counts = `+${layer.added} ~${layer.modified} -${layer.removed}`
    return `  ${String(layer.index).padStart(3)}  ${formatBytes(layer.size).padStart(9)}  ${counts.padEnd(18)}  ${layer.createdBy.slice(0, 70)}`
  })
  const wasted = analysis.wasted.slice(0, 10).map((path) => `  ${formatBytes(path.bytes).padStart(9)}  ${path.path}  (layers ${path.layers.join(', ')})`)
  return [
    `Image ${name} (${shortId(analysis.image.id)})`,
    `Layers, top first:      size  added/modified/removed  instruction`,
    ...rows,
    '',
    `Stored ${formatBytes(analysis.totalBytes)}, wasted ${formatBytes(analysis.wastedBytes)}, efficiency ${(analysis.efficiency * 100).toFixed(2)}%`,
    ...(wasted.length > 0 ? ['Most wasted paths:', ...wasted] : []),
    '',
  ].join('\n')
}

export function diffText(diff: ImageDiff): string {
  const name = (image: ImageDiff['a']): string => image.repoTags[0] ?? shortId(image.id)
  const list = (sign: string, files: ImageDiff['added']): string[] => files.slice(0, 200).map((file) => `  ${sign} ${file.path}${file.type === 'dir' ? '/' : ''}`)
  const more = (files: ImageDiff['added']): string[] => (files.length > 200 ? [`  … and ${String(files.length - 200)} more`] : [])
  return [
    `${name(diff.a)} -> ${name(diff.b)}`,
    `Shared layers: ${String(diff.sharedLayers.length)}${diff.sharedLayers.length > 0 ? ` (${formatBytes(diff.sharedLayers.reduce((sum, layer) => sum + layer.size, 0))})` : ''}`,
    `Added ${String(diff.added.length)}, changed ${String(diff.changed.length)}, removed ${String(diff.removed.length)}`,
    ...list('+', diff.added),
    ...more(diff.added),
    ...list('~', diff.changed),
    ...more(diff.changed),
    ...list('-', diff.removed),
    ...more(diff.removed),
    '',
  ].join('\n')
}

export function platformOption(text: string | undefined): Platform | undefined {
  if (text === undefined) return undefined
  try {
    return parsePlatform(text)
  } catch (error) {
    throw new UsageError(`--platform: ${oneLine(error)}`)
  }
}

/**
 * An archive on disk handed to the layer parser, no engine involved: opened as
 * images.load opens files (non-blocking, only a regular file), with progress on
 * stderr and the user's Ctrl+C.
 */
export async function readArchiveFile<T>(path: string, platform: Platform | undefined, io: AnalyzeIo, read: (stream: Readable, size: number, options: ReadOptions) => Promise<T>): Promise<T> {
  const label = `Reading ${path}`
  const { handle, size } = await openRegularFile(resolve(path))
  try {
    return await read(handle.createReadStream({ autoClose: false }), size, {
      ...(platform !== undefined ? { platform } : {}),
      ...(io.cancelSignal !== undefined ? { signal: io.cancelSignal } : {}),
      onProgress: (done, total) => io.progress?.(label, done, total, false),
    })
  } finally {
    io.progress?.(label, 0, null, true)
    await handle.close()
  }
}

/** `analyze file.tar`. */
export async function analyzeFile(path: string, values: AnalyzeValues, io: AnalyzeIo, ci: CiPlan | null = null): Promise<number> {
  const analysis = await readArchiveFile(path, platformOption(values.platform), io, (stream, size, options) => analyzeArchive(stream, size, { ...options, files: values.files }))
  return report(analysis, values, io, ci)
}

/** Prints an analysis; on a CI run, judges it by the rules and exits 1 when one fails. */
export function report(analysis: ImageAnalysis, values: AnalyzeValues, io: AnalyzeIo, ci: CiPlan | null = null): number {
  if (ci === null) {
    io.stdout(values.json ? `${JSON.stringify(analysis, null, 2)}\n` : analysisText(analysis))
    return EXIT_OK
  }
  const verdict = ciReport(analysis, ci, values.json)
  io.stdout(values.json ? verdict.text : `${analysisText(analysis)}\n${verdict.text}`)
  return verdict.code
}
