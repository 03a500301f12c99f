import { computed, onMounted, onUnmounted, ref, type Ref } from 'vue'
import { columnsThatFit, widthOfShown, type PriorityColumn } from '../lib/column-priority'

/**
 * A table's shown columns for the width of its scroll box (a ResizeObserver follows the
 * window and the sidebar), with the user's choices from its Columns menu. `chosen` is
 * the caller's, so a table can keep it for the session across visits.
 */
export function useColumnFit<K extends string>(
  scroller: Ref<HTMLElement | null>,
  widths: Ref<readonly PriorityColumn<K>[]> | readonly PriorityColumn<K>[],
  hideOrder: readonly K[],
  chosen: Ref<Map<K, boolean>>,
) {
  const available = ref(Number.POSITIVE_INFINITY)
  let observer: ResizeObserver | null = null
  const columns = computed(() => ('value' in widths ? widths.value : widths))

  const shown = computed(() => columnsThatFit(available.value, columns.value, hideOrder, chosen.value))
  const minWidth = computed(() => widthOfShown(columns.value, shown.value))
  /** Columns the width hid (not the user): the Columns menu marks them. */
  const hiddenByWidth = computed(() => new Set(hideOrder.filter((key) => !shown.value.has(key) && chosen.value.get(key) !== false && columns.value.some((column) => column.key === key))))

  /** A choice that matches what the width alone gives is forgotten: a column shown and hidden again gives way by width once more. */
  function choose(key: K, show: boolean): void {
    const next = new Map(chosen.value)
    next.delete(key)
    const byWidth = columnsThatFit(available.value, columns.value, hideOrder, next).has(key)
    if (show !== byWidth) next.set(key, show)
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
