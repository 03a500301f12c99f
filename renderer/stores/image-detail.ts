import { defineStore } from 'pinia'
import { ref } from 'vue'
import { StrataError } from '../../shared/errors'
import type { ImageDetail } from '../../shared/types'
import { strataApi } from '../api'
import { sameImageId } from '../lib/blockers'
import { LatestRequest } from '../lib/latest-request'
import { useErrorStore } from './errors'

export type ImageDetailStatus = 'loading' | 'ready' | 'missing' | 'failed'

/** Events come in bursts (untag, untag, delete): one refetch after the burst. */
const REFRESH_DELAY_MS = 150

/**
 * The image the detail view shows. Only the answer for the image asked last lands:
 * the detail of image A arriving after the user moved to image B is dropped.
 */
export const useImageDetailStore = defineStore('image-detail', () => {
  const errors = useErrorStore()
  /** The reference the view asked for (a route's ID or name); '' when no detail view is open. */
  const shownRef = ref('')
  const detail = ref<ImageDetail | null>(null)
  const status = ref<ImageDetailStatus>('loading')
  const latest = new LatestRequest()
  let refreshTimer: ReturnType<typeof setTimeout> | undefined
  let subscribed = false

  /** Reads the image; a refresh keeps the current view on screen until the answer arrives. */
  async function load(refresh: boolean): Promise<void> {
    const current = latest.begin()
    if (!refresh) status.value = 'loading'
    try {
      const answer = await strataApi().call('images.inspect', { ref: shownRef.value })
      if (!current()) return
      detail.value = answer
      status.value = 'ready'
    } catch (error) {
      if (!current()) return
      if (error instanceof StrataError && error.code === 'NOT_FOUND') {
        detail.value = null
        status.value = 'missing'
        return
      }
      errors.report(error)
      if (detail.value === null) status.value = 'failed'
    }
  }

  function isShown(id: string): boolean {
    if (shownRef.value === '') return false
    return detail.value !== null ? sameImageId(id, detail.value.summary.id) : sameImageId(id, shownRef.value)
  }

  function scheduleRefresh(): void {
    clearTimeout(refreshTimer)
    if (shownRef.value === '') return
    refreshTimer = setTimeout(() => {
      void load(true)
    }, REFRESH_DELAY_MS)
  }

  function subscribe(): void {
    if (subscribed) return
    subscribed = true
    const api = strataApi()
    api.on('images.changed', (change) => {
      if (!isShown(change.id)) return
      if (change.image === null) {
        // Gone: no refetch, and none under way may bring it back.
        clearTimeout(refreshTimer)
        latest.cancel()
        detail.value = null
        status.value = 'missing'
      } else scheduleRefresh()
    })
    api.on('images.reset', scheduleRefresh)
  }

  /** Shows the image with this reference, read afresh. */
  function open(ref: string): void {
    subscribe()
    clearTimeout(refreshTimer)
    shownRef.value = ref
    detail.value = null
    void load(false)
  }

  /** The view left: news about the image no longer reads it, and no answer under way lands. */
  function close(): void {
    clearTimeout(refreshTimer)
    latest.cancel()
    shownRef.value = ''
  }

  return { shownRef, detail, status, load, open, close }
})
