import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import { strataApi } from '../api'
import { useEngineStore } from './engine'

/** Why what is shown may be out of date: the engine stopped answering, or the browser host did. */
export type StaleCause = 'engine' | 'host'

/**
 * Whether what the views show is live. It stops being live when the engine or
 * the browser host goes away after the data was read; the stores keep their
 * last rows (marked stale) and read everything again on the resync that
 * follows a reconnection (images.reset from the core or from the transport).
 */
export const useLiveStore = defineStore('live', () => {
  const engine = useEngineStore()
  const hostConnected = ref(true)
  /** The host is back but refuses this page's session (restarted with a new token): no resync can happen from here. */
  const hostRefused = ref(false)
  /** The engine in use answered in this session, so there is data to keep while it does not. */
  const everConnected = ref(false)
  /** When the data was last known to be live (ms since epoch); null while it is. */
  const lastLiveAt = ref<number | null>(null)
  let started = false

  const engineDown = computed(() => {
    const state = engine.connection?.state
    return state === 'reconnecting' || state === 'unreachable'
  })
  const cause = computed<StaleCause | null>(() => {
    if (!everConnected.value) return null
    if (!hostConnected.value) return 'host'
    return engineDown.value ? 'engine' : null
  })
  const stale = computed(() => cause.value !== null)

  watch(stale, (isStale) => {
    lastLiveAt.value = isStale ? Date.now() : null
  })
  watch(
    () => engine.connection?.state,
    (state) => {
      if (state === 'connected') everConnected.value = true
    },
    { immediate: true },
  )

  function start(): void {
    if (started) return
    started = true
    const api = strataApi()
    api.onTransport?.((connected, refused) => {
      hostConnected.value = connected
      hostRefused.value = refused
    })
    api.on('images.reset', ({ reason }) => {
      // Another engine: nothing of the last one is kept, so nothing is stale until the new one has answered.
      if (reason === 'engine-switched') everConnected.value = engine.connection?.state === 'connected'
    })
  }

  return { hostConnected, hostRefused, everConnected, lastLiveAt, cause, stale, start }
})
