import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { strataApi } from '../api'
import { useErrorStore } from './errors'

/**
 * Strata's settings as the core keeps them (settings.json, shared with the command
 * line). The core adds the pinned images to every cleanup plan itself; the renderer
 * needs them only to show and toggle pins.
 */
export const useSettingsStore = defineStore('settings', () => {
  const errors = useErrorStore()
  const pinnedImages = ref<string[]>([])
  const loaded = ref(false)
  /** Image IDs being pinned or unpinned now, so their toggles wait. */
  const changing = ref<Set<string>>(new Set())
  const pinned = computed(() => new Set(pinnedImages.value))

  async function load(): Promise<void> {
    try {
      pinnedImages.value = (await strataApi().call('settings.get', {})).pinnedImages
      loaded.value = true
    } catch (error) {
      errors.report(error)
    }
  }

  function isPinned(imageId: string): boolean {
    return pinned.value.has(imageId)
  }

  /** Answers whether the change was saved. */
  async function setPinned(imageId: string, pin: boolean): Promise<boolean> {
    changing.value = new Set([...changing.value, imageId])
    try {
      pinnedImages.value = (await strataApi().call('settings.pinImage', { ref: imageId, pinned: pin })).pinnedImages
      loaded.value = true
      return true
    } catch (error) {
      errors.report(error)
      return false
    } finally {
      changing.value = new Set([...changing.value].filter((id) => id !== imageId))
    }
  }

  return { pinnedImages, loaded, changing, load, isPinned, setPinned }
})
