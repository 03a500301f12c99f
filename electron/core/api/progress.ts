import type { EventPayloads } from '../../../shared/events'

/** Where progress events go: the core's event hub, or the command line's terminal line when it runs without the core. */
export interface ProgressSink {
  emit(name: 'progress', payload: EventPayloads['progress']): void
}

export interface ProgressReporter {
  update: (done: number, total: number | null) => void
  finish: () => void
}

/** Turns a stream of byte counts into `progress` events, at most every 100 ms, and one final event. */
export function progressReporter(hub: ProgressSink, taskId: string, label: string, intervalMs = 100): ProgressReporter {
  let last = 0
  let done = 0
  let total: number | null = null
  return {
    update: (bytes, expected) => {
      done = bytes
      total = expected
      const now = Date.now()
      if (now - last < intervalMs) return
      last = now
      hub.emit('progress', { taskId, label, done, total, finished: false })
    },
    finish: () => {
      hub.emit('progress', { taskId, label, done, total, finished: true })
    },
  }
}
