import { describe, expect, it } from 'vitest'
import { analyzeStack, type Node } from '../../electron/core/layers/analysis'
import { pathMatcher, searchTree } from '../../electron/core/layers/tree-search'
import { NO_DIGEST, type LayerEntry } from '../../electron/core/layers/types'

function file(path: string): LayerEntry {
  return { path, type: 'file', size: 1, mode: 0o644, uid: 0, gid: 0, link: null, digest: NO_DIGEST }
}

/** One layer of `folders` folders of `perFolder` files each, merged as the explorer merges layers. */
function treeOf(folders: number, perFolder: number, name: (folder: number, index: number) => string): Node {
  const entries: LayerEntry[] = []
  for (let folder = 0; folder < folders; folder += 1) {
    entries.push({ ...file(`d${folder}`), type: 'dir', size: 0, mode: 0o755 })
    for (let index = 0; index < perFolder; index += 1) entries.push(file(`d${folder}/${name(folder, index)}`))
  }
  return analyzeStack([{ entries, whiteouts: [], opaqueDirs: [], tarBytes: 0 }], { topWasted: 0 }).tree.root
}

describe('searching a merged tree', () => {
  const small = treeOf(3, 20, (_folder, index) => `f${index}`)

  it('reports matches in walk order, folders included, up to the limit', async () => {
    const entry = (path: string): string => path
    expect(await searchTree(small, pathMatcher('d1/f1?'), { limit: 100, entry })).toEqual(Array.from({ length: 10 }, (_, index) => `d1/f1${index}`))
    expect(await searchTree(small, pathMatcher('d?'), { limit: 100, entry })).toEqual(['d0', 'd1', 'd2'])
    expect(await searchTree(small, pathMatcher('**f19'), { limit: 2, entry })).toEqual(['d0/f19', 'd1/f19'])
    expect(await searchTree(small, pathMatcher('F19'), { limit: 100, entry })).toEqual(['d0/f19', 'd1/f19', 'd2/f19'])
  })

  it('does nothing once the signal has aborted', async () => {
    const controller = new AbortController()
    controller.abort()
    let reported = 0
    const search = searchTree(small, pathMatcher('**'), { limit: 100, signal: controller.signal, entry: () => (reported += 1) })
    await expect(search).rejects.toMatchObject({ code: 'CANCELLED', message: 'The search was cancelled.' })
    expect(reported).toBe(0)
  })

  describe('over 200,000 long paths with a hostile glob', () => {
    // Each name is 200 a's: every path keeps all of the pattern's states alive to its end.
    const big = treeOf(200, 1000, (_folder, index) => `${'a'.repeat(200)}${index}`)
    const hostile = pathMatcher('**a**a**a**a**a**a**b')

    it('lets a timer run while it searches, and stops mid-way when cancelled from that timer', async () => {
      const controller = new AbortController()
      let visited = 0
      let settled = false
      let timerFiredWhileSearching = false
      const search = searchTree(big, (path) => ((visited += 1), hostile(path)), { limit: 10, signal: controller.signal, entry: (path) => path }).finally(() => {
        settled = true
      })
      setTimeout(() => {
        timerFiredWhileSearching = !settled
        controller.abort()
      }, 1)
      await expect(search).rejects.toMatchObject({ code: 'CANCELLED' })
      expect(timerFiredWhileSearching).toBe(true)
      expect(visited).toBeGreaterThan(0)
      expect(visited).toBeLessThan(200_200)
    })

    it('finishes the same search when nobody cancels it, having handed the event loop back on the way', async () => {
      let visited = 0
      let turns = 0
      let searching = true
      const tick = (): void => {
        if (!searching) return
        turns += 1
        setImmediate(tick)
      }
      setImmediate(tick)
      const found = await searchTree(big, (path) => ((visited += 1), hostile(path)), { limit: 10, entry: (path) => path })
      searching = false
      expect(found).toEqual([])
      // every folder and file was looked at: the pauses lose nothing
      expect(visited).toBe(200_200)
      expect(turns).toBeGreaterThan(1)
    })
  })
})
