import { computed, onUnmounted, ref, shallowRef, watch, type Ref } from 'vue'
import type { CommitPreview } from '../../shared/types'
import { failureOf } from '../i18n/problems'
import type { BuiltCommit } from '../lib/commit-form'
import { LatestRequest } from '../lib/latest-request'
import type { ActionFailure } from '../stores/containers'
import { useRunStore } from '../stores/run'

/**
 * The core's preview of a commit, asked again a moment after the fields stop
 * changing; only the answer to the latest question is kept. While the fields are
 * invalid the last valid preview stays, marked stale.
 */
export function useCommitPreview(containerId: Readonly<Ref<string>>, built: Readonly<Ref<BuiltCommit>>, delayMs = 300) {
  const preview = shallowRef<CommitPreview | null>(null)
  const previewKey = ref<string | null>(null)
  const loading = ref(false)
  const failure = ref<ActionFailure | null>(null)
  let timer: ReturnType<typeof setTimeout> | undefined
  const runs = useRunStore()
  const latest = new LatestRequest()

  const request = computed(() => {
    const { repository, tag, changes } = built.value
    return { id: containerId.value, repository, tag, changes }
  })
  // Comment and author do not change the preview, so typing them asks nothing.
  const key = computed(() => (built.value.valid ? JSON.stringify(request.value) : null))
  const stale = computed(() => previewKey.value !== key.value)

  async function run(): Promise<void> {
    const wanted = key.value
    if (wanted === null) return
    const current = latest.begin()
    loading.value = true
    try {
      const answer = await runs.previewCommit(request.value)
      if (!current()) return
      preview.value = answer
      previewKey.value = wanted
      failure.value = null
    } catch (error) {
      if (!current()) return
      failure.value = failureOf(error)
    } finally {
      if (current()) loading.value = false
    }
  }

  function refresh(): void {
    clearTimeout(timer)
    void run()
  }

  watch(key, (wanted) => {
    clearTimeout(timer)
    if (wanted === null) {
      // A question no longer asked must not land after the fields changed.
      latest.cancel()
      loading.value = false
      return
    }
    timer = setTimeout(() => void run(), delayMs)
  })

  onUnmounted(() => {
    clearTimeout(timer)
  })

  refresh()
  return { preview, loading, failure, stale, refresh }
}
