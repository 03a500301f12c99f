import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { failure as wordedFailure, StrataError } from '../../shared/errors'
import { problem } from '../../shared/problems'
import type { ArchiveAnalysis } from '../../shared/types'
import { strataApi } from '../api'
import { analyzeDroppedFile } from '../api/image-files'
import { errorDetail } from '../i18n/problems'
import { appTranslate as t } from './app-translate'
import type { AnalysisProgress } from './files'

let taskCounter = 0

/**
 * The analysis of one image archive that no engine holds (#/archive): read by the core
 * from a path typed in browser mode, or from the file dropped on the app's window. One at
 * a time; a newer one replaces it, and the older one's answer is dropped.
 */
export const useArchiveStore = defineStore('archive', () => {
  /** The archive's file name, known before the analysis answers (the dropped File's, or the typed path's last part). */
  const name = ref<string | null>(null)
  const analysis = shallowRef<ArchiveAnalysis | null>(null)
  const status = ref<'idle' | 'loading' | 'ready' | 'failed'>('idle')
  const failure = ref<string | null>(null)
  const progress = ref<AnalysisProgress | null>(null)
  let runningTask: string | null = null
  let generation = 0

  async function run(fileName: string, call: (taskId: string) => Promise<ArchiveAnalysis>): Promise<void> {
    const mine = ++generation
    if (runningTask !== null) void strataApi().call('tasks.cancel', { taskId: runningTask }).catch(() => undefined)
    taskCounter += 1
    const taskId = `archive-${Date.now().toString(36)}-${String(taskCounter)}`
    runningTask = taskId
    name.value = fileName
    analysis.value = null
    status.value = 'loading'
    failure.value = null
    progress.value = null
    const off = strataApi().on('progress', (event) => {
      if (event.taskId === taskId && mine === generation) progress.value = { label: event.label, done: event.done, total: event.total }
    })
    try {
      const result = await call(taskId)
      if (mine !== generation) return
      analysis.value = result
      status.value = 'ready'
    } catch (error) {
      if (mine !== generation) return
      const cancelled = error instanceof StrataError && error.code === 'CANCELLED'
      failure.value = errorDetail(cancelled ? wordedFailure('CANCELLED', problem('layer.analysisCancelled')) : error, t)
      status.value = 'failed'
    } finally {
      off()
      if (runningTask === taskId) runningTask = null
    }
  }

  /** Browser mode: a path on the machine `strata serve` runs on, as the Load form takes one. */
  function analyzePath(path: string): Promise<void> {
    const fileName = path.split(/[\\/]/).at(-1) ?? path
    return run(fileName, (taskId) => strataApi().call('layers.analyzeArchive', { path, files: true, taskId }))
  }

  /** In the app: the dropped File, whose path only the preload learns. */
  function analyzeDropped(file: File): Promise<void> {
    return run(file.name, async (taskId) => analyzeDroppedFile(file, { taskId }))
  }

  async function cancel(): Promise<void> {
    if (runningTask === null) return
    await strataApi()
      .call('tasks.cancel', { taskId: runningTask })
      .catch(() => undefined)
  }

  return { name, analysis, status, failure, progress, analyzePath, analyzeDropped, cancel }
})
