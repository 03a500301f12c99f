import type { ImageAdvice } from '../../shared/advice'
import { CAUSE_TITLE, findingRemedy, findingSummary, findingTitle, layerName } from '../../shared/advice-text'
import { formatBytes, shortId } from '../../shared/format'
import type { Platform } from '../../shared/types'
import { adviseArchive } from '../core/layers/advisor/advise-image'
import { readArchiveFile, type AnalyzeIo } from './cli-analyze'
import { EXIT_OK } from './cli-run'

function percent(part: number, whole: number): string {
  return whole === 0 ? '0%' : `${((part / whole) * 100).toFixed(1)}%`
}

/** `strata analyze --advice`: what the image could give back, the largest changes first. */
export function adviceText(advice: ImageAdvice): string {
  const name = advice.image.repoTags[0] ?? shortId(advice.image.id)
  const lines = [`Image ${name} (${shortId(advice.image.id)}): stores ${formatBytes(advice.totalBytes)}, ${formatBytes(advice.recoverableBytes)} recoverable (${percent(advice.recoverableBytes, advice.totalBytes)})`]
  if (advice.findings.length === 0) return [...lines, 'Nothing to recover: no wasted, left-over or duplicate bytes found.', ...acrossImagesText(advice), ''].join('\n')
  lines.push('', 'By cause:')
  for (const total of advice.byCause) lines.push(`  ${total.kind.padEnd(9)}  ${formatBytes(total.bytes).padStart(9)}  ${CAUSE_TITLE[total.cause]} (${total.files.toLocaleString('en-US')} files)`)
  lines.push('', 'The changes that would save the most:')
  for (const [index, finding] of advice.top.entries()) {
    lines.push(`  ${String(index + 1)}. ${findingTitle(finding)}: ${formatBytes(finding.bytes)}`, `     ${findingSummary(finding)}`, `     Fix: ${findingRemedy(finding)}`)
  }
  lines.push('', 'Every finding, with its largest paths:')
  for (const finding of advice.findings) {
    const hidden = finding.hiddenBy === null ? '' : ` -> hidden by ${layerName(finding.hiddenBy)}`
    lines.push(`  ${formatBytes(finding.bytes).padStart(9)}  ${findingTitle(finding)}: ${finding.storedBy.map((layer) => `layer ${String(layer.index)}`).join(', ')}${hidden}`)
    for (const path of finding.paths.slice(0, 5)) lines.push(`             ${formatBytes(path.bytes).padStart(9)}  /${path.path}${path.copyOf === undefined ? '' : ` (same bytes as /${path.copyOf})`}`)
    if (finding.files > 5) lines.push(`             … and ${(finding.files - Math.min(5, finding.paths.length)).toLocaleString('en-US')} more files`)
  }
  lines.push(...acrossImagesText(advice))
  return `${lines.join('\n')}\n`
}

function acrossImagesText(advice: ImageAdvice): string[] {
  const across = advice.acrossImages
  if (across === null) return []
  const lines = ['', `Across images (compared with ${String(across.compared)} other local images whose layers were read; ${String(across.notRead)} not read yet):`]
  if (across.findings.length === 0) lines.push('  No other image stores the same files in layers it does not share with this one.')
  for (const finding of across.findings) {
    const other = finding.image.repoTags[0] ?? shortId(finding.image.id)
    lines.push(`  ${formatBytes(finding.bytes).padStart(9)}  also stored by ${other} (${finding.files.toLocaleString('en-US')} files): a common base image would hold them once`)
    for (const path of finding.paths.slice(0, 3)) lines.push(`             ${formatBytes(path.bytes).padStart(9)}  /${path.path} = ${other}:/${path.otherPath}`)
  }
  return lines
}

export function printAdvice(advice: ImageAdvice, json: boolean, io: AnalyzeIo): number {
  io.stdout(json ? `${JSON.stringify(advice, null, 2)}\n` : adviceText(advice))
  return EXIT_OK
}

/** Advice on an archive on disk, read as `analyze` reads it. */
export async function adviseFile(path: string, platform: Platform | undefined, json: boolean, io: AnalyzeIo): Promise<number> {
  return printAdvice(await readArchiveFile(path, platform, io, adviseArchive), json, io)
}
