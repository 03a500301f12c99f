import { ref, shallowRef } from 'vue'
import type { CleanupItem, CleanupReport } from '../../shared/types'
import { failureOf, type FailureLike } from '../i18n/problems'
import type { PlanOptions } from '../lib/cleanup-form'
import { useCleanupStore } from '../stores/cleanup'
import { useErrorStore } from '../stores/errors'

export type RunPhase = 'confirm' | 'running' | 'done' | 'failed'

let runs = 0

function newTaskId(): string {
  runs += 1
  return `cleanup-${Date.now().toString(36)}-${runs}-${Math.random().toString(36).slice(2, 8)}`
}

/**
 * One execution of a confirmed plan: the core plans again from the same options,
 * removes the confirmed items one by one and reports `progress` events under this
 * run's taskId; tasks.cancel with that ID stops it between two items.
 */
export function useCleanupRun() {
  const errors = useErrorStore()
  const cleanup = useCleanupStore()
  const phase = ref<RunPhase>('confirm')
  const done = ref(0)
  const total = ref(0)
  /** The core's first progress event: it has planned again and starts removing. */
  const started = ref(false)
  const cancelling = ref(false)
  const report = shallowRef<CleanupReport | null>(null)
  const failure = ref<FailureLike | null>(null)
  let taskId: string | null = null

  async function run(options: PlanOptions, items: readonly CleanupItem[]): Promise<void> {
    const id = newTaskId()
    taskId = id
    phase.value = 'running'
    done.value = 0
    total.value = items.length
    started.value = false
    cancelling.value = false
    failure.value = null
    try {
      report.value = await cleanup.execute(options, items.map((item) => item.key), id, (event) => {
        started.value = true
        done.value = event.done
        if (event.total !== null) total.value = event.total
      })
      phase.value = 'done'
    } catch (error) {
      failure.value = failureOf(error)
      phase.value = 'failed'
    } finally {
      taskId = null
    }
  }

  /** Asks the core to stop after the item it is removing; the report then lists the rest as skipped. */
  async function cancel(): Promise<void> {
    if (taskId === null) return
    cancelling.value = true
    try {
      await cleanup.cancelRun(taskId)
    } catch (error) {
      cancelling.value = false
      errors.report(error)
    }
  }

  return { phase, done, total, started, cancelling, report, failure, run, cancel }
}
