import { defineStore } from 'pinia'
import { ref } from 'vue'
import { StrataError } from '../../shared/errors'
import type { LoadResult, LoginResult, LogoutResult, PullResult, PushResult, RemoteImage, SaveResult, TransferLayer } from '../../shared/types'
import { strataApi } from '../api'
import { loadDroppedFile, loadImagesFrom, saveImagesAs } from '../api/image-files'
import { platformLabel } from '../lib/image-query'
import { appTranslate as t } from './app-translate'
import { describeFailure, newTaskId, shortLayerId, type FailureView } from '../lib/registry-view'
import { LatestRequest } from '../lib/latest-request'
import { applyLayer, finishRows, startTransfer, type TransferState } from '../lib/transfer-state'
import { formatPlatform } from '../../shared/platform'

interface TransferResults {
  pull: PullResult
  push: PushResult
  save: SaveResult
  load: LoadResult
}

export type TransferKind = keyof TransferResults

type Transfers = { [K in TransferKind]: TransferState<TransferResults[K]> | null }

/** The engine's last word on each layer, where the result carries one. */
function finalLayersOf(result: TransferResults[TransferKind]): TransferLayer[] {
  if ('images' in result && 'digest' in result) return result.images.flatMap((image) => image.layers)
  if ('layers' in result) return result.layers
  return []
}

/** A transfer whose file dialog was closed: it never started, so nothing of it is shown. */
const DIALOG_CLOSED = Symbol('dialog closed')

/**
 * The Registries view's state: the inspected reference and the transfers. Kept in a store
 * so a pull that runs on while the user looks at an image is still there on return.
 */
export const useRegistryStore = defineStore('registry', () => {
  const reference = ref('')
  const remote = ref<RemoteImage | null>(null)
  const inspecting = ref(false)
  const failure = ref<FailureView | null>(null)
  const transfers = ref<Transfers>({ pull: null, push: null, save: null, load: null })
  /** The registry the login dialog is open for; null when it is closed. */
  const loginFor = ref<string | null>(null)
  /** The local image the tag, push and save actions work on. */
  const localImageId = ref<string | null>(null)
  let subscribed = false
  const latestInspect = new LatestRequest()

  function running(taskId: string): TransferState<unknown> | null {
    for (const transfer of Object.values(transfers.value)) if (transfer?.taskId === taskId) return transfer
    return null
  }

  function subscribe(): void {
    if (subscribed) return
    subscribed = true
    const api = strataApi()
    api.on('progress', (event) => {
      const transfer = running(event.taskId)
      if (transfer === null) return
      transfer.done = event.done
      transfer.total = event.total
    })
    api.on('transfer.layer', (event) => {
      const transfer = running(event.taskId)
      if (transfer !== null) transfer.rows = applyLayer(transfer.rows, event.layer)
    })
  }

  async function inspect(text = reference.value): Promise<void> {
    const ref = text.trim()
    if (ref === '') return
    reference.value = ref
    const current = latestInspect.begin()
    inspecting.value = true
    failure.value = null
    try {
      const answer = await strataApi().call('registry.inspect', { ref })
      if (current()) remote.value = answer
    } catch (error) {
      if (!current()) return
      remote.value = null
      failure.value = describeFailure(t, error, ref)
    } finally {
      if (current()) inspecting.value = false
    }
  }

  /**
   * Runs one transfer under a fresh task ID; a second of the same kind waits for the first to end.
   * A closed file dialog puts back what was shown before, as if the button had not been pressed.
   */
  async function transfer<K extends TransferKind>(
    kind: K,
    title: string,
    target: string,
    call: (taskId: string) => Promise<TransferResults[K] | typeof DIALOG_CLOSED>,
    expected: { id: string; size: number }[] = [],
  ): Promise<TransferResults[K] | null> {
    if (transfers.value[kind]?.running === true) return null
    subscribe()
    const previous = transfers.value[kind]
    const taskId = newTaskId(kind)
    transfers.value[kind] = startTransfer<TransferResults[K]>(taskId, title, expected) as Transfers[K]
    const state = transfers.value[kind] as TransferState<TransferResults[K]>
    try {
      const result = await call(taskId)
      if (result === DIALOG_CLOSED) {
        transfers.value[kind] = previous
        return null
      }
      state.result = result
      state.rows = finishRows(state.rows, finalLayersOf(result))
      return result
    } catch (error) {
      state.cancelled = error instanceof StrataError && error.code === 'CANCELLED'
      state.failure = state.cancelled ? null : describeFailure(t, error, target)
      return null
    } finally {
      state.running = false
    }
  }

  async function pull(platform: string | null): Promise<void> {
    const image = remote.value
    if (image === null) return
    const chosen = platform === null ? image.platforms : image.platforms.filter((entry) => formatPlatform(entry) === platform)
    const expected = chosen.flatMap((entry) => entry.layers.map((layer) => ({ id: shortLayerId(layer.digest), size: layer.compressedSize })))
    const label = platform === null ? t('registry.transfer.everyPlatform') : platformLabel(chosen[0] ?? { os: '', architecture: platform, variant: null }, t)
    const ref = image.reference
    const result = await transfer('pull', t('registry.transfer.pulling', { reference: ref, platform: label }), ref, (taskId) => strataApi().call('registry.pull', { ref, platform: platform ?? 'all', taskId }), expected)
    // The table says what is here now; only if it still shows the pulled reference.
    if (result !== null && remote.value?.reference === ref) await inspect(ref)
  }

  function push(ref: string): Promise<PushResult | null> {
    return transfer('push', t('registry.transfer.pushing', { reference: ref }), ref, (taskId) => strataApi().call('registry.push', { ref, taskId }))
  }

  function save(refs: string[], path: string): Promise<SaveResult | null> {
    return transfer('save', t('registry.transfer.saving', { references: refs.join(', ') }), refs[0] ?? '', (taskId) => strataApi().call('images.save', { refs, path, taskId }))
  }

  function load(path: string): Promise<LoadResult | null> {
    return transfer('load', t('registry.transfer.loading', { path }), path, (taskId) => strataApi().call('images.load', { path, taskId }))
  }

  /** The app's save: the main process asks where in a dialog; the page never names the path. */
  function saveAs(refs: string[]): Promise<SaveResult | null> {
    return transfer('save', t('registry.transfer.saving', { references: refs.join(', ') }), refs[0] ?? '', async (taskId) => {
      const answer = await saveImagesAs({ refs, taskId })
      return answer.outcome === 'cancelled' ? DIALOG_CLOSED : answer.result
    })
  }

  /** The app's load: the main process asks for the archive in a dialog. */
  function loadFrom(): Promise<LoadResult | null> {
    return transfer('load', t('registry.transfer.loadingArchive'), '', async (taskId) => {
      const answer = await loadImagesFrom({ taskId })
      if (answer.outcome === 'cancelled') return DIALOG_CLOSED
      // Only now is the file known; name it as the typed-path load does.
      const state = transfers.value.load
      if (state?.taskId === taskId) state.title = t('registry.transfer.loading', { path: answer.path })
      return answer.result
    })
  }

  /** Loads an archive dropped on the app's window; the app only, where the preload can find the file. */
  function loadDropped(file: File): Promise<LoadResult | null> {
    return transfer('load', t('registry.transfer.loading', { path: file.name }), '', async (taskId) => (await loadDroppedFile(file, { taskId })).result)
  }

  async function cancel(kind: TransferKind): Promise<void> {
    const state = transfers.value[kind]
    if (state?.running !== true) return
    await strataApi().call('tasks.cancel', { taskId: state.taskId })
  }

  function dismiss(kind: TransferKind): void {
    if (transfers.value[kind]?.running !== true) transfers.value[kind] = null
  }

  /** The password goes to the core and is kept nowhere here. */
  function login(registry: string, username: string, password: string): Promise<LoginResult> {
    return strataApi().call('registry.login', { registry, username, password })
  }

  function logout(registry: string): Promise<LogoutResult> {
    return strataApi().call('registry.logout', { registry })
  }

  return { login, logout, reference, remote, inspecting, failure, transfers, loginFor, localImageId, inspect, pull, push, save, load, saveAs, loadFrom, loadDropped, cancel, dismiss }
})
