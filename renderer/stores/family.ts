import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { buildLayerTree, layerTreeRows } from '../../shared/layer-tree'
import type { LayerChains } from '../../shared/types'
import { strataApi } from '../api'
import { LatestRequest } from '../lib/latest-request'
import { useErrorStore } from './errors'

/** The Family view's data: every listed image's layer chains, the tree built from them, and what the view filters and folds. */
export const useFamilyStore = defineStore('family', () => {
  const chains = ref<LayerChains | null>(null)
  const loading = ref(false)
  const search = ref('')
  const collapsed = ref<ReadonlySet<string>>(new Set())
  const listScrollTop = ref(0)
  const errors = useErrorStore()

  /** An answer overtaken by a newer load is dropped, not shown. */
  const latestLoad = new LatestRequest()

  async function load(): Promise<void> {
    const isLatest = latestLoad.begin()
    loading.value = true
    try {
      const answer = await strataApi().call('images.chains', {})
      if (isLatest()) chains.value = answer
    } catch (error) {
      if (isLatest()) errors.report(error)
    } finally {
      if (isLatest()) loading.value = false
    }
  }

  const tree = computed(() => (chains.value === null ? [] : buildLayerTree(chains.value)))
  const rows = computed(() => layerTreeRows(tree.value, search.value, collapsed.value))

  /** Bytes stored once but held by several images: what sharing saves counting. */
  const sharedBytes = computed(() => {
    let total = 0
    const walk = (nodes: typeof tree.value): void => {
      for (const node of nodes) {
        if (node.holders > 1) total += node.bytes
        walk(node.children)
      }
    }
    walk(tree.value)
    return total
  })

  const runCount = computed(() => {
    let count = 0
    const walk = (nodes: typeof tree.value): void => {
      for (const node of nodes) {
        count += 1
        walk(node.children)
      }
    }
    walk(tree.value)
    return count
  })

  function setExpanded(key: string, expanded: boolean): void {
    const next = new Set(collapsed.value)
    if (expanded) next.delete(key)
    else next.add(key)
    collapsed.value = next
  }

  return { chains, loading, search, collapsed, listScrollTop, load, tree, rows, sharedBytes, runCount, setExpanded }
})
