import { defineStore } from 'pinia'
import { computed, onMounted, onUnmounted, ref } from 'vue'
import { ChangeLedger } from '../../shared/change-ledger'
import { StrataError } from '../../shared/errors'
import { failureOf, type FailureLike } from '../i18n/problems'
import type { ContainerSummary } from '../../shared/types'
import { strataApi } from '../api'
import { stateCounts, visibleContainers, type ContainerAction, type ContainerStateFilter } from '../lib/container-query'
import { useErrorStore } from './errors'

/** A failed action as the container views keep it, worded with failureText. */
export type ActionFailure = FailureLike

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([name]) => name !== key))
}

export const useContainerStore = defineStore('containers', () => {
  const containers = ref<ContainerSummary[]>([])
  const loaded = ref(false)
  const loading = ref(false)
  /** Writable-layer sizes are measured per container by the engine: slow, so only on request. */
  const sizes = ref(false)
  const query = ref('')
  const stateFilter = ref<ContainerStateFilter>('all')
  /** The action running per container ID; its buttons wait for it. */
  const busy = ref<Record<string, ContainerAction | 'remove'>>({})
  const failures = ref<Record<string, ActionFailure>>({})
  const errors = useErrorStore()
  let subscribed = false
  let generation = 0
  /** Live news and action answers touch their container; a listing asked for before them does not undo them. */
  const news = new ChangeLedger()

  const visible = computed(() => visibleContainers(containers.value, query.value, stateFilter.value))
  const counts = computed(() => stateCounts(containers.value))

  async function load(): Promise<void> {
    const mine = ++generation
    const mark = news.mark()
    loading.value = true
    try {
      const answer = await strataApi().call('containers.list', { size: sizes.value })
      if (mine !== generation) return
      containers.value = news.merge(answer, containers.value, mark)
      loaded.value = true
    } catch (error) {
      if (mine === generation) errors.report(error)
    } finally {
      if (mine === generation) loading.value = false
    }
  }

  function setSizes(on: boolean): void {
    sizes.value = on
    void load()
  }

  /** Puts a fresh summary in place; a live update carries no sizes, so the measured ones stay until the next measure. */
  function upsert(container: ContainerSummary): void {
    news.touch(container.id)
    const previous = containers.value.find((existing) => existing.id === container.id)
    const merged = container.sizeRw === undefined && previous?.sizeRw !== undefined ? { ...container, sizeRw: previous.sizeRw, sizeRootFs: previous.sizeRootFs } : container
    const others = containers.value.filter((existing) => existing.id !== container.id)
    containers.value = [merged, ...others]
  }

  function forget(id: string): void {
    news.touch(id)
    containers.value = containers.value.filter((container) => container.id !== id)
  }

  function start(): void {
    if (subscribed) return
    subscribed = true
    strataApi().on('containers.changed', (change) => {
      if (change.container === null) forget(change.id)
      else upsert(change.container)
    })
    strataApi().on('images.reset', ({ reason }) => {
      if (reason === 'engine-switched') {
        containers.value = []
        loaded.value = false
        news.reset()
      }
      void load()
    })
    // A switch to an engine that was not answering yet: load once it does.
    strataApi().on('engine.state', (state) => {
      if (state.state === 'connected' && !loaded.value) void load()
    })
    void load()
  }

  function clearFailure(id: string): void {
    failures.value = without(failures.value, id)
  }

  function setBusy(id: string, action: ContainerAction | 'remove' | null): void {
    busy.value = action === null ? without(busy.value, id) : { ...busy.value, [id]: action }
  }

  /** Runs one lifecycle action; a failure is reported app-wide and kept beside the container's buttons. */
  async function act(id: string, action: ContainerAction, timeoutSeconds = 10): Promise<void> {
    if (busy.value[id] !== undefined) return
    setBusy(id, action)
    clearFailure(id)
    const mark = news.mark()
    try {
      const fresh =
        action === 'start'
          ? await strataApi().call('containers.start', { id })
          : await strataApi().call(action === 'stop' ? 'containers.stop' : 'containers.restart', { id, timeoutSeconds })
      // Events that came in while the action ran are newer than its answer (a container that died at once).
      if (!news.touchedSince(id, mark)) upsert(fresh)
    } catch (error) {
      errors.report(error)
      failures.value = { ...failures.value, [id]: failureOf(error) }
      if (error instanceof StrataError && error.code === 'NOT_FOUND') forget(id)
    } finally {
      setBusy(id, null)
    }
  }

  /** Removes a container; the caller shows the failure in its dialog. */
  async function remove(id: string, volumes: boolean, force: boolean): Promise<void> {
    setBusy(id, 'remove')
    clearFailure(id)
    try {
      await strataApi().call('containers.remove', { id, volumes, force })
      forget(id)
    } finally {
      setBusy(id, null)
    }
  }

  return { containers, loaded, loading, sizes, query, stateFilter, busy, failures, visible, counts, load, setSizes, start, upsert, act, remove, clearFailure }
})

/**
 * The engine words a container's status relative to the moment it lists it ("Up 3
 * minutes", "Exited (0) 1 second ago"), so a view that shows it reads the list
 * again now and then. Not while sizes are shown: measuring them again is the slow part.
 */
export function useStatusRefresh(intervalMs = 60_000): void {
  const store = useContainerStore()
  let timer: ReturnType<typeof setInterval> | undefined
  onMounted(() => {
    timer = setInterval(() => {
      if (!store.sizes && !store.loading) void store.load()
    }, intervalMs)
  })
  onUnmounted(() => {
    clearInterval(timer)
  })
}
