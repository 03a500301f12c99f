import { computed, ref, shallowRef, watch, type ShallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { useFormat } from '../i18n/format'
import { findLineMatches, type LineMatch, type LogLines } from '../lib/log-lines'
import { MATCH_LIMIT, matchCounter, stepMatch } from '../lib/text-search'

/**
 * The find box over a log: matches by line, searched again in full when the query or the
 * store changes (or old lines were dropped, which renumbers them), and only in the new lines
 * when a batch arrives, so following a long log with a query typed stays cheap.
 */
export function useLogSearch(lines: ShallowRef<LogLines>, reveal: (match: LineMatch) => void) {
  const { t } = useI18n()
  const fmt = useFormat()
  const query = ref('')
  const matches = shallowRef<LineMatch[]>([])
  const current = ref(-1)
  let searched = { store: lines.value, upTo: 0, dropped: 0, query: '' }

  function search(): void {
    const store = lines.value
    const fresh = searched.store !== store || searched.dropped !== store.dropped || searched.query !== query.value
    const from = fresh ? 0 : searched.upTo
    const found = findLineMatches(store, from, store.count, query.value, MATCH_LIMIT - (fresh ? 0 : matches.value.length))
    if (fresh) matches.value = found
    else if (found.length > 0) matches.value = [...matches.value, ...found]
    searched = { store, upTo: store.count, dropped: store.dropped, query: query.value }
    if (fresh) {
      // A new query starts at its first match, so typing shows where it is at once.
      current.value = matches.value.length === 0 ? -1 : 0
      const first = matches.value[0]
      if (first !== undefined && query.value !== '') reveal(first)
    } else if (current.value >= matches.value.length) current.value = matches.value.length - 1
  }

  watch(query, search)
  // The store is triggered after every batch (its lines are not reactive one by one).
  watch(lines, () => {
    if (query.value !== '' || matches.value.length > 0) search()
  })

  function step(backwards: boolean): void {
    current.value = stepMatch(current.value, matches.value.length, backwards)
    const match = matches.value[current.value]
    if (match !== undefined) reveal(match)
  }

  const counter = computed(() => matchCounter(current.value, matches.value.length, query.value, t, fmt.number))
  const currentMatch = computed(() => matches.value[current.value] ?? null)

  return { query, matches, counter, currentMatch, step }
}
