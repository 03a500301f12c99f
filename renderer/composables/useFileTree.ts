import { computed, onUnmounted, ref, shallowRef, triggerRef, watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { StrataError } from '../../shared/errors'
import type { TreeEntry } from '../../shared/types'
import { failureDetail } from '../i18n/problems'
import type { Translate } from '../i18n/translator'
import { flatRows, flattenTree, type TreeRow, type TreeSortKey } from '../lib/file-tree'
import { useErrorStore } from '../stores/errors'

/** Where a tree's folders and search results come from (one layer view: the changes, or the merged filesystem). */
export interface FileTreeSource {
  peek(layer: number, path: string): readonly TreeEntry[] | undefined
  listing(layer: number, path: string): Promise<readonly TreeEntry[]>
  /** Absent where there is nothing to search with: a pattern then finds nothing. */
  search?(layer: number, pattern: string): Promise<readonly TreeEntry[]>
}

export interface FileTreeOptions {
  source: FileTreeSource
  layer: Ref<number>
  sort: Ref<TreeSortKey>
  /** A substring or glob; non-empty switches the tree to a flat list of matches. */
  pattern: Ref<string>
  /** Milliseconds between the last keystroke and the search. */
  debounceMs?: number
  /** How many results a search returns at most, to say when a list is cut. */
  searchLimit: number
  /** Which entries the tree shows (the change filter); null shows all. */
  keep?: Ref<((entry: TreeEntry) => boolean) | null>
}

/** A failed listing or search in the user's language when the core sent a problem (a container's image gone, a path not a folder). */
function messageOf(error: unknown, t: Translate): string {
  return failureDetail(StrataError.from(error).toWire(), t)
}

/**
 * A lazily loaded tree over folder listings: which folders are open, which listings
 * are missing (read when they come into view), and the flat rows to virtualize.
 * Open folders stay open across layers, so stepping through layers keeps the place.
 */
export function useFileTree(options: FileTreeOptions) {
  const errors = useErrorStore()
  const { t } = useI18n()
  const { source, layer, sort, pattern } = options

  // The open set is shallow and listings live outside Vue (no deep reactivity over 200,000 entries):
  // triggering `expanded` says that either moved.
  const expanded = shallowRef(new Set<string>())
  const loading = new Set<string>()
  const failedKeys = new Set<string>()
  const rootFailure = ref<string | null>(null)

  function bump(): void {
    triggerRef(expanded)
  }

  function ensure(path: string): void {
    const current = layer.value
    const key = `${current}\u0000${path}`
    if (source.peek(current, path) !== undefined || loading.has(key) || failedKeys.has(key)) return
    loading.add(key)
    source
      .listing(current, path)
      .catch((error: unknown) => {
        failedKeys.add(key)
        errors.report(error)
        if (path === '') rootFailure.value = messageOf(error, t)
        else expanded.value.delete(path)
      })
      .finally(() => {
        loading.delete(key)
        bump()
      })
  }

  const tree = computed(() => {
    const open = expanded.value
    const current = layer.value
    return flattenTree(
      (path) => source.peek(current, path),
      (path) => open.has(path),
      sort.value,
      options.keep?.value ?? null,
    )
  })

  watch(
    () => tree.value.missing,
    (missing) => {
      for (const path of missing) ensure(path)
    },
    { immediate: true },
  )

  // Another layer gets a fresh chance at what failed before.
  watch(layer, () => {
    failedKeys.clear()
    rootFailure.value = null
    bump()
  })

  function retry(): void {
    failedKeys.clear()
    rootFailure.value = null
    bump()
  }

  function toggle(path: string): void {
    if (expanded.value.has(path)) expanded.value.delete(path)
    else {
      // Opening a folder again is the way to retry one that could not be read.
      failedKeys.delete(`${layer.value}\u0000${path}`)
      expanded.value.add(path)
    }
    bump()
  }

  function setExpanded(path: string, open: boolean): void {
    if (expanded.value.has(path) === open) return
    toggle(path)
  }

  // Search: debounced, and only the answer to the latest question is shown.
  const results = shallowRef<readonly TreeEntry[] | null>(null)
  const searching = ref(false)
  const searchFailure = ref<string | null>(null)
  let timer: ReturnType<typeof setTimeout> | undefined
  let searchGeneration = 0

  function runSearch(): void {
    clearTimeout(timer)
    searchGeneration += 1
    const mine = searchGeneration
    const text = pattern.value.trim()
    searchFailure.value = null
    const search = source.search?.bind(source)
    if (text === '' || search === undefined) {
      results.value = null
      searching.value = false
      return
    }
    searching.value = true
    const current = layer.value
    timer = setTimeout(() => {
      search(current, text)
        .then((found) => {
          if (mine !== searchGeneration) return
          results.value = found
        })
        .catch((error: unknown) => {
          if (mine !== searchGeneration) return
          errors.report(error)
          searchFailure.value = messageOf(error, t)
          results.value = []
        })
        .finally(() => {
          if (mine === searchGeneration) searching.value = false
        })
    }, options.debounceMs ?? 200)
  }

  watch([pattern, layer], runSearch, { immediate: true })
  onUnmounted(() => {
    clearTimeout(timer)
  })

  const searchMode = computed(() => pattern.value.trim() !== '')
  const rows = computed<TreeRow[]>(() => {
    if (!searchMode.value) return tree.value.rows
    return results.value === null ? [] : flatRows(results.value, sort.value, options.keep?.value ?? null)
  })
  const rootLoading = computed(() => !searchMode.value && rootFailure.value === null && tree.value.missing.includes(''))
  const truncated = computed(() => searchMode.value && (results.value?.length ?? 0) >= options.searchLimit)

  return { rows, searchMode, searching, searchFailure, rootLoading, rootFailure, truncated, toggle, setExpanded, retry, runSearch }
}
