import { computed, ref, type Ref } from 'vue'
import type { PriorityColumn } from '../lib/column-priority'
import type { ContainerSortKey } from '../lib/container-sort'
import { useColumnFit } from './useColumnFit'

/** The data columns, and the checkbox and row-action columns at either end (always shown). */
export type ContainerColumnKey = 'select' | 'name' | 'image' | 'state' | 'status' | 'created' | 'command' | 'ports' | 'log' | 'size' | 'actions'

/** A data column as the header draws it. */
export interface ContainerHeadColumn {
  key: ContainerColumnKey
  label: string
  class: string
  title?: string
  /** Set when a click on the header sorts by it. */
  sort?: ContainerSortKey
}

/** The least width of each column (the table's own are proportions above these). */
const MIN_WIDTHS: Record<ContainerColumnKey, number> = { select: 40, name: 200, image: 220, state: 104, status: 140, created: 120, command: 140, ports: 140, log: 84, size: 84, actions: 132 }

/**
 * Created gives way first, then Ports and Command: the selected container's facts under the
 * table show them too. Status ("Exited (137) 2 seconds ago") goes last, as it holds the exit
 * code and uptime the State badge does not. Size is shown only when asked for, so it stays.
 * Log gives way after Command (a log that grows without limit is the disk use people miss)
 * and before Status.
 */
export const CONTAINER_HIDE_ORDER: readonly ContainerColumnKey[] = ['created', 'ports', 'command', 'log', 'status']

/** The columns the user showed or hid by hand, for the session. */
const chosen = ref(new Map<ContainerColumnKey, boolean>())

/** The containers table's shown columns (ContainersTable.vue, ContainerRow.vue); `keys`: the columns it has now (Size is optional). */
export function useContainerColumns(scroller: Ref<HTMLElement | null>, keys: Ref<ContainerColumnKey[]>) {
  const widths = computed<PriorityColumn<ContainerColumnKey>[]>(() => keys.value.map((key) => ({ key, width: MIN_WIDTHS[key] })))
  return useColumnFit(scroller, widths, CONTAINER_HIDE_ORDER, chosen)
}
