import { basename } from 'node:path'
import { StrataError, type Outcome } from '../../shared/errors'
import type { StrataCore } from '../core/api/core'

/** The calls that may run for minutes, and what the user would call them. */
export type LongTaskKind = 'pull' | 'push' | 'save' | 'load' | 'cleanup' | 'analysis'

const LONG_METHODS: Readonly<Record<string, LongTaskKind>> = {
  'registry.pull': 'pull',
  'registry.push': 'push',
  'images.save': 'save',
  'images.load': 'load',
  'cleanup.execute': 'cleanup',
  'layers.analyze': 'analysis',
  'layers.analyzeArchive': 'analysis',
  'layers.advice': 'analysis',
}

/**
 * Quitting stops these halfway through work the user asked for on the engine or on disk.
 * An analysis only reads, and one starts whenever an image is opened: asking about it
 * would put a question in front of nearly every quit.
 */
const ASK_BEFORE_QUIT: ReadonlySet<LongTaskKind> = new Set(['pull', 'push', 'save', 'load', 'cleanup'])

export interface LongTask {
  readonly id: number
  readonly kind: LongTaskKind
  readonly method: string
  /** What it works on, as the user would name it ("alpine:3.20", "3 images", "backup.tar"); null for a cleanup. */
  readonly subject: string | null
  readonly startedAt: number
}

export interface FinishedTask {
  readonly task: LongTask
  readonly outcome: Outcome<unknown>
  readonly durationMs: number
}

export function isLongMethod(method: unknown): boolean {
  return typeof method === 'string' && Object.hasOwn(LONG_METHODS, method)
}

export function asksBeforeQuit(task: LongTask): boolean {
  return ASK_BEFORE_QUIT.has(task.kind)
}

// A reference may be 512 characters long; a dialog line should not be.
function shortened(text: string, max = 80): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`
}

function field(input: unknown, name: string): unknown {
  return typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[name] : undefined
}

/** Read from the raw input, which the core has not validated yet: anything missing gives no subject, never an error. */
function subjectOf(kind: LongTaskKind, input: unknown): string | null {
  if (kind === 'cleanup') return null
  if (kind === 'load' || (kind === 'analysis' && typeof field(input, 'path') === 'string')) {
    const path = field(input, 'path')
    return typeof path === 'string' && path !== '' ? shortened(basename(path)) : null
  }
  if (kind === 'save') {
    const refs = field(input, 'refs')
    if (!Array.isArray(refs)) return null
    if (refs.length === 1 && typeof refs[0] === 'string') return shortened(refs[0])
    return refs.length > 1 ? `${String(refs.length)} images` : null
  }
  const ref = field(input, 'ref')
  return typeof ref === 'string' && ref !== '' ? shortened(ref) : null
}

/** "a pull of alpine:3.20", "an analysis of app:1", "a cleanup". */
export function taskPhrase(task: LongTask): string {
  const article = task.kind === 'analysis' ? 'an' : 'a'
  return task.subject === null ? `${article} ${task.kind}` : `${article} ${task.kind} of ${task.subject}`
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** "A pull of alpine:3.20 and a cleanup are running." Names at most three; counts the rest. */
export function runningSentence(tasks: readonly LongTask[]): string {
  const named = tasks.slice(0, 3).map(taskPhrase)
  const rest = tasks.length - named.length
  if (rest > 0) named.push(`${String(rest)} more task${rest === 1 ? '' : 's'}`)
  const list = named.length <= 1 ? named.join('') : `${named.slice(0, -1).join(', ')} and ${named.at(-1) ?? ''}`
  return `${capitalized(list)} ${tasks.length === 1 ? 'is' : 'are'} running.`
}

/** The long calls the main process is running for the renderer, and a word to whoever wants to know when one ends. */
export class LongTaskTracker {
  private readonly tasks = new Map<number, LongTask>()
  private readonly listeners = new Set<(finished: FinishedTask) => void>()
  private nextId = 1

  constructor(private readonly now: () => number = Date.now) {}

  /** Null when the method is not a long one: nothing to track. */
  start(method: string, input: unknown): LongTask | null {
    const kind = LONG_METHODS[method]
    if (kind === undefined) return null
    const task: LongTask = { id: this.nextId++, kind, method, subject: subjectOf(kind, input), startedAt: this.now() }
    this.tasks.set(task.id, task)
    return task
  }

  finish(task: LongTask, outcome: Outcome<unknown>): FinishedTask {
    this.tasks.delete(task.id)
    const finished: FinishedTask = { task, outcome, durationMs: this.now() - task.startedAt }
    for (const listener of this.listeners) {
      try {
        listener(finished)
      } catch {
        // A listener that fails (a notification the system refused) must not fail the call it listens to.
      }
    }
    return finished
  }

  /** Oldest first. */
  running(): LongTask[] {
    return [...this.tasks.values()]
  }

  onFinished(listener: (finished: FinishedTask) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}

/**
 * The core as IPC handlers see it, with its long calls tracked. Wrapping the core rather
 * than each handler catches every way in: the contract's channels and the dialog-driven
 * save and load alike.
 */
export function trackLongTasks(core: StrataCore, tracker: LongTaskTracker): StrataCore {
  return {
    events: core.events,
    // Getters: engines.use replaces the core's session and catalog.
    get session() {
      return core.session
    },
    get catalog() {
      return core.catalog
    },
    extractFile: (...args) => core.extractFile(...args),
    openStream: (...args) => core.openStream(...args),
    get openStreams() {
      return core.openStreams
    },
    follow: () => {
      core.follow()
    },
    close: () => core.close(),
    call: async (method, input, signal) => {
      const task = typeof method === 'string' ? tracker.start(method, input) : null
      if (task === null) return core.call(method, input, signal)
      let outcome: Outcome<unknown>
      try {
        outcome = await core.call(method, input, signal)
      } catch (error) {
        // The core answers with Outcomes; should it ever throw, the task still ends, as a failure.
        tracker.finish(task, { ok: false, error: StrataError.from(error).toWire() })
        throw error
      }
      tracker.finish(task, outcome)
      return outcome
    },
  }
}
