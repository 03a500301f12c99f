import { describe, expect, it } from 'vitest'
import { buildLayerTree, layerTreeRows, type LayerTreeNode } from '../../shared/layer-tree'
import type { LayerChains } from '../../shared/types'

const CREATED = '2026-01-01T00:00:00.000Z'

/**
 * base:1 = b0 b1; web:1 = base + w1 w2; api:1 = base + a1; api:2 = api:1 + a2;
 * twin:1 = same chain as web:1 (differs only in config); other:1 = o0 (another base); empty:1 = no layers.
 */
const CHAINS: LayerChains = {
  images: [
    { id: 'sha256:base', repoTags: ['base:1'], created: CREATED, chainIds: ['b0', 'b1'] },
    { id: 'sha256:web', repoTags: ['web:1'], created: CREATED, chainIds: ['b0', 'b1', 'w1', 'w2'] },
    { id: 'sha256:twin', repoTags: ['twin:1'], created: CREATED, chainIds: ['b0', 'b1', 'w1', 'w2'] },
    { id: 'sha256:api1', repoTags: ['api:1'], created: CREATED, chainIds: ['b0', 'b1', 'a1'] },
    { id: 'sha256:api2', repoTags: ['api:2'], created: CREATED, chainIds: ['b0', 'b1', 'a1', 'a2'] },
    { id: 'sha256:other', repoTags: ['other:1'], created: CREATED, chainIds: ['o0'] },
    { id: 'sha256:empty', repoTags: ['empty:1'], created: CREATED, chainIds: [] },
  ],
  chainSizes: { b0: 1000, b1: 200, w1: 30, w2: 40, a1: 50, a2: 7, o0: 300 },
}

function find(nodes: readonly LayerTreeNode[], chainId: string): LayerTreeNode | undefined {
  for (const node of nodes) {
    if (node.chainId === chainId) return node
    const below = find(node.children, chainId)
    if (below !== undefined) return below
  }
  return undefined
}

describe('buildLayerTree', () => {
  const roots = buildLayerTree(CHAINS)

  it('folds runs where nothing branches or ends into one node named by its top chain ID', () => {
    expect(roots.map((root) => root.chainId)).toEqual(['b1', 'o0', ''])
    const base = find(roots, 'b1')
    expect(base).toMatchObject({ layers: 2, bytes: 1200, holders: 5 })
    expect(base?.images.map((image) => image.repoTags[0])).toEqual(['base:1'])
    // web's two layers fold into one node that two images (identical chains) end on.
    expect(find(roots, 'w2')).toMatchObject({ layers: 2, bytes: 70, holders: 2 })
    expect(find(roots, 'w1')).toBeUndefined()
    // As many images hold each branch: the larger one first.
    expect(base?.children.map((child) => child.chainId)).toEqual(['w2', 'a1'])
  })

  it('sizes each image by the bytes only it holds, as docker system df counts them', () => {
    const images = new Map<string, number>()
    const collect = (nodes: readonly LayerTreeNode[]): void => {
      for (const node of nodes) {
        for (const image of node.images) images.set(image.repoTags[0] ?? '', image.uniqueBytes)
        collect(node.children)
      }
    }
    collect(roots)
    expect(Object.fromEntries(images)).toEqual({ 'base:1': 0, 'web:1': 0, 'twin:1': 0, 'api:1': 0, 'api:2': 7, 'other:1': 300, 'empty:1': 0 })
  })

  it('counts every layer once: the nodes add up to the bytes of the distinct chains', () => {
    let total = 0
    const walk = (nodes: readonly LayerTreeNode[]): void => {
      for (const node of nodes) {
        total += node.bytes
        walk(node.children)
      }
    }
    walk(roots)
    expect(total).toBe(Object.values(CHAINS.chainSizes).reduce((sum, size) => sum + size, 0))
  })
})

describe('layerTreeRows', () => {
  const roots = buildLayerTree(CHAINS)

  it('lists a run, the images ending on it, then the runs above it, depth first', () => {
    const rows = layerTreeRows(roots, '')
    expect(rows.slice(0, 9).map((row) => (row.kind === 'image' ? `${row.depth} ${row.image.repoTags[0] ?? ''}` : `${row.depth} [${row.node.chainId}]`))).toEqual([
      '0 [b1]',
      '1 base:1',
      '1 [w2]',
      '2 twin:1',
      '2 web:1',
      '1 [a1]',
      '2 api:1',
      '2 [a2]',
      '3 api:2',
    ])
    // Six runs of layers and seven images.
    expect(rows).toHaveLength(13)
  })

  it('keeps only the matching images with every run on their paths', () => {
    const rows = layerTreeRows(roots, 'API:2')
    expect(rows.map((row) => (row.kind === 'image' ? row.image.repoTags[0] : row.node.chainId))).toEqual(['b1', 'a1', 'a2', 'api:2'])
    expect(layerTreeRows(roots, 'nothing-matches')).toEqual([])
    // An ID prefix matches too.
    expect(layerTreeRows(roots, 'sha256:oth').map((row) => row.key)).toEqual(['layers:o0', 'image:sha256:other'])
  })

  it('hides what is above a folded node, but a search shows through it', () => {
    const folded = layerTreeRows(roots, '', new Set(['layers:b1']))
    expect(folded[0]).toMatchObject({ kind: 'layers', expanded: false })
    expect(folded.map((row) => row.key)).toEqual(['layers:b1', 'layers:o0', 'image:sha256:other', 'layers:', 'image:sha256:empty'])
    expect(layerTreeRows(roots, 'web', new Set(['layers:b1'])).map((row) => row.key)).toContain('image:sha256:web')
  })

  it('builds and flattens 1,000 images on shared bases, each shared run once', () => {
    const images: LayerChains['images'] = []
    const chainSizes: Record<string, number> = {}
    for (let index = 0; index < 1000; index += 1) {
      const chainIds = [`base${index % 5}`, `mid${index % 50}`, `top${index}`]
      for (const chainId of chainIds) chainSizes[chainId] = 1000
      images.push({ id: `sha256:${index}`, repoTags: [`app${index}:1`], created: CREATED, chainIds })
    }
    // Speed is not asserted here (tests assert no times); the view draws only the rows in sight.
    const rows = layerTreeRows(buildLayerTree({ images, chainSizes }), '')
    // 5 bases + 50 middles + 1,000 tops, each with its image.
    expect(rows).toHaveLength(5 + 50 + 2000)
  })
})
