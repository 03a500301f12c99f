import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { ContainerSummary } from '../../shared/types'
import { strataApi } from '../api'
import { useErrorStore } from './errors'

export const useContainerStore = defineStore('containers', () => {
  const containers = ref<ContainerSummary[]>([])
  const loaded = ref(false)
  const errors = useErrorStore()
  let subscribed = false

  async function load(): Promise<void> {
    try {
      containers.value = await strataApi().call('containers.list', {})
      loaded.value = true
    } catch (error) {
      errors.report(error)
    }
  }

  function start(): void {
    if (subscribed) return
    subscribed = true
    strataApi().on('containers.changed', (change) => {
      const others = containers.value.filter((container) => container.id !== change.id)
      containers.value = change.container === null ? others : [change.container, ...others]
    })
    strataApi().on('images.reset', () => {
      void load()
    })
    void load()
  }

  return { containers, loaded, load, start }
})
