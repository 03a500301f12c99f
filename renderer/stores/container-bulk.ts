import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { ContainerSummary } from '../../shared/types'
import { strataApi } from '../api'
import { actionAllowed, containerName, isRunningState } from '../lib/container-query'
import { failureOf } from '../i18n/problems'
import { useContainerStore, type ActionFailure } from './containers'

export type BulkAction = 'start' | 'stop' | 'remove'
export type BulkItemStatus = 'waiting' | 'running' | 'done' | 'failed'

export interface BulkItem {
  id: string
  /** Kept: a removed container leaves the list but its result still names it. */
  name: string
  status: BulkItemStatus
  failure: ActionFailure | null
}

export interface BulkRun {
  action: BulkAction
  items: BulkItem[]
  finished: boolean
}

/** stop's timeout; remove's force (running ones) and volumes (their anonymous volumes, docker rm -v). */
interface BulkSettings {
  timeoutSeconds: number
  force: boolean
  volumes: boolean
}

/** Engine calls at once: enough that a slow stop does not hold up the others, few enough not to flood the engine. */
const PARALLEL = 4

/** The containers of a selection an action applies to: stop skips the stopped, start the running; remove takes all. */
export function bulkTargets(action: BulkAction, containers: readonly ContainerSummary[]): ContainerSummary[] {
  if (action === 'remove') return [...containers]
  return containers.filter((container) => actionAllowed(action, container.state))
}

/**
 * Start, stop or remove several containers, one engine call per container (the same
 * core methods as the single-container buttons), each with its own result.
 */
export const useContainerBulkStore = defineStore('container-bulk', () => {
  const containers = useContainerStore()
  const run = ref<BulkRun | null>(null)

  const running = computed(() => run.value !== null && !run.value.finished)
  const counts = computed(() => {
    const items = run.value?.items ?? []
    return {
      total: items.length,
      done: items.filter((item) => item.status === 'done').length,
      failed: items.filter((item) => item.status === 'failed').length,
      settled: items.filter((item) => item.status === 'done' || item.status === 'failed').length,
    }
  })

  function setItem(id: string, status: BulkItemStatus, failure: ActionFailure | null = null): void {
    const current = run.value
    if (current === null) return
    run.value = { ...current, items: current.items.map((item) => (item.id === id ? { ...item, status, failure } : item)) }
  }

  /** True while this container's part of a bulk run is in flight: its row shows it busy. */
  function isBusy(id: string): boolean {
    return run.value?.items.some((item) => item.id === id && item.status === 'running') ?? false
  }

  async function one(action: BulkAction, container: ContainerSummary, options: BulkSettings): Promise<void> {
    setItem(container.id, 'running')
    try {
      if (action === 'remove') await containers.remove(container.id, options.volumes, options.force && isRunningState(container.state))
      else if (action === 'start') containers.upsert(await strataApi().call('containers.start', { id: container.id }))
      else containers.upsert(await strataApi().call('containers.stop', { id: container.id, timeoutSeconds: options.timeoutSeconds }))
      setItem(container.id, 'done')
    } catch (error) {
      setItem(container.id, 'failed', failureOf(error))
    }
  }

  /** Runs `action` on the containers it applies to; resolves when every one has an answer. */
  async function perform(action: BulkAction, selected: readonly ContainerSummary[], options: Partial<BulkSettings> = {}): Promise<void> {
    if (running.value) return
    const targets = bulkTargets(action, selected)
    if (targets.length === 0) return
    run.value = { action, finished: false, items: targets.map((container) => ({ id: container.id, name: containerName(container), status: 'waiting', failure: null })) }
    const queue = [...targets]
    const settings: BulkSettings = { timeoutSeconds: options.timeoutSeconds ?? 10, force: options.force ?? false, volumes: options.volumes ?? false }
    const worker = async (): Promise<void> => {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) await one(action, next, settings)
    }
    await Promise.all(Array.from({ length: Math.min(PARALLEL, targets.length) }, worker))
    finish()
  }

  function finish(): void {
    if (run.value !== null) run.value = { ...run.value, finished: true }
  }

  function dismiss(): void {
    if (!running.value) run.value = null
  }

  return { run, running, counts, isBusy, perform, dismiss }
})
