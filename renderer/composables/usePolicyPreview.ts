import { computed, onUnmounted, ref, shallowRef, watch } from 'vue'
import { StrataError } from '../../shared/errors'
import type { PolicyOptions } from '../../shared/policy-input'
import type { CleanupPlan } from '../../shared/types'
import { strataApi } from '../api'
import { failureDetail } from '../i18n/problems'
import { appTranslate } from '../stores/app-translate'
import { REPLAN_DELAY_MS, useCleanupStore } from '../stores/cleanup'

/**
 * The live preview of a policy being edited: cleanup.plan with its options, made again
 * once typing settles. `stale` while the shown plan was made from other options than
 * the form holds, so Save never stores a preview of something else.
 */
export function usePolicyPreview(options: () => PolicyOptions | null) {
  const cleanup = useCleanupStore()
  const plan = shallowRef<CleanupPlan | null>(null)
  const planOptions = shallowRef<PolicyOptions | null>(null)
  const planning = ref(false)
  const failure = ref<string | null>(null)
  const stale = computed(() => JSON.stringify(options()) !== JSON.stringify(planOptions.value))
  let generation = 0
  let timer: ReturnType<typeof setTimeout> | null = null

  async function replan(): Promise<void> {
    if (timer !== null) clearTimeout(timer)
    timer = null
    const mine = ++generation
    const wanted = options()
    failure.value = null
    if (wanted === null) {
      plan.value = null
      planOptions.value = null
      planning.value = false
      return
    }
    planning.value = true
    try {
      const answer = await cleanup.oneAtATime(() => strataApi().call('cleanup.plan', wanted))
      if (mine !== generation) return
      plan.value = answer
      planOptions.value = wanted
    } catch (error) {
      if (mine !== generation) return
      failure.value = failureDetail(StrataError.from(error), appTranslate)
    } finally {
      if (mine === generation) planning.value = false
    }
  }

  watch(
    () => JSON.stringify(options()),
    () => {
      if (timer !== null) clearTimeout(timer)
      timer = setTimeout(() => void replan(), REPLAN_DELAY_MS)
    },
  )

  onUnmounted(() => {
    if (timer !== null) clearTimeout(timer)
    generation += 1
  })

  return { plan, planOptions, planning, failure, stale, replan }
}
