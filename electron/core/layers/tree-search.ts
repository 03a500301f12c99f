import { failure } from '../../../shared/errors'
import { problem } from '../../../shared/problems'
import { walk, type Node } from './analysis'
import { compileGlob } from './glob'
import { TimeSlices } from './time-slices'

/** As the contract caps `layers.search`; checked here too for callers that skip the contract. */
export const MAX_PATTERN_LENGTH = 512

/** Glob (*, ?, **) when the pattern has wildcards, else a case-insensitive substring. */
export function pathMatcher(pattern: string): (path: string) => boolean {
  if (pattern.length > MAX_PATTERN_LENGTH) {
    throw failure('INVALID_INPUT', problem('layer.patternTooLong', { max: MAX_PATTERN_LENGTH, length: pattern.length }), { length: pattern.length })
  }
  if (!pattern.includes('*') && !pattern.includes('?')) {
    const needle = pattern.toLowerCase()
    return (path) => path.toLowerCase().includes(needle)
  }
  return compileGlob(pattern)
}

export interface TreeSearch<T> {
  limit: number
  signal?: AbortSignal
  /** What a match is reported as. */
  entry: (path: string, node: Node) => T
}

/**
 * The paths under `root` that match, in walk order, at most `limit`. A layer can hold
 * hundreds of thousands of paths, so the walk hands the event loop back every few
 * milliseconds and stops with CANCELLED when the signal aborts.
 */
export async function searchTree<T>(root: Node, matches: (path: string) => boolean, search: TreeSearch<T>): Promise<T[]> {
  const slices = new TimeSlices(search.signal, problem('layer.searchCancelled'))
  slices.throwIfCancelled()
  const found: T[] = []
  for (const [path, node] of walk(root, '')) {
    if (slices.due()) await slices.pause()
    if (path === '' || !matches(path)) continue
    found.push(search.entry(path, node))
    if (found.length >= search.limit) break
  }
  return found
}
