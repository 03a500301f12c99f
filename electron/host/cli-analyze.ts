import { resolve } from 'node:path'
import { openRegularFile } from '../core/transfer/file-checks'
import { formatBytes, shortId } from '../../shared/format'
import { parsePlatform } from '../../shared/platform'
import type { ImageAnalysis, ImageDiff, Platform } from '../../shared/types'
import { analyzeArchive } from '../core/layers/analyze-image'
import { oneLine } from './cli-output'
import { EXIT_ERROR, EXIT_OK, UsageError } from './cli-run'

/** The command-line options `analyze` reads. */
export interface AnalyzeValues {
  json: boolean
  ci: boolean
  files: boolean
  platform?: string | undefined
  'lowest-efficiency'?: string | undefined
  'highest-wasted'?: string | undefined
  'highest-wasted-percent'?: string | undefined
}

export interface AnalyzeIo {
  stdout(text: string): void
  cancelSignal?: AbortSignal
  progress?(label: string, done: number, total: number | null, finished: boolean): void
}

/** "20MB" (decimal, as docker prints), "20MiB" (binary), or plain bytes. */
export function parseSize(text: string): number | null {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([kKmMgGtT]?)(i?)[bB]?\s*$/.exec(text)
  if (match === null) return null
  const exponent = ' KMGT'.indexOf((match[2] ?? '').toUpperCase() || ' ')
  const base = match[3] === 'i' ? 1024 : 1000
  return Math.round(Number(match[1]) * base ** exponent)
}

export interface CiRules {
  lowestEfficiency: number
  highestWastedBytes: number
  highestWastedPercent: number
}

/** dive's defaults, so a pipeline moving from dive keeps its meaning. */
export const DEFAULT_CI_RULES: CiRules = { lowestEfficiency: 0.9, highestWastedBytes: 20_000_000, highestWastedPercent: 0.1 }

export interface CiVerdict {
  rule: string
  passed: boolean
  detail: string
}

export function checkCiRules(analysis: ImageAnalysis, rules: CiRules): CiVerdict[] {
  const wastedPercent = analysis.totalBytes === 0 ? 0 : analysis.wastedBytes / analysis.totalBytes
  return [
    {
      rule: 'lowest-efficiency',
      passed: analysis.efficiency >= rules.lowestEfficiency,
      detail: `efficiency ${(analysis.efficiency * 100).toFixed(2)}% (at least ${(rules.lowestEfficiency * 100).toFixed(2)}%)`,
    },
    {
      rule: 'highest-wasted',
      passed: analysis.wastedBytes <= rules.highestWastedBytes,
      detail: `wasted ${formatBytes(analysis.wastedBytes)} (at most ${formatBytes(rules.highestWastedBytes)})`,
    },
    {
      rule: 'highest-wasted-percent',
      passed: wastedPercent <= rules.highestWastedPercent,
      detail: `wasted ${(wastedPercent * 100).toFixed(2)}% of stored bytes (at most ${(rules.highestWastedPercent * 100).toFixed(2)}%)`,
    },
  ]
}

export function ciText(verdicts: CiVerdict[]): string {
  const lines = verdicts.map((verdict) => `  ${verdict.passed ? 'PASS' : 'FAIL'}  ${verdict.rule}: ${verdict.detail}`)
  const failed = verdicts.filter((verdict) => !verdict.passed).length
  return `${lines.join('\n')}\nResult: ${failed === 0 ? 'PASS' : `FAIL (${failed} of ${verdicts.length} rules)`}\n`
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

/** `analyze file.tar`: read by the layer parser straight from disk, no engine involved. */
export async function analyzeFile(path: string, values: AnalyzeValues, io: AnalyzeIo): Promise<number> {
  const platform = platformOption(values.platform)
  const label = `Reading ${path}`
  let analysis: ImageAnalysis
  // Opened as images.load opens files: non-blocking, and only a regular file is read.
  const { handle, size } = await openRegularFile(resolve(path))
  try {
    analysis = await analyzeArchive(handle.createReadStream({ autoClose: false }), size, {
      files: values.files,
      ...(platform !== undefined ? { platform } : {}),
      ...(io.cancelSignal !== undefined ? { signal: io.cancelSignal } : {}),
      onProgress: (done, total) => io.progress?.(label, done, total, false),
    })
  } finally {
    io.progress?.(label, 0, null, true)
    await handle.close()
  }
  return report(analysis, values, io)
}

function ratio(text: string | undefined, fallback: number, option: string): number {
  if (text === undefined) return fallback
  const value = Number(text)
  if (!Number.isFinite(value) || value < 0 || value > 1) throw new UsageError(`--${option} must be a fraction from 0 to 1, not "${text}"`)
  return value
}

/** Prints an analysis; with --ci, judges it by the rules and exits 1 when one fails. */
export function report(analysis: ImageAnalysis, values: AnalyzeValues, io: AnalyzeIo): number {
  if (!values.ci) {
    io.stdout(values.json ? `${JSON.stringify(analysis, null, 2)}\n` : analysisText(analysis))
    return EXIT_OK
  }
  const wasted = values['highest-wasted'] === undefined ? DEFAULT_CI_RULES.highestWastedBytes : parseSize(values['highest-wasted'])
  if (wasted === null) throw new UsageError(`--highest-wasted must be a size such as 20MB, not "${values['highest-wasted'] ?? ''}"`)
  const verdicts = checkCiRules(analysis, {
    lowestEfficiency: ratio(values['lowest-efficiency'], DEFAULT_CI_RULES.lowestEfficiency, 'lowest-efficiency'),
    highestWastedBytes: wasted,
    highestWastedPercent: ratio(values['highest-wasted-percent'], DEFAULT_CI_RULES.highestWastedPercent, 'highest-wasted-percent'),
  })
  io.stdout(values.json ? `${JSON.stringify({ ...analysis, ci: verdicts }, null, 2)}\n` : `${analysisText(analysis)}${ciText(verdicts)}`)
  return verdicts.every((verdict) => verdict.passed) ? EXIT_OK : EXIT_ERROR
}
