import { computed, watch } from 'vue'
import { headerState } from '../lib/row-selection'
import { useImageSelectionStore } from '../stores/image-selection'
import { useImageStore } from '../stores/images'

/**
 * The Images table's multi-select: the checkbox column, Shift/Ctrl-click, and the
 * keys (Space on a row, Ctrl/Cmd+A and Escape anywhere in the table). The selection
 * follows the rows shown: a search, a filter or a delete drops rows no longer listed.
 */
export function useImageTableSelection() {
  const images = useImageStore()
  const selection = useImageSelectionStore()
  const listedIds = computed(() => images.visible.map((image) => image.id))

  watch(listedIds, (ids) => {
    selection.keep(ids)
  })

  const header = computed(() => headerState(selection.selection.selected, listedIds.value))

  function select(id: string, mode: 'toggle' | 'range'): void {
    if (mode === 'range') selection.range(listedIds.value, id)
    else selection.toggle(id)
  }

  /** Ctrl/Cmd+A selects every row shown; Escape clears a selection (a menu's own Escape comes first). */
  function onTableKeydown(event: KeyboardEvent): void {
    if (event.defaultPrevented) return
    const target = event.target as HTMLElement | null
    if (target?.closest('input:not([type="checkbox"]), textarea') != null) return
    if ((event.key === 'a' || event.key === 'A') && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey) {
      event.preventDefault()
      selection.selectAll(listedIds.value)
    } else if (event.key === 'Escape' && selection.count > 0) {
      event.preventDefault()
      selection.clear()
    }
  }

  function toggleAll(): void {
    selection.all(listedIds.value)
  }

  return { selection, header, select, onTableKeydown, toggleAll }
}
