import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { failure as wordedFailure, StrataError } from '../../shared/errors'
import { problem } from '../../shared/problems'
import type { MethodInput } from '../../shared/contract'
import type { SaveFileRequest, SaveFileResult } from '../../shared/save-file'
import type { FileContent, ImageAnalysis, TreeEntry } from '../../shared/types'
import { strataApi } from '../api'
import { saveImageFile } from '../api/save-file'
import { SHOW_ALL, type ChangeFilter, type ChangeFilterKey, type TreeSortKey } from '../lib/file-tree'
import { errorDetail } from '../i18n/problems'
import { appTranslate as t } from './app-translate'
import { useErrorStore } from './errors'

export interface AnalysisProgress {
  label: string
  done: number
  total: number | null
}

/** Search results per call; the backend's own cap. */
export const SEARCH_LIMIT = 2000

let taskCounter = 0

function newTaskId(): string {
  taskCounter += 1
  return `files-${Date.now().toString(36)}-${taskCounter}-${Math.random().toString(36).slice(2, 8)}`
}


/**
 * The Files tab of one image at a time: its layer analysis, the folder listings read
 * so far (immutable for an image ID, so cached until another image is opened) and the
 * view state, kept so that leaving the tab and coming back finds it as it was.
 */
export const useFilesStore = defineStore('files', () => {
  const errors = useErrorStore()

  const imageId = ref<string | null>(null)
  const analysis = shallowRef<ImageAnalysis | null>(null)
  const status = ref<'idle' | 'loading' | 'ready' | 'failed'>('idle')
  const failure = ref<string | null>(null)
  const progress = ref<AnalysisProgress | null>(null)

  const selectedLayer = ref(0)
  const onlyChanges = ref(false)
  const sort = ref<TreeSortKey>('name')
  const filter = ref('')
  /** What the side column shows under the layers: the wasted paths or the advisor's findings. */
  const sidePanel = ref<'wasted' | 'advice'>('wasted')
  /**
   * The change filter of both trees. Kept for the session, across images, as the sort is:
   * the renderer keeps nothing in browser storage (settings live in the core's file).
   */
  const shown = ref<ChangeFilter>({ ...SHOW_ALL })
  /** Per layer of the open image, how many paths it left unchanged (each listing says it). */
  const unchangedCounts = ref<Partial<Record<number, number>>>({})

  function toggleShown(key: ChangeFilterKey): void {
    shown.value = { ...shown.value, [key]: !shown.value[key] }
  }

  // Plain maps: tens of thousands of entries need no deep reactivity; the trees track their own versions.
  const listings = new Map<string, TreeEntry[]>()
  const pending = new Map<string, Promise<TreeEntry[]>>()
  let generation = 0
  let runningTask: string | null = null

  function open(id: string): void {
    if (id === imageId.value && status.value !== 'failed' && status.value !== 'idle') return
    if (id !== imageId.value) {
      imageId.value = id
      listings.clear()
      pending.clear()
      analysis.value = null
      unchangedCounts.value = {}
      onlyChanges.value = false
      filter.value = ''
    }
    void analyze()
  }

  async function analyze(): Promise<void> {
    const id = imageId.value
    if (id === null) return
    const mine = ++generation
    const taskId = newTaskId()
    runningTask = taskId
    status.value = 'loading'
    failure.value = null
    progress.value = null
    const off = strataApi().on('progress', (event) => {
      if (event.taskId !== taskId || mine !== generation) return
      progress.value = { label: event.label, done: event.done, total: event.total }
    })
    try {
      const result = await strataApi().call('layers.analyze', { ref: id, taskId })
      if (mine !== generation) return
      analysis.value = result
      selectedLayer.value = Math.max(0, result.layers.length - 1)
      status.value = 'ready'
    } catch (error) {
      if (mine !== generation) return
      // A cancel the user asked for is not an error to report.
      if (!(error instanceof StrataError && error.code === 'CANCELLED')) errors.report(error)
      failure.value = errorDetail(error instanceof StrataError && error.code === 'CANCELLED' ? wordedFailure('CANCELLED', problem('layer.analysisCancelled')) : error, t)
      status.value = 'failed'
    } finally {
      off()
      if (runningTask === taskId) runningTask = null
    }
  }

  /** Stops the running analysis (the core aborts the export it is reading). */
  async function cancel(): Promise<void> {
    if (runningTask === null) return
    try {
      await strataApi().call('tasks.cancel', { taskId: runningTask })
    } catch (error) {
      errors.report(error)
    }
  }

  function listingKey(layer: number, path: string, changesOnly: boolean): string {
    return `${layer}\u0000${changesOnly ? 'c' : 'm'}\u0000${path}`
  }

  /** A listing already read, without asking for it. */
  function peekListing(layer: number, path: string, changesOnly: boolean): TreeEntry[] | undefined {
    return listings.get(listingKey(layer, path, changesOnly))
  }

  /** One folder as of a layer; each folder is asked for once, however many rows want it. */
  function listing(layer: number, path: string, changesOnly: boolean): Promise<TreeEntry[]> {
    const key = listingKey(layer, path, changesOnly)
    const cached = listings.get(key)
    if (cached !== undefined) return Promise.resolve(cached)
    const inFlight = pending.get(key)
    if (inFlight !== undefined) return inFlight
    const id = imageId.value
    if (id === null) return Promise.reject(new StrataError('INTERNAL', 'No image is open.'))
    const request = strataApi()
      .call('layers.tree', { ref: id, layer, path, onlyChanges: changesOnly })
      .then((answer) => {
        if (id === imageId.value) {
          listings.set(key, answer.entries)
          if (unchangedCounts.value[layer] !== answer.unchanged) unchangedCounts.value = { ...unchangedCounts.value, [layer]: answer.unchanged }
        }
        return answer.entries
      })
      .finally(() => {
        if (pending.get(key) === request) pending.delete(key)
      })
    pending.set(key, request)
    return request
  }

  let searchCount = 0
  /** The search each tree (all files, changes only) has running: the two search side by side. */
  const runningSearch = new Map<boolean, string>()

  /** A new search stops the one it replaces in the same tree: on an image of many files the core would otherwise finish it for nothing. */
  function search(layer: number, pattern: string, changesOnly: boolean): Promise<TreeEntry[]> {
    const id = imageId.value
    if (id === null) return Promise.reject(new StrataError('INTERNAL', 'No image is open.'))
    const replaced = runningSearch.get(changesOnly)
    if (replaced !== undefined) void strataApi().call('tasks.cancel', { taskId: replaced }).catch(() => undefined)
    searchCount += 1
    const taskId = `search:${String(searchCount)}`
    runningSearch.set(changesOnly, taskId)
    return strataApi()
      .call('layers.search', { ref: id, layer, pattern, onlyChanges: changesOnly, limit: SEARCH_LIMIT, taskId })
      .finally(() => {
        if (runningSearch.get(changesOnly) === taskId) runningSearch.delete(changesOnly)
      })
  }

  /** Shows a path where a layer stored it: that layer selected, both trees filtered down to the path. */
  function reveal(layer: number, path: string): void {
    selectedLayer.value = layer
    filter.value = path
  }

  /** One file's content, of any image and layer: the viewer's and the comparison's read. */
  function readFile(request: MethodInput<'layers.readFile'>): Promise<FileContent> {
    return strataApi().call('layers.readFile', request)
  }

  /** Saves one file of an image where the user says (the app's dialog, or a download in the browser). */
  function saveFile(request: SaveFileRequest): Promise<SaveFileResult> {
    return saveImageFile(request)
  }

  return { readFile, saveFile, imageId, analysis, status, failure, progress, selectedLayer, onlyChanges, sort, filter, sidePanel, shown, unchangedCounts, toggleShown, open, analyze, cancel, peekListing, listing, search, reveal }
})
