import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { ChangeLedger } from '../../shared/change-ledger'
import { applyImageChange } from '../../shared/image-merge'
import type { MethodInput } from '../../shared/contract'
import type { DeletePlan, ImageDetail, ImageDiff, ImageRow, ImageSummary, RemoveResult, TagResult } from '../../shared/types'
import { strataApi } from '../api'
import { LatestRequest } from '../lib/latest-request'
import { defaultDescending, matchesSearch, passesFilter, sortImages, type ImageFilter, type ImageSort, type ImageSortKey } from '../lib/image-query'
import { useErrorStore } from './errors'

export const useImageStore = defineStore('images', () => {
  const images = ref<ImageSummary[]>([])
  const loaded = ref(false)
  /** False while the rows come from images.rows alone: sharing, platform and containers are not known yet. */
  const complete = ref(false)
  const loading = ref(false)
  const errors = useErrorStore()
  let subscribed = false

  // The list's view state lives here so that returning from an image finds it as it was left.
  const query = ref('')
  const filter = ref<ImageFilter>('all')
  const sort = ref<ImageSort>({ key: 'created', descending: true })
  const listScrollTop = ref(0)

  const searched = computed(() => {
    const needle = query.value.trim().toLowerCase()
    return needle === '' ? images.value : images.value.filter((image) => matchesSearch(image, needle))
  })

  /** How many images of the current search each filter would show. */
  const filterCounts = computed<Record<ImageFilter, number>>(() => {
    const counts: Record<ImageFilter, number> = { all: 0, dangling: 0, 'in-use': 0, unused: 0 }
    for (const image of searched.value) {
      counts.all += 1
      if (passesFilter(image, 'dangling')) counts.dangling += 1
      if (passesFilter(image, 'in-use')) counts['in-use'] += 1
      else counts.unused += 1
    }
    return counts
  })

  const visible = computed(() => {
    const kept = filter.value === 'all' ? searched.value : searched.value.filter((image) => passesFilter(image, filter.value))
    return sortImages(kept, sort.value)
  })

  const visibleUniqueBytes = computed(() => visible.value.reduce((total, image) => total + image.uniqueSize, 0))

  function sortBy(key: ImageSortKey): void {
    sort.value = sort.value.key === key ? { key, descending: !sort.value.descending } : { key, descending: defaultDescending(key) }
  }

  /** An answer overtaken by a newer load (after a reset) is dropped, not shown. */
  const latestLoad = new LatestRequest()
  /** Images changed by live news; a listing asked for before the news keeps the newer copy of each. */
  const news = new ChangeLedger()

  async function load(): Promise<void> {
    const isLatest = latestLoad.begin()
    const mark = news.mark()
    loading.value = true
    try {
      // On first load, draw the rows from one engine call, then fill in the full catalog.
      if (!loaded.value) {
        const rows = await strataApi().call('images.rows', {})
        // An images.reset may have loaded the full list meanwhile; never replace it with rows.
        if (!isLatest()) return
        if (!complete.value) {
          images.value = news.merge(rows.map(provisionalSummary), images.value, mark)
          loaded.value = true
        }
      }
      const list = await strataApi().call('images.list', {})
      if (!isLatest()) return
      images.value = news.merge(list, images.value, mark)
      loaded.value = true
      complete.value = true
    } catch (error) {
      if (isLatest()) errors.report(error)
    } finally {
      if (isLatest()) loading.value = false
    }
  }

  function start(): void {
    if (subscribed) return
    subscribed = true
    const api = strataApi()
    api.on('images.changed', (change) => {
      news.touch(change.id)
      images.value = applyImageChange(images.value, change.id, change.image)
    })
    api.on('images.reset', ({ reason }) => {
      // Rows of the engine left must not stay on screen, even if the new one does not answer yet.
      if (reason === 'engine-switched') {
        images.value = []
        loaded.value = false
        complete.value = false
        news.reset()
      }
      void load()
    })
    api.on('engine.state', (state) => {
      if (state.state === 'connected' && !loaded.value) void load()
    })
    void load()
  }

  // The dialogs' and tabs' own questions: their answers belong to the view that asked, not to the list.
  function blockers(id: string): Promise<DeletePlan> {
    return strataApi().call('images.blockers', { ref: id })
  }

  function remove(request: MethodInput<'images.remove'>): Promise<RemoveResult> {
    return strataApi().call('images.remove', request)
  }

  function untag(tag: string): Promise<RemoveResult> {
    return strataApi().call('images.untag', { tag })
  }

  function tag(source: string, target: string): Promise<TagResult> {
    return strataApi().call('images.tag', { source, target })
  }

  /** Two images side by side: their files' differences and both configurations. */
  async function compare(a: string, b: string): Promise<{ files: ImageDiff; a: ImageDetail; b: ImageDetail }> {
    const api = strataApi()
    const [files, detailA, detailB] = await Promise.all([api.call('layers.diff', { a, b }), api.call('images.inspect', { ref: a }), api.call('images.inspect', { ref: b })])
    return { files, a: detailA, b: detailB }
  }

  return { blockers, remove, untag, tag, compare, images, loaded, complete, loading, load, start, query, filter, sort, listScrollTop, filterCounts, visible, visibleUniqueBytes, sortBy }
})

/** A row shown before the catalog is complete: unknown sizes are NaN, shown as a dash. */
function provisionalSummary(row: ImageRow): ImageSummary {
  return {
    ...row,
    repoDigests: [],
    sharedSize: Number.NaN,
    uniqueSize: Number.NaN,
    platform: { os: '', architecture: '', variant: null },
    parentId: null,
    family: { parent: null, children: [] },
    labels: {},
    containers: { running: [], stopped: [] },
  }
}
