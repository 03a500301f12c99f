import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import type { ContainerSummary } from '../../shared/types'
import { DEFAULT_CONTAINER_SORT, nextSort, sortContainers, type ContainerSort, type ContainerSortKey } from '../lib/container-sort'
import { clickRow, headerState, keepShown, NO_SELECTION, selectOnly, toggleAllShown, toggleRow, type ClickModifiers, type RowSelection } from '../lib/row-selection'
import { useContainerLogStore } from './container-logs'
import { useContainerStore } from './containers'

/**
 * What the Containers table shows and the user picked in it: the sort, the selected rows
 * and the row holding the focus. Apart from the containers store so the table's state
 * does not mix with the engine's; kept for the session like the images table's sort.
 */
export const useContainerTableStore = defineStore('container-table', () => {
  const containers = useContainerStore()
  const logs = useContainerLogStore()
  const sort = ref<ContainerSort>(DEFAULT_CONTAINER_SORT)
  const selection = ref<RowSelection>(NO_SELECTION)
  /** The row in the tab order (roving focus); null: the first. */
  const activeId = ref<string | null>(null)
  const listScrollTop = ref(0)

  /** The filtered containers in the table's order. */
  const rows = computed(() => sortContainers(containers.visible, sort.value, (id) => logs.sizes.get(id)?.bytes ?? null))
  const order = computed(() => rows.value.map((container) => container.id))
  /** The selected containers as shown, top to bottom. */
  const selectedRows = computed<ContainerSummary[]>(() => rows.value.filter((container) => selection.value.selected.has(container.id)))
  const allState = computed(() => headerState(selection.value.selected, order.value))

  // A container removed or filtered out leaves the selection: no action reaches a row the user cannot see.
  watch(order, (shown) => {
    selection.value = keepShown(selection.value, shown)
  })

  function sortBy(key: ContainerSortKey): void {
    sort.value = nextSort(sort.value, key)
  }

  function isSelected(id: string): boolean {
    return selection.value.selected.has(id)
  }

  function click(id: string, modifiers: ClickModifiers): void {
    selection.value = clickRow(selection.value, order.value, id, modifiers)
    activeId.value = id
  }

  function only(id: string): void {
    selection.value = selectOnly(id)
    activeId.value = id
  }

  function toggle(id: string): void {
    selection.value = toggleRow(selection.value, id)
    activeId.value = id
  }

  function toggleAll(): void {
    selection.value = toggleAllShown(selection.value, order.value)
  }

  function selectAll(): void {
    selection.value = { selected: new Set(order.value), anchor: selection.value.anchor ?? order.value[0] ?? null }
  }

  function clear(): void {
    selection.value = NO_SELECTION
  }

  return { sort, selection, activeId, listScrollTop, rows, order, selectedRows, allState, sortBy, isSelected, click, only, toggle, toggleAll, selectAll, clear }
})
