import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { ContainerLogSize } from '../../shared/types'
import { strataApi } from '../api'
import { LatestRequest } from '../lib/latest-request'

/**
 * Each container's log on disk (containers.logSizes), kept apart from the container list:
 * the list stays one engine call, and these are measured after it (stats only, the
 * drivers inspected once per container by the core).
 */
export const useContainerLogStore = defineStore('container-logs', () => {
  const sizes = ref<ReadonlyMap<string, ContainerLogSize>>(new Map())
  const latestLoad = new LatestRequest()

  /** Measures every container again. A failure leaves the last figures: the sizes are a hint beside the list, whose own load reports the engine's errors. */
  async function load(): Promise<void> {
    const isLatest = latestLoad.begin()
    try {
      const answer = await strataApi().call('containers.logSizes', {})
      if (isLatest()) sizes.value = new Map(answer.map((size) => [size.id, size]))
    } catch {
      // The list view reports an unreachable engine; an old figure is better than none until then.
    }
  }

  /** One container's log, for its page; replaces its entry. */
  async function loadOne(id: string): Promise<ContainerLogSize | null> {
    const [size] = await strataApi().call('containers.logSizes', { id })
    if (size === undefined) return null
    sizes.value = new Map([...sizes.value, [size.id, size]])
    return size
  }

  function of(id: string): ContainerLogSize | null {
    return sizes.value.get(id) ?? null
  }

  function reset(): void {
    latestLoad.cancel()
    sizes.value = new Map()
  }

  return { sizes, load, loadOne, of, reset }
})
