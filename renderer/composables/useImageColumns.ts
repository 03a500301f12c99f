import { ref, type Ref } from 'vue'
import type { PriorityColumn } from '../lib/column-priority'
import type { ImageSortKey } from '../lib/image-query'
import { useColumnFit } from './useColumnFit'

/** A column of the images table: the sort keys, and the row actions at the end. */
export type ImageColumnKey = ImageSortKey | 'actions'

/** The least width each column needs; the Tags column takes whatever is left above its own. */
export const IMAGE_COLUMN_WIDTHS: readonly PriorityColumn<ImageColumnKey>[] = [
  // The checkbox column before it (28 px, always shown) comes out of the Tags column's 180.
  { key: 'name', width: 152 },
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

/** The images table's shown columns (ImagesTable.vue, ImageRow.vue). */
export function useImageColumns(scroller: Ref<HTMLElement | null>) {
  return useColumnFit(scroller, IMAGE_COLUMN_WIDTHS, IMAGE_HIDE_ORDER, chosen)
}
