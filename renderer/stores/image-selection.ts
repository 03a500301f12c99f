import { defineStore } from 'pinia'
import { computed, shallowRef, watch } from 'vue'
import type { RemoveSetPlan, RemoveSetResult } from '../../shared/types'
import { strataApi } from '../api'
import { LatestRequest } from '../lib/latest-request'
import { clickRow, keepShown, NO_SELECTION, toggleAllShown, toggleRow, type RowSelection } from '../lib/row-selection'

/** Waits for a burst of Shift-clicks or Ctrl+A to settle before asking the core what the set frees. */
const ESTIMATE_DELAY_MS = 250

let taskCounter = 0

function newTaskId(): string {
  taskCounter += 1
  return `remove-set-${Date.now().toString(36)}-${String(taskCounter)}`
}

/**
 * The images chosen in the Images table, and the bulk delete's calls to the core.
 * Kept apart from the images store: the selection is the table's, and only ever
 * holds images the table lists.
 */
export const useImageSelectionStore = defineStore('image-selection', () => {
  const selection = shallowRef<RowSelection>(NO_SELECTION)
  /** What deleting the selection would free, for the selection bar; null while it is worked out or when it could not be. */
  const estimate = shallowRef<RemoveSetPlan | null>(null)
  const ids = computed(() => [...selection.value.selected])
  const count = computed(() => selection.value.selected.size)
  /** Only the estimate for the current selection may land: a slower answer for an earlier one is dropped. */
  const latestEstimate = new LatestRequest()
  let timer: ReturnType<typeof setTimeout> | undefined

  function isSelected(id: string): boolean {
    return selection.value.selected.has(id)
  }
  function toggle(id: string): void {
    selection.value = toggleRow(selection.value, id)
  }
  function range(listed: readonly string[], id: string): void {
    selection.value = clickRow(selection.value, listed, id, { range: true, toggle: true })
  }
  function all(listed: readonly string[]): void {
    selection.value = toggleAllShown(selection.value, listed)
  }
  function selectAll(listed: readonly string[]): void {
    selection.value = { selected: new Set(listed), anchor: selection.value.anchor }
  }
  function clear(): void {
    selection.value = NO_SELECTION
  }
  function keep(listed: readonly string[]): void {
    selection.value = keepShown(selection.value, listed)
  }

  async function refreshEstimate(): Promise<void> {
    const isLatest = latestEstimate.begin()
    estimate.value = null
    if (ids.value.length === 0) return
    try {
      const plan = await strataApi().call('images.planRemoveSet', { ids: ids.value })
      if (isLatest()) estimate.value = plan
    } catch {
      // The figure is a hint; the delete dialog plans again and shows any failure.
    }
  }

  watch(ids, () => {
    clearTimeout(timer)
    latestEstimate.cancel()
    estimate.value = null
    if (ids.value.length > 0) timer = setTimeout(() => void refreshEstimate(), ESTIMATE_DELAY_MS)
  })

  function plan(setIds: readonly string[]): Promise<RemoveSetPlan> {
    return strataApi().call('images.planRemoveSet', { ids: [...setIds] })
  }

  /** Deletes the set; `onProgress` hears how many of the steps (containers, then images) are done. */
  async function remove(setIds: readonly string[], removeContainers: boolean, confirmedBlockers: string[], onProgress: (done: number, total: number) => void): Promise<RemoveSetResult> {
    const taskId = newTaskId()
    const off = strataApi().on('progress', (event) => {
      if (event.taskId === taskId && event.total !== null) onProgress(event.done, event.total)
    })
    try {
      return await strataApi().call('images.removeSet', { ids: [...setIds], removeContainers, confirmedBlockers, taskId })
    } finally {
      off()
    }
  }

  return { selection, estimate, ids, count, isSelected, toggle, range, all, selectAll, clear, keep, refreshEstimate, plan, remove }
})
