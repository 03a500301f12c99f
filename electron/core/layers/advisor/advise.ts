import { ADVICE_KIND, ADVICE_PATHS, type AdviceCause, type AdviceCauseTotal, type AdviceFinding, type AdviceLayer, type AdvicePath, type ImageAdvice, type PackageCache } from '../../../../shared/advice'
import { analyzeStack, walk, type HiddenCopy } from '../analysis'
import type { LayerStack } from '../stack'
import { NO_DIGEST } from '../types'
import { leftoverOf } from './leftovers'

/** A finding while it is being gathered: every path is kept until the end picks the largest. */
interface Gathering {
  cause: AdviceCause
  cache?: PackageCache
  bytes: number
  files: number
  layers: Set<number>
  hiddenBy: number | null
  paths: AdvicePath[]
}

function causeOfHidden(copy: HiddenCopy): AdviceCause {
  if (copy.how === 'whiteout') return 'removed-later'
  if (copy.how === 'opaque') return 'hidden-by-opaque'
  return copy.sameContent === true ? 'restored-same-bytes' : 'overwritten-later'
}

class Findings {
  private readonly byKey = new Map<string, Gathering>()

  add(key: string, start: Omit<Gathering, 'bytes' | 'files' | 'layers' | 'paths'>, path: AdvicePath): void {
    let gathering = this.byKey.get(key)
    if (gathering === undefined) {
      gathering = { ...start, bytes: 0, files: 0, layers: new Set(), paths: [] }
      this.byKey.set(key, gathering)
    }
    gathering.bytes += path.bytes
    gathering.files += 1
    gathering.layers.add(path.layer)
    gathering.paths.push(path)
  }

  finish(createdBy: readonly string[]): AdviceFinding[] {
    const layer = (index: number): AdviceLayer => ({ index, createdBy: createdBy[index] ?? '' })
    const findings = [...this.byKey.values()].map((gathering): AdviceFinding => {
      const paths = gathering.paths.sort((a, b) => b.bytes - a.bytes || a.path.localeCompare(b.path)).slice(0, ADVICE_PATHS)
      return {
        cause: gathering.cause,
        kind: ADVICE_KIND[gathering.cause],
        ...(gathering.cache !== undefined ? { cache: gathering.cache } : {}),
        bytes: gathering.bytes,
        files: gathering.files,
        storedBy: [...gathering.layers].sort((a, b) => a - b).map(layer),
        hiddenBy: gathering.hiddenBy === null ? null : layer(gathering.hiddenBy),
        paths,
      }
    })
    return findings.sort((a, b) => b.bytes - a.bytes || a.cause.localeCompare(b.cause) || (a.storedBy[0]?.index ?? 0) - (b.storedBy[0]?.index ?? 0))
  }
}

function totalsByCause(findings: readonly AdviceFinding[]): AdviceCauseTotal[] {
  const totals = new Map<AdviceCause, AdviceCauseTotal>()
  for (const finding of findings) {
    const total = totals.get(finding.cause) ?? { cause: finding.cause, kind: finding.kind, bytes: 0, files: 0 }
    total.bytes += finding.bytes
    total.files += finding.files
    totals.set(finding.cause, total)
  }
  return [...totals.values()].sort((a, b) => b.bytes - a.bytes || a.cause.localeCompare(b.cause))
}

/**
 * What an image could give back, and how. Each hidden copy is classified at the
 * moment a later layer hides it; each visible file is either a known left-over
 * (package caches, bytecode, docs) or checked against the other visible files for
 * the same bytes. Those three sets never share a byte: hidden copies are not
 * visible, and a left-over is not also counted as a duplicate.
 */
export function adviceOf(stack: LayerStack): ImageAdvice {
  const findings = new Findings()
  const analysis = analyzeStack(stack.layers, {
    topWasted: 0,
    onHidden: (copy) => {
      const cause = causeOfHidden(copy)
      findings.add(`${cause}|${String(copy.layer)}|${String(copy.by)}`, { cause, hiddenBy: copy.by }, { path: copy.path, bytes: copy.entry.size, layer: copy.layer })
    },
  })

  // The first path seen with given bytes is the one kept; later ones repeat it.
  const firstWithContent = new Map<string, string>()
  for (const [path, node] of walk(analysis.tree.root, '')) {
    const entry = node.entry
    if (entry?.type !== 'file' || entry.size === 0) continue
    const leftover = leftoverOf(path)
    if (leftover !== null) {
      findings.add(`${leftover.cause}|${leftover.cache ?? ''}`, { cause: leftover.cause, ...(leftover.cache !== undefined ? { cache: leftover.cache } : {}), hiddenBy: null }, { path, bytes: entry.size, layer: node.layer })
      continue
    }
    if (entry.digest === NO_DIGEST) continue
    const content = `${String(entry.size)}:${entry.digest}`
    const kept = firstWithContent.get(content)
    if (kept === undefined) firstWithContent.set(content, path)
    else findings.add(`duplicate-content|${String(node.layer)}`, { cause: 'duplicate-content', hiddenBy: null }, { path, bytes: entry.size, layer: node.layer, copyOf: kept })
  }

  const all = findings.finish(stack.createdBy)
  return {
    image: { id: stack.imageId, repoTags: stack.repoTags },
    totalBytes: analysis.totalBytes,
    recoverableBytes: all.reduce((sum, finding) => sum + finding.bytes, 0),
    byCause: totalsByCause(all),
    findings: all,
    top: all.slice(0, 3),
    acrossImages: null,
  }
}
