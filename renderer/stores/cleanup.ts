import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { StrataError } from '../../shared/errors'
import type { EventPayloads } from '../../shared/events'
import type { CleanupPlan, CleanupReport } from '../../shared/types'
import { strataApi } from '../api'
import { DEFAULT_FORM, formOptions, type CleanupForm, type PlanOptions } from '../lib/cleanup-form'
import { failureDetail } from '../i18n/problems'
import { appTranslate as t } from './app-translate'
import { useEngineStore } from './engine'
import { useErrorStore } from './errors'

/** Options changes are typed in bursts (a label filter, a date): plan once they settle. */
export const REPLAN_DELAY_MS = 350

/**
 * The Cleanup view's choices and the plan made from them. Kept in a store so that
 * leaving the view and coming back finds the same choices; the plan is made afresh.
 */
export const useCleanupStore = defineStore('cleanup', () => {
  const errors = useErrorStore()
  const engine = useEngineStore()
  const form = ref<CleanupForm>({ ...DEFAULT_FORM })
  const plan = shallowRef<CleanupPlan | null>(null)
  /** The options the shown plan was made with: a cleanup plans again from exactly these. */
  const planOptions = shallowRef<PlanOptions | null>(null)
  const status = ref<'idle' | 'planning' | 'ready' | 'failed'>('idle')
  const failure = ref<string | null>(null)
  const checked = computed(() => formOptions(form.value, t))
  /** The shown plan was made from other choices than the form holds now. */
  const stale = computed(() => JSON.stringify(checked.value.options) !== JSON.stringify(planOptions.value))
  let generation = 0
  let timer: ReturnType<typeof setTimeout> | null = null
  let engineReads: Promise<unknown> = Promise.resolve()

  /**
   * The engine computes one disk usage (/system/df) at a time and answers a second
   * with an error. A plan reads it, and so do the engine's own figures: they take turns.
   */
  function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
    const run = engineReads.then(work, work)
    engineReads = run.catch(() => undefined)
    return run
  }

  function loadDiskUsage(): Promise<void> {
    return oneAtATime(() => engine.loadDiskUsage())
  }

  function cancelScheduled(): void {
    if (timer !== null) clearTimeout(timer)
    timer = null
  }

  /** Plans with the form's options now; an answer to an older request is dropped. */
  async function replan(): Promise<void> {
    cancelScheduled()
    const mine = ++generation
    const options = checked.value.options
    if (options === null) {
      plan.value = null
      planOptions.value = null
      status.value = 'idle'
      failure.value = null
      return
    }
    status.value = 'planning'
    failure.value = null
    try {
      const answer = await oneAtATime(() => strataApi().call('cleanup.plan', options))
      if (mine !== generation) return
      plan.value = answer
      planOptions.value = options
      status.value = 'ready'
    } catch (error) {
      if (mine !== generation) return
      failure.value = failureDetail(StrataError.from(error), t)
      status.value = 'failed'
      // Input mistakes are shown beside the options; the engine's troubles go to the app-wide surface.
      if (!(error instanceof StrataError && error.code === 'INVALID_INPUT')) errors.report(error)
    }
  }

  function schedule(): void {
    cancelScheduled()
    timer = setTimeout(() => {
      void replan()
    }, REPLAN_DELAY_MS)
  }

  /** Removes the confirmed items under taskId; onProgress hears this run's progress events only, until it ends. */
  async function execute(options: PlanOptions, confirmed: string[], taskId: string, onProgress: (event: EventPayloads['progress']) => void): Promise<CleanupReport> {
    const api = strataApi()
    const off = api.on('progress', (event) => {
      if (event.taskId === taskId) onProgress(event)
    })
    try {
      return await api.call('cleanup.execute', { options, confirmed, taskId })
    } finally {
      off()
    }
  }

  /** Asks the core to stop a run after the item it is removing. */
  async function cancelRun(taskId: string): Promise<void> {
    await strataApi().call('tasks.cancel', { taskId })
  }

  return { execute, cancelRun, oneAtATime, form, plan, planOptions, status, failure, checked, stale, replan, schedule, cancelScheduled, loadDiskUsage }
})
