import { defineStore } from 'pinia'
import { ref } from 'vue'
import { applyImageChange } from '../../shared/image-merge'
import type { ImageSummary } from '../../shared/types'
import { strataApi } from '../api'
import { useErrorStore } from './errors'

export const useImageStore = defineStore('images', () => {
  const images = ref<ImageSummary[]>([])
  const loaded = ref(false)
  const loading = ref(false)
  const errors = useErrorStore()
  let subscribed = false

  async function load(): Promise<void> {
    loading.value = true
    try {
      images.value = await strataApi().call('images.list', {})
      loaded.value = true
    } catch (error) {
      errors.report(error)
    } finally {
      loading.value = false
    }
  }

  function start(): void {
    if (subscribed) return
    subscribed = true
    const api = strataApi()
    api.on('images.changed', (change) => {
      images.value = applyImageChange(images.value, change.id, change.image)
    })
    api.on('images.reset', () => {
      void load()
    })
    api.on('engine.state', (state) => {
      if (state.state === 'connected' && !loaded.value) void load()
    })
    void load()
  }

  return { images, loaded, loading, load, start }
})
