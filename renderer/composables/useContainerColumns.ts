import { computed, ref, type Ref } from 'vue'
import type { PriorityColumn } from '../lib/column-priority'
import { useColumnFit } from './useColumnFit'

export type ContainerColumnKey = 'name' | 'image' | 'state' | 'status' | 'created' | 'command' | 'ports' | 'size'

/** The least width of each column (the table's own are proportions above these). */
const MIN_WIDTHS: Record<ContainerColumnKey, number> = { name: 200, image: 220, state: 104, status: 140, created: 120, command: 140, ports: 140, size: 84 }

/** Status and Created give way first: the selected container's facts under the table show them too. Size is shown only when asked for, so it stays. */
export const CONTAINER_HIDE_ORDER: readonly ContainerColumnKey[] = ['created', 'status', 'ports', 'command']

/** The columns the user showed or hid by hand, for the session. */
const chosen = ref(new Map<ContainerColumnKey, boolean>())

/** The containers table's shown columns (ContainersTable.vue, ContainerRow.vue); `keys`: the columns it has now (Size is optional). */
export function useContainerColumns(scroller: Ref<HTMLElement | null>, keys: Ref<ContainerColumnKey[]>) {
  const widths = computed<PriorityColumn<ContainerColumnKey>[]>(() => keys.value.map((key) => ({ key, width: MIN_WIDTHS[key] })))
  return useColumnFit(scroller, widths, CONTAINER_HIDE_ORDER, chosen)
}
