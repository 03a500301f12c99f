import { app, dialog, type BrowserWindow, type MessageBoxOptions, type RenderProcessGoneDetails } from 'electron'
import type { LogFile } from './log-file'

/** Crashes this close together mean a reload would only crash again. */
export const CRASH_LIMIT = 3
export const CRASH_PERIOD_MS = 60_000
/** How long after killing a hung renderer its "gone" event is ours and not a crash. */
const KILL_ECHO_MS = 5000

/** Counts the renderer's recent crashes, to tell one crash from a crash loop. */
export class CrashHistory {
  private times: number[] = []

  constructor(
    private readonly limit = CRASH_LIMIT,
    private readonly periodMs = CRASH_PERIOD_MS,
  ) {}

  /** Records a crash at `now`; answers how many fell within the period, this one included. */
  record(now: number): number {
    this.times = [...this.times.filter((time) => now - time < this.periodMs), now]
    return this.times.length
  }

  isLoop(count: number): boolean {
    return count >= this.limit
  }
}

const REASONS: Record<RenderProcessGoneDetails['reason'], string> = {
  'clean-exit': 'closed',
  'abnormal-exit': 'stopped unexpectedly',
  killed: 'was killed',
  crashed: 'crashed',
  oom: 'ran out of memory',
  'launch-failed': 'could not start',
  'integrity-failure': 'failed a code integrity check',
  'memory-eviction': 'was closed to free memory',
}

export function goneText(reason: RenderProcessGoneDetails['reason']): string {
  // Newer Electrons may add reasons; the sentence must still read.
  return (REASONS as Partial<Record<string, string>>)[reason] ?? `stopped (${reason})`
}

export interface CrashCareDeps {
  /** Loads the renderer afresh (window.ts loadRenderer). */
  reload(): Promise<void>
  log: Pick<LogFile, 'write' | 'path'>
  openLogsFolder(): void
  /** While quitting, a renderer that goes away is no news. */
  isQuitting(): boolean
  now?: () => number
}

function crashQuestion(reason: string): MessageBoxOptions {
  return {
    type: 'error',
    title: 'Strata’s window stopped',
    message: `Strata’s window ${reason}.`,
    detail: 'Reload to open it again. Tasks already started keep running.',
    buttons: ['Reload', 'Quit'],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  }
}

function crashLoopNotice(reason: string, count: number, logPath: string): MessageBoxOptions {
  return {
    type: 'error',
    title: 'Strata’s window keeps stopping',
    message: `Strata’s window ${reason}, ${String(count)} times within a minute.`,
    detail: `Reloading it again would most likely fail the same way, so Strata will quit. The log may say why: ${logPath}`,
    buttons: ['Quit', 'Open Logs Folder'],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  }
}

function hangQuestion(signal: AbortSignal): MessageBoxOptions {
  return {
    type: 'warning',
    title: 'Strata is not responding',
    message: 'Strata’s window is not responding.',
    detail: 'It may recover if you wait. Reloading restarts the window; tasks already started keep running.',
    buttons: ['Reload', 'Wait'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
    // Closes the question when the window recovers on its own.
    signal,
  }
}

/**
 * A crashed or hung renderer leaves a blank or frozen window while the main process,
 * and every task it runs, goes on: offer to reload it, but never in a loop.
 */
export function careForRenderer(window: BrowserWindow, deps: CrashCareDeps): void {
  const now = deps.now ?? Date.now
  const crashes = new CrashHistory()
  let crashPromptOpen = false
  let hangPrompt: AbortController | null = null
  let killedAt: number | null = null

  const failed = (error: unknown): void => {
    deps.log.write('error', 'recovering the window failed', error)
  }
  const reload = (): void => {
    deps.log.write('info', 'reloading the window')
    deps.reload().catch(failed)
  }
  const ask = async (options: MessageBoxOptions): Promise<number> => (await dialog.showMessageBox(window, options)).response
  const askAboutCrash = async (options: MessageBoxOptions): Promise<number> => {
    crashPromptOpen = true
    try {
      return await ask(options)
    } finally {
      crashPromptOpen = false
    }
  }

  window.webContents.on('render-process-gone', (_event, details) => {
    const ours = killedAt !== null && now() - killedAt < KILL_ECHO_MS
    killedAt = null
    deps.log.write(ours ? 'info' : 'error', `the window’s renderer ${goneText(details.reason)} (reason ${details.reason}, exit code ${String(details.exitCode)})${ours ? ', as asked, to reload it' : ''}`)
    // A hung renderer that then dies is no longer hung: the crash question replaces the hang question.
    hangPrompt?.abort()
    if (ours || crashPromptOpen || deps.isQuitting() || window.isDestroyed()) return
    const count = crashes.record(now())
    if (crashes.isLoop(count)) {
      askAboutCrash(crashLoopNotice(goneText(details.reason), count, deps.log.path))
        .then((response) => {
          if (response === 1) deps.openLogsFolder()
          app.quit()
        })
        .catch(failed)
      return
    }
    askAboutCrash(crashQuestion(goneText(details.reason)))
      .then((response) => {
        if (response === 0) reload()
        else app.quit()
      })
      .catch(failed)
  })

  window.on('unresponsive', () => {
    deps.log.write('warn', 'the window stopped responding')
    if (crashPromptOpen || hangPrompt !== null || deps.isQuitting()) return
    const prompt = new AbortController()
    hangPrompt = prompt
    ask(hangQuestion(prompt.signal))
      .then((response) => {
        // An aborted question answers as if cancelled: Wait.
        if (response !== 0 || window.isDestroyed()) return
        // A hung renderer may never get to a new page: end it first, then load into a new process.
        killedAt = now()
        window.webContents.forcefullyCrashRenderer()
        reload()
      })
      .catch(failed)
      .finally(() => {
        if (hangPrompt === prompt) hangPrompt = null
      })
  })

  window.on('responsive', () => {
    deps.log.write('info', 'the window responds again')
    hangPrompt?.abort()
  })
}
