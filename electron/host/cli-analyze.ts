import { formatBytes, shortId } from '../../shared/format'
import type { ImageAnalysis, ImageDiff } from '../../shared/types'

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
