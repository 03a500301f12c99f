import { describe, expect, it } from 'vitest'
import { ChainSizes } from '../../electron/core/images/chain-sizes'
import type { HistoryData, InspectData } from '../../electron/core/images/image-data'

function image(id: string, chainIds: string[], size: number): InspectData {
  return {
    id,
    created: '',
    size,
    platform: { os: 'linux', architecture: 'amd64', variant: null },
    config: { entrypoint: null, cmd: null, env: [], exposedPorts: [], volumes: [], workingDir: '', user: '', labels: {}, stopSignal: null },
    graphDriver: { name: 'overlay2', data: {} },
    diffIds: chainIds,
    chainIds,
  }
}

function history(id: string, sizes: [string, number][]): HistoryData {
  return {
    id,
    history: [],
    layers: sizes.map(([chainId, size], index) => ({ index, diffId: chainId, chainId, size, createdBy: '', created: null, emptySteps: [] })),
  }
}

describe('ChainSizes', () => {
  it('derives the one unknown layer of each image from its size, once the base is known', () => {
    const sizes = new ChainSizes()
    const base = image('base', ['c0', 'c1'], 110)
    const childA = image('a', ['c0', 'c1', 'ca'], 150)
    const grandchild = image('g', ['c0', 'c1', 'ca', 'cg'], 151)
    sizes.derive([grandchild, childA, base])
    expect(sizes.get('ca')).toBeUndefined()
    sizes.learn(history('base', [['c0', 100], ['c1', 10]]), 110)
    sizes.derive([grandchild, childA, base])
    expect([sizes.get('ca'), sizes.get('cg')]).toEqual([40, 1])
    expect(sizes.derivationTrusted).toBe(true)
  })

  it('stops deriving, and forgets what it derived, on an engine whose sizes do not add up', () => {
    const sizes = new ChainSizes()
    sizes.learn(history('base', [['c0', 100]]), 100)
    sizes.derive([image('a', ['c0', 'ca'], 130)])
    expect(sizes.get('ca')).toBe(30)
    sizes.learn(history('b', [['c0', 100], ['cb', 5]]), 999)
    expect(sizes.derivationTrusted).toBe(false)
    expect(sizes.get('ca')).toBeUndefined()
    expect(sizes.get('cb')).toBe(5)
    sizes.derive([image('c', ['c0', 'cc'], 150)])
    expect(sizes.get('cc')).toBeUndefined()
  })
})
