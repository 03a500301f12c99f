import type { LayerChains } from './types'

/** An image where its chain ends in the tree. */
export interface LayerTreeImage {
  id: string
  repoTags: string[]
  created: string
  /** Bytes of the layers no other image holds: the segments below its last branch point. */
  uniqueBytes: number
  /** Size of all its layers. */
  totalBytes: number
}

/**
 * A run of layers every image below it holds, cut where images branch or where an
 * image's chain ends. The chain ID of its top layer names the run: a chain ID stands
 * for the whole stack beneath it, so two images share a node exactly when they
 * share every layer up to it.
 */
export interface LayerTreeNode {
  chainId: string
  /** Layers in the run and their bytes (stored once however many images hold them). */
  layers: number
  bytes: number
  /** Images whose chains pass through or end at this node. */
  holders: number
  /** Images whose chain ends here (several when they differ only in config). */
  images: LayerTreeImage[]
  children: LayerTreeNode[]
}

interface TrieNode {
  chainId: string
  size: number
  holders: number
  images: LayerChains['images']
  children: Map<string, TrieNode>
}

function trieNode(chainId: string, size: number): TrieNode {
  return { chainId, size, holders: 0, images: [], children: new Map() }
}

function byName(a: { repoTags: string[]; id: string }, b: { repoTags: string[]; id: string }): number {
  return (a.repoTags[0] ?? `~${a.id}`).localeCompare(b.repoTags[0] ?? `~${b.id}`)
}

/**
 * The layer tree across all images (what ImageLayers.io drew): one trie keyed by
 * chain ID, then every run of single-child layers that no image ends in folded into
 * one node. Roots are the base layers; images without layers hang off a root of
 * their own with chainId ''. Pure and linear in the total number of layers.
 */
export function buildLayerTree(chains: LayerChains): LayerTreeNode[] {
  const root = trieNode('', 0)
  const sizeOf = (chainId: string): number => chains.chainSizes[chainId] ?? 0
  for (const image of chains.images) {
    let node = root
    node.holders += 1
    for (const chainId of image.chainIds) {
      let next = node.children.get(chainId)
      if (next === undefined) {
        next = trieNode(chainId, sizeOf(chainId))
        node.children.set(chainId, next)
      }
      next.holders += 1
      node = next
    }
    node.images.push(image)
  }

  const fold = (start: TrieNode, above: { uniqueBytes: number }): LayerTreeNode => {
    let node = start
    let layers = 1
    let bytes = start.size
    // Fold while exactly one image-free path continues: nothing branches or ends there.
    while (node.images.length === 0 && node.children.size === 1) {
      const only = node.children.values().next().value as TrieNode
      node = only
      layers += 1
      bytes += only.size
    }
    // A run one image holds alone is that image's unique bytes.
    const unique = { uniqueBytes: above.uniqueBytes + (node.holders === 1 ? bytes : 0) }
    return {
      chainId: node.chainId,
      layers,
      bytes,
      holders: node.holders,
      images: node.images
        .map((image) => ({ id: image.id, repoTags: image.repoTags, created: image.created, uniqueBytes: node.holders === 1 ? unique.uniqueBytes : 0, totalBytes: image.chainIds.reduce((sum, chainId) => sum + sizeOf(chainId), 0) }))
        .sort(byName),
      children: [...node.children.values()].map((child) => fold(child, unique)).sort(compareNodes),
    }
  }

  const roots = [...root.children.values()].map((child) => fold(child, { uniqueBytes: 0 })).sort(compareNodes)
  if (root.images.length > 0) {
    roots.push({
      chainId: '',
      layers: 0,
      bytes: 0,
      holders: root.images.length,
      images: root.images.map((image) => ({ id: image.id, repoTags: image.repoTags, created: image.created, uniqueBytes: 0, totalBytes: 0 })).sort(byName),
      children: [],
    })
  }
  return roots
}

/** The busiest families first, so the shared bases lead. */
function compareNodes(a: LayerTreeNode, b: LayerTreeNode): number {
  return b.holders - a.holders || b.bytes - a.bytes || a.chainId.localeCompare(b.chainId)
}

export type LayerTreeRow =
  | { kind: 'layers'; key: string; depth: number; node: LayerTreeNode; expandable: boolean; expanded: boolean }
  | { kind: 'image'; key: string; depth: number; image: LayerTreeImage }

/** The image matches when a tag or its ID (with or without sha256:) contains the search. */
export function imageMatches(image: Pick<LayerTreeImage, 'id' | 'repoTags'>, needle: string): boolean {
  if (needle === '') return true
  const hex = image.id.replace(/^sha256:/, '')
  return image.repoTags.some((tag) => tag.toLowerCase().includes(needle)) || hex.startsWith(needle.replace(/^sha256:/, ''))
}

/**
 * The rows to draw, depth first: a run of layers, then the images that end on it,
 * then the runs above it. With a search, only the matching images are kept, with
 * every run on their paths (so a match is always shown in its family); folded
 * nodes hide what is above them unless a search is on.
 */
export function layerTreeRows(roots: readonly LayerTreeNode[], search: string, collapsed: ReadonlySet<string> = new Set()): LayerTreeRow[] {
  const needle = search.trim().toLowerCase()
  const rows: LayerTreeRow[] = []
  // Post-order: whether a node has a match anywhere above it, computed once per node.
  const keep = new Map<LayerTreeNode, boolean>()
  const hasMatch = (node: LayerTreeNode): boolean => {
    const known = keep.get(node)
    if (known !== undefined) return known
    let found = node.images.some((image) => imageMatches(image, needle))
    for (const child of node.children) if (hasMatch(child)) found = true
    keep.set(node, found)
    return found
  }
  const walk = (node: LayerTreeNode, depth: number): void => {
    if (needle !== '' && !hasMatch(node)) return
    // A chain ID names its whole stack, so it is unique in the tree.
    const key = `layers:${node.chainId}`
    const expandable = node.images.length + node.children.length > 0
    const expanded = needle !== '' || !collapsed.has(key)
    rows.push({ kind: 'layers', key, depth, node, expandable, expanded })
    if (!expanded) return
    for (const image of node.images) if (imageMatches(image, needle)) rows.push({ kind: 'image', key: `image:${image.id}`, depth: depth + 1, image })
    for (const child of node.children) walk(child, depth + 1)
  }
  for (const root of roots) walk(root, 0)
  return rows
}
