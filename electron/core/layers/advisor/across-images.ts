import { ACROSS_IMAGES_FINDINGS, ADVICE_PATHS, type AcrossImages, type AdviceLayer, type SharedContentFinding } from '../../../../shared/advice'
import { chainIds } from '../../images/chain'
import type { LayerStack } from '../stack'
import { NO_DIGEST, type LayerFiles } from '../types'

/** Where this image stores one content first: a path and its layer. */
interface Place {
  path: string
  layer: number
  size: number
}

const contentKey = (size: number, digest: unknown): string => `${String(size)}:${String(digest)}`

/** Index of this image's stored file contents, by the layer that first stores each. */
function contentsOf(layers: readonly LayerFiles[]): Map<string, Place> {
  const places = new Map<string, Place>()
  for (const [layer, files] of layers.entries()) {
    for (const entry of files.entries) {
      if (entry.type !== 'file' || entry.size === 0 || entry.digest === NO_DIGEST) continue
      const key = contentKey(entry.size, entry.digest)
      if (!places.has(key)) places.set(key, { path: entry.path, layer, size: entry.size })
    }
  }
  return places
}

/** How many bottom layers two images share: chain IDs name a layer together with everything below it. */
function sharedDepth(chains: readonly string[], other: ReadonlySet<string>): number {
  let depth = 0
  while (depth < chains.length && other.has(chains[depth] ?? '')) depth += 1
  return depth
}

/**
 * Content this image and another store in layers they do not share: the same bytes
 * on the engine's disk twice, which a common base image would hold once. Compared by
 * size and 64-bit content digest; a content counts once per other image however many
 * paths hold it. Only unshared layers take part on both sides, so what a shared base
 * already holds once is never counted.
 */
export function acrossImages(stack: LayerStack, others: readonly LayerStack[], notRead: number): AcrossImages {
  const chains = chainIds(stack.diffIds)
  const mine = contentsOf(stack.layers)
  const layer = (index: number): AdviceLayer => ({ index, createdBy: stack.createdBy[index] ?? '' })
  const findings: SharedContentFinding[] = []
  for (const other of others) {
    const otherChains = chainIds(other.diffIds)
    const depthHere = sharedDepth(chains, new Set(otherChains))
    const depthThere = sharedDepth(otherChains, new Set(chains))
    const counted = new Set<string>()
    const layers = new Set<number>()
    const paths: SharedContentFinding['paths'] = []
    let bytes = 0
    for (const files of other.layers.slice(depthThere)) {
      for (const entry of files.entries) {
        if (entry.type !== 'file' || entry.size === 0 || entry.digest === NO_DIGEST) continue
        const key = contentKey(entry.size, entry.digest)
        const place = mine.get(key)
        if (place === undefined || place.layer < depthHere || counted.has(key)) continue
        counted.add(key)
        bytes += place.size
        layers.add(place.layer)
        paths.push({ path: place.path, bytes: place.size, layer: place.layer, otherPath: entry.path })
      }
    }
    if (bytes === 0) continue
    paths.sort((a, b) => b.bytes - a.bytes || a.path.localeCompare(b.path))
    findings.push({
      image: { id: other.imageId, repoTags: other.repoTags },
      bytes,
      files: counted.size,
      layers: [...layers].sort((a, b) => a - b).map(layer),
      paths: paths.slice(0, ADVICE_PATHS),
    })
  }
  findings.sort((a, b) => b.bytes - a.bytes || a.image.id.localeCompare(b.image.id))
  return { compared: others.length, notRead, findings: findings.slice(0, ACROSS_IMAGES_FINDINGS) }
}
