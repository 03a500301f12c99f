import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { EngineDiscovery, EngineProbe } from '../../shared/engine-discovery'
import type { ConnectionState, DiskUsage, EngineInfo, EngineSwitch, EngineTls, TrustedHostKey } from '../../shared/types'
import { strataApi } from '../api'
import { chooseEngineSocket } from '../api/image-files'
import { useErrorStore } from './errors'

export const useEngineStore = defineStore('engine', () => {
  const connection = ref<ConnectionState | null>(null)
  const info = ref<EngineInfo | null>(null)
  const diskUsage = ref<DiskUsage | null>(null)
  const loadingInfo = ref(false)
  const errors = useErrorStore()

  async function loadInfo(): Promise<void> {
    loadingInfo.value = true
    try {
      info.value = await strataApi().call('engine.info', {})
    } catch (error) {
      errors.report(error)
    } finally {
      loadingInfo.value = false
    }
  }

  async function loadDiskUsage(): Promise<void> {
    try {
      diskUsage.value = await strataApi().call('engine.diskUsage', {})
    } catch (error) {
      errors.report(error)
    }
  }

  /** Moves the whole app to another engine; the other stores reload on the images.reset that follows. */
  async function switchTo(host: string | null, save: boolean, tls: EngineTls | null = null): Promise<EngineSwitch> {
    info.value = null
    diskUsage.value = null
    const switched = await strataApi().call('engines.use', tls === null ? { host, save } : { host, save, tls })
    switchedElsewhere(switched)
    return switched
  }

  /**
   * The core moved to another engine, by this store or a call made outside it (the app's
   * socket dialog). Events and this answer travel apart: the new engine's own state may
   * have arrived first and is kept; only a state of the engine left is replaced.
   */
  function switchedElsewhere(switched: EngineSwitch): void {
    info.value = null
    diskUsage.value = null
    if (connection.value?.endpoint.url !== switched.endpoint.url) {
      connection.value = { state: 'connecting', endpoint: switched.endpoint, message: null, retryInSeconds: null }
    }
    void loadInfo()
  }

  function applyState(state: ConnectionState): void {
    const wasConnected = connection.value?.state === 'connected'
    connection.value = state
    if (state.state === 'connected' && !wasConnected) {
      errors.clear()
      void loadInfo()
    }
  }

  async function start(): Promise<void> {
    strataApi().on('engine.state', applyState)
    try {
      applyState(await strataApi().call('engine.state', {}))
    } catch (error) {
      errors.report(error)
    }
  }

  /** The engines this machine could use, each asked whether it answers (within timeoutMs when given). */
  function discover(timeoutMs?: number): Promise<EngineDiscovery> {
    return strataApi().call('engines.discover', timeoutMs === undefined ? {} : { timeoutMs })
  }

  /** Asks an address without leaving the engine in use. */
  function probe(host: string, tls: EngineTls | null): Promise<EngineProbe> {
    return strataApi().call('engines.probe', tls === null ? { host } : { host, tls })
  }

  function trustHostKey(endpoint: string, fingerprint: string): Promise<TrustedHostKey> {
    return strataApi().call('engines.trustHostKey', { endpoint, fingerprint })
  }

  /** The app's socket dialog: the main process switches when one is chosen; false when the dialog was closed. */
  async function chooseSocket(save: boolean): Promise<boolean> {
    const chosen = await chooseEngineSocket({ save })
    if (chosen.outcome !== 'switched') return false
    switchedElsewhere(chosen.result)
    return true
  }

  return { chooseSocket, discover, probe, trustHostKey, connection, info, diskUsage, loadingInfo, loadInfo, loadDiskUsage, start, switchTo, switchedElsewhere }
})
