import { Notification, type BrowserWindow } from 'electron'
import type { FinishedTask, LongTaskKind, LongTaskTracker } from './long-tasks'

/**
 * Windows shows an app's notifications only under the AppUserModelID of its Start menu
 * shortcut, which the installer names after electron-builder.yml's appId.
 */
export const APP_USER_MODEL_ID = 'dev.strata.desktop'

/** Most analyses come from the cache in a moment; only one the user may have left the window for is news. */
export const NOTIFY_ANALYSIS_AFTER_MS = 10_000

export interface TaskNotice {
  title: string
  body: string
}

const TITLES: Record<LongTaskKind, string> = { pull: 'Pull', push: 'Push', save: 'Save', load: 'Load', cleanup: 'Cleanup', analysis: 'Analysis' }

function doneBody(kind: LongTaskKind, subject: string | null): string {
  switch (kind) {
    case 'pull':
      return `Pulled ${subject ?? 'the image'}.`
    case 'push':
      return `Pushed ${subject ?? 'the image'}.`
    case 'save':
      return `Saved ${subject ?? 'the images'}.`
    case 'load':
      return `Loaded the images of ${subject ?? 'the archive'}.`
    case 'cleanup':
      return 'The cleanup is done.'
    case 'analysis':
      return `The analysis of ${subject ?? 'the image'} is ready.`
  }
}

/** What to tell about a task that ended, or null when it is no news. */
export function taskNotice(finished: FinishedTask): TaskNotice | null {
  const { task, outcome } = finished
  if (task.kind === 'analysis' && finished.durationMs < NOTIFY_ANALYSIS_AFTER_MS) return null
  // The user stopped it: they know.
  if (!outcome.ok && outcome.error.code === 'CANCELLED') return null
  if (outcome.ok) return { title: `${TITLES[task.kind]} finished`, body: doneBody(task.kind, task.subject) }
  return { title: `${TITLES[task.kind]} failed`, body: task.subject === null ? outcome.error.message : `${task.subject}: ${outcome.error.message}` }
}

/**
 * Tells through the system when a long task ends while the user looks elsewhere. The main
 * process shows these: the renderer's own notification permission stays denied (window.ts).
 */
export function notifyFinishedTasks(window: BrowserWindow, tracker: LongTaskTracker, isQuitting: () => boolean): () => void {
  // Held until clicked or closed: a notification the garbage collector takes loses its click handler.
  const shown = new Set<Notification>()
  return tracker.onFinished((finished) => {
    if (isQuitting() || window.isDestroyed() || window.isFocused()) return
    const notice = taskNotice(finished)
    if (notice === null || !Notification.isSupported()) return
    const notification = new Notification({ title: notice.title, body: notice.body })
    shown.add(notification)
    const forget = (): void => {
      shown.delete(notification)
    }
    notification.on('click', () => {
      forget()
      if (window.isDestroyed()) return
      if (window.isMinimized()) window.restore()
      window.show()
      window.focus()
    })
    notification.on('close', forget)
    notification.on('failed', forget)
    notification.show()
  })
}
