import { app, dialog, type BrowserWindow, type MessageBoxOptions } from 'electron'
import { asksBeforeQuit, runningSentence, type LongTask, type LongTaskTracker } from './long-tasks'

/** How long quitting waits for the engine connection to close before it quits anyway. */
export const CORE_CLOSE_DEADLINE_MS = 2000

export type CloseResult = 'closed' | 'timed out' | 'failed'

/** Settles within `deadlineMs` whatever `closing` does: a stuck socket must not keep the app from quitting. */
export function closeWithin(closing: Promise<void>, deadlineMs: number): Promise<CloseResult> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      resolve('timed out')
    }, deadlineMs)
    closing.then(
      () => {
        clearTimeout(timer)
        resolve('closed')
      },
      () => {
        clearTimeout(timer)
        resolve('failed')
      },
    )
  })
}

export interface QuitGuardDeps {
  /** The tasks a quit would stop. */
  running(): readonly LongTask[]
  /** Asks whether to quit although those run; true to quit. */
  confirm(tasks: readonly LongTask[]): Promise<boolean>
  closeCore(): Promise<void>
  /** Asks the app to quit again, once the guard is ready to let it. */
  quit(): void
  log(level: 'info' | 'warn', message: string): void
  deadlineMs?: number
}

/** What a quit event should do: go on, or be held back (preventDefault) while the guard asks or closes. */
export type QuitDecision = 'allow' | 'hold'

/**
 * Quitting goes through at most one question and one bounded close of the core.
 * `confirmed` remembers the answer, so the window's close and the app's before-quit,
 * which both fire on one quit, never ask twice.
 */
export class QuitGuard {
  private phase: 'open' | 'asking' | 'confirmed' | 'closing' | 'closed' = 'open'

  constructor(private readonly deps: QuitGuardDeps) {}

  get quitting(): boolean {
    return this.phase === 'confirmed' || this.phase === 'closing' || this.phase === 'closed'
  }

  /** app `before-quit`: the core closes before the app lets go. */
  beforeQuit(): QuitDecision {
    if (this.phase === 'closed') return 'allow'
    if (this.phase === 'open') {
      this.askThen(() => {
        this.shutDown()
      })
    } else if (this.phase === 'confirmed') {
      this.shutDown()
    }
    return 'hold'
  }

  /** The window's `close`: closing the last window quits, so it asks the same question. */
  windowClose(): QuitDecision {
    if (this.phase === 'asking') return 'hold'
    if (this.phase !== 'open') return 'allow'
    if (this.deps.running().length === 0) {
      // The app quits once its window is gone: from here on, a renderer exiting or a task failing is part of quitting.
      this.phase = 'confirmed'
      return 'allow'
    }
    this.askThen(() => {
      this.deps.quit()
    })
    return 'hold'
  }

  private askThen(proceed: () => void): void {
    const tasks = this.deps.running()
    if (tasks.length === 0) {
      this.phase = 'confirmed'
      proceed()
      return
    }
    this.phase = 'asking'
    void this.deps
      .confirm(tasks)
      // A question that cannot be shown must not keep the user from quitting.
      .catch(() => true)
      .then((quit) => {
        if (!quit) {
          this.phase = 'open'
          return
        }
        this.deps.log('warn', `quitting while running: ${runningSentence(tasks)}`)
        this.phase = 'confirmed'
        proceed()
      })
  }

  private shutDown(): void {
    this.phase = 'closing'
    const deadlineMs = this.deps.deadlineMs ?? CORE_CLOSE_DEADLINE_MS
    // A close that throws at once is a failed close like any other: quitting still goes on.
    const closing = Promise.resolve().then(() => this.deps.closeCore())
    void closeWithin(closing, deadlineMs).then((result) => {
      if (result !== 'closed') this.deps.log('warn', result === 'timed out' ? `the engine connection did not close within ${String(deadlineMs)} ms; quitting anyway` : 'closing the engine connection failed; quitting anyway')
      this.phase = 'closed'
      this.deps.quit()
    })
  }
}

function quitQuestion(tasks: readonly LongTask[]): MessageBoxOptions {
  return {
    type: 'warning',
    title: 'Quit Strata?',
    message: `${runningSentence(tasks)} Quit anyway?`,
    detail: tasks.length === 1 ? 'Quitting stops it part-way.' : 'Quitting stops them part-way.',
    buttons: ['Quit', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  }
}

/** Wires the guard to the app and its window; closing the last window quits on every platform. */
export function guardQuit(window: BrowserWindow, tracker: LongTaskTracker, closeCore: () => Promise<void>, log: QuitGuardDeps['log']): QuitGuard {
  const guard = new QuitGuard({
    running: () => tracker.running().filter(asksBeforeQuit),
    confirm: async (tasks) => {
      const options = quitQuestion(tasks)
      const answer = window.isDestroyed() ? await dialog.showMessageBox(options) : await dialog.showMessageBox(window, options)
      return answer.response === 0
    },
    closeCore,
    quit: () => {
      app.quit()
    },
    log,
  })
  app.on('before-quit', (event) => {
    if (guard.beforeQuit() === 'hold') event.preventDefault()
  })
  window.on('close', (event) => {
    if (guard.windowClose() === 'hold') event.preventDefault()
  })
  app.on('window-all-closed', () => {
    app.quit()
  })
  return guard
}
