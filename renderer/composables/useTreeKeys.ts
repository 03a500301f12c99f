import { computed, nextTick, ref, type Ref } from 'vue'
import { treeKeyStep, type TreeKeyRow } from '../lib/tree-keys'

export interface TreeKeysOptions<Row> {
  /** The rows drawn, in order (all of them, not only the rendered window). */
  rows: Readonly<Ref<readonly Row[]>>
  /** A row's stable key: focus follows it across a search or a fold above it. */
  keyOf: (row: Row) => string
  /** The row as tree navigation sees it. */
  treeRow: (row: Row) => TreeKeyRow
  /** Holds the rows, each with its `data-index`. */
  scroller: Readonly<Ref<HTMLElement | null>>
  scrollToIndex: (index: number) => void
  pageSize: () => number
  setExpanded: (row: Row, open: boolean) => void
  /** Enter or Space on the active row. */
  activate: (index: number) => void
  /** False while the rows cannot fold (a search shows every match open): Right and Left only move then. */
  foldable?: () => boolean
}

/**
 * Roving focus and the WAI-ARIA tree keys for a virtualised tree: one row is the tab
 * stop (by key), the arrow, Home/End and Page keys move it and scroll it into view,
 * Right and Left open and close, Enter and Space activate.
 */
export function useTreeKeys<Row>(options: TreeKeysOptions<Row>) {
  const { rows, keyOf } = options
  const activeKey = ref<string | null>(null)
  const activeIndex = computed(() => {
    const key = activeKey.value
    const index = key === null ? -1 : rows.value.findIndex((row) => keyOf(row) === key)
    return index === -1 ? 0 : index
  })

  function setActive(index: number): void {
    const row = rows.value[index]
    if (row !== undefined) activeKey.value = keyOf(row)
  }

  function focusRow(index: number): void {
    if (rows.value[index] === undefined) return
    setActive(index)
    options.scrollToIndex(index)
    void nextTick(() => {
      options.scroller.value?.querySelector<HTMLElement>(`[data-index="${index}"]`)?.focus()
    })
  }

  function onKeydown(event: KeyboardEvent): void {
    const index = activeIndex.value
    const list = rows.value
    const rowAt = (at: number): TreeKeyRow | undefined => {
      const row = list[at]
      return row === undefined ? undefined : options.treeRow(row)
    }
    const step = treeKeyStep(event.key, rowAt, list.length, index, options.pageSize(), options.foldable?.() ?? true)
    const row = list[step !== null && step.kind !== 'none' ? step.index : index]
    if (step?.kind === 'focus') focusRow(step.index)
    else if ((step?.kind === 'expand' || step?.kind === 'collapse') && row !== undefined) options.setExpanded(row, step.kind === 'expand')
    else if (step === null && (event.key === 'Enter' || event.key === ' ')) options.activate(index)
    else if (step === null) return
    event.preventDefault()
  }

  return { activeKey, activeIndex, setActive, focusRow, onKeydown }
}
