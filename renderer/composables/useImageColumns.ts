import { computed, onMounted, onUnmounted, ref, type Ref } from 'vue'
import { columnsThatFit, widthOfShown, type PriorityColumn } from '../lib/column-priority'
import type { ImageSortKey } from '../lib/image-query'

/** A column of the images table: the sort keys, and the row actions at the end. */
export type ImageColumnKey = ImageSortKey | 'actions'

/** The least width each column needs; the Tags column takes whatever is left above its own. */
export const IMAGE_COLUMN_WIDTHS: readonly PriorityColumn<ImageColumnKey>[] = [
  { key: 'name', width: 180 },
  { key: 'id', width: 108 },
  { key: 'created', width: 136 },
  { key: 'size', width: 84 },
  { key: 'unique', width: 84 },
  { key: 'shared', width: 84 },
  { key: 'platform', width: 108 },
  { key: 'containers', width: 200 },
  { key: 'actions', width: 68 },
]

/** What gives way first as the table narrows; Tags, Size and the actions always stay. */
export const IMAGE_HIDE_ORDER: readonly ImageColumnKey[] = ['platform', 'created', 'containers', 'shared', 'unique', 'id']

/** The columns the user showed or hid by hand, for the session: a narrow window keeps them as chosen. */
const chosen = ref(new Map<ImageColumnKey, boolean>())

/**
 * The images table's shown columns for the width of its scroll box (a ResizeObserver
 * follows the window and the sidebar), with the user's choices from the Columns menu.
 */
export function useImageColumns(scroller: Ref<HTMLElement | null>) {
  const available = ref(Number.POSITIVE_INFINITY)
  let observer: ResizeObserver | null = null

  const shown = computed(() => columnsThatFit(available.value, IMAGE_COLUMN_WIDTHS, IMAGE_HIDE_ORDER, chosen.value))
  const minWidth = computed(() => widthOfShown(IMAGE_COLUMN_WIDTHS, shown.value))
  /** Columns the width hid (not the user): the Columns menu marks them. */
  const hiddenByWidth = computed(() => new Set(IMAGE_HIDE_ORDER.filter((key) => !shown.value.has(key) && chosen.value.get(key) !== false)))

  function choose(key: ImageColumnKey, show: boolean): void {
    const next = new Map(chosen.value)
    next.set(key, show)
    chosen.value = next
  }

  onMounted(() => {
    const element = scroller.value
    if (element === null) return
    available.value = element.clientWidth
    observer = new ResizeObserver(() => {
      available.value = element.clientWidth
    })
    observer.observe(element)
  })

  onUnmounted(() => {
    observer?.disconnect()
  })

  return { shown, minWidth, hiddenByWidth, choose }
}
