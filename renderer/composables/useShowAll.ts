import { computed, ref, type Ref } from 'vue'

/**
 * The first `limit` entries of a list until the user asks for all: lists of a plan
 * over 1,000 images stay quick to draw, and nothing is out of reach.
 */
export function useShowAll<T>(list: () => readonly T[], limit: number): { shown: Ref<readonly T[]>; hidden: Ref<number>; expanded: Ref<boolean> } {
  const expanded = ref(false)
  const shown = computed(() => (expanded.value ? list() : list().slice(0, limit)))
  const hidden = computed(() => (expanded.value ? 0 : Math.max(0, list().length - limit)))
  return { shown, hidden, expanded }
}
