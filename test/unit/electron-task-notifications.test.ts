import type { NotificationConstructorOptions } from 'electron'
import { readFileSync } from 'node:fs'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { LongTaskTracker, type FinishedTask, type LongTask } from '../../electron/main/long-tasks'
import { APP_USER_MODEL_ID, NOTIFY_ANALYSIS_AFTER_MS, notifyFinishedTasks, taskNotice } from '../../electron/main/task-notifications'
import type { Outcome } from '../../shared/errors'
import { FakeWindow } from './electron-fake-window'

const fakes = vi.hoisted(() => ({
  supported: true,
  shown: [] as { options: NotificationConstructorOptions; emit: (name: string) => void; show: ReturnType<typeof vi.fn> }[],
}))

vi.mock('electron', async () => {
  const { FakeEmitter } = await import('./electron-fake-window')
  class FakeNotification extends FakeEmitter {
    static isSupported(): boolean {
      return fakes.supported
    }
    readonly show = vi.fn()
    constructor(readonly options: NotificationConstructorOptions) {
      super()
      fakes.shown.push(this)
    }
  }
  return { Notification: FakeNotification }
})

const done: Outcome<unknown> = { ok: true, value: {} }
const denied: Outcome<unknown> = { ok: false, error: { code: 'PERMISSION_DENIED', message: 'pull access denied for private/app', detail: {} } }

function clock(): { now: () => number; advance: (ms: number) => void } {
  let time = 0
  return {
    now: () => time,
    advance: (ms) => {
      time += ms
    },
  }
}

function started(tracker: LongTaskTracker, method: string, input: unknown): LongTask {
  const task = tracker.start(method, input)
  if (task === null) throw new Error('not tracked')
  return task
}

beforeEach(() => {
  fakes.supported = true
  fakes.shown.length = 0
})

describe('taskNotice', () => {
  const tracker = new LongTaskTracker()
  const ended = (method: string, input: unknown, outcome: Outcome<unknown>, durationMs = 1000): FinishedTask => ({ task: started(tracker, method, input), outcome, durationMs })

  it('says what finished, or what failed and why', () => {
    expect(taskNotice(ended('registry.pull', { ref: 'alpine:3.20' }, done))).toEqual({ title: 'Pull finished', body: 'Pulled alpine:3.20.' })
    expect(taskNotice(ended('registry.pull', { ref: 'private/app' }, denied))).toEqual({ title: 'Pull failed', body: 'private/app: pull access denied for private/app' })
    expect(taskNotice(ended('images.save', { refs: ['a', 'b'] }, done))).toEqual({ title: 'Save finished', body: 'Saved 2 images.' })
    expect(taskNotice(ended('images.load', { path: '/x/backup.tar' }, done))?.body).toBe('Loaded the images of backup.tar.')
    expect(taskNotice(ended('cleanup.execute', {}, denied))).toEqual({ title: 'Cleanup failed', body: 'pull access denied for private/app' })
  })

  it('keeps quiet about quick analyses and about tasks the user cancelled', () => {
    expect(taskNotice(ended('layers.analyze', { ref: 'app:1' }, done, NOTIFY_ANALYSIS_AFTER_MS - 1))).toBeNull()
    expect(taskNotice(ended('layers.analyze', { ref: 'app:1' }, done, NOTIFY_ANALYSIS_AFTER_MS))).toEqual({ title: 'Analysis finished', body: 'The analysis of app:1 is ready.' })
    const cancelled: Outcome<unknown> = { ok: false, error: { code: 'CANCELLED', message: 'Cancelled.', detail: {} } }
    expect(taskNotice(ended('registry.push', { ref: 'a' }, cancelled))).toBeNull()
  })
})

describe('notifyFinishedTasks', () => {
  function setUp(): { window: FakeWindow; tracker: LongTaskTracker; time: ReturnType<typeof clock>; quitting: { value: boolean } } {
    const time = clock()
    const tracker = new LongTaskTracker(time.now)
    const window = new FakeWindow()
    const quitting = { value: false }
    notifyFinishedTasks(window.asBrowserWindow, tracker, () => quitting.value)
    return { window, tracker, time, quitting }
  }

  it('shows nothing while the window has the focus: the user sees the result there', () => {
    const { tracker } = setUp()
    tracker.finish(started(tracker, 'registry.pull', { ref: 'alpine:3.20' }), done)
    expect(fakes.shown).toHaveLength(0)
  })

  it('shows one notification with what finished when the window is not focused; clicking it brings the window back', () => {
    const { window, tracker } = setUp()
    window.focused = false
    window.minimized = true
    tracker.finish(started(tracker, 'registry.pull', { ref: 'private/app' }), denied)
    expect(fakes.shown).toHaveLength(1)
    const [notification] = fakes.shown
    expect(notification?.options).toEqual({ title: 'Pull failed', body: 'private/app: pull access denied for private/app' })
    expect(notification?.show).toHaveBeenCalledTimes(1)
    notification?.emit('click')
    expect(window.restore).toHaveBeenCalledTimes(1)
    expect(window.show).toHaveBeenCalledTimes(1)
    expect(window.focus).toHaveBeenCalledTimes(1)
  })

  it('tells about an analysis only when it took 10 s or more', () => {
    const { window, tracker, time } = setUp()
    window.focused = false
    const quick = started(tracker, 'layers.analyze', { ref: 'app:1' })
    time.advance(9_999)
    tracker.finish(quick, done)
    expect(fakes.shown).toHaveLength(0)
    const slow = started(tracker, 'layers.analyze', { ref: 'app:2' })
    time.advance(10_000)
    tracker.finish(slow, done)
    expect(fakes.shown.map((shown) => shown.options.body)).toEqual(['The analysis of app:2 is ready.'])
  })

  it('shows nothing where the system has no notifications, while quitting, or once the window is gone', () => {
    const { window, tracker, quitting } = setUp()
    window.focused = false
    fakes.supported = false
    tracker.finish(started(tracker, 'registry.push', { ref: 'a' }), done)
    fakes.supported = true
    quitting.value = true
    tracker.finish(started(tracker, 'registry.push', { ref: 'a' }), denied)
    quitting.value = false
    window.destroyed = true
    tracker.finish(started(tracker, 'registry.push', { ref: 'a' }), done)
    expect(fakes.shown).toHaveLength(0)
  })

  it('does not touch a window closed before the notification is clicked', () => {
    const { window, tracker } = setUp()
    window.focused = false
    tracker.finish(started(tracker, 'cleanup.execute', {}), done)
    window.destroyed = true
    expect(() => {
      fakes.shown[0]?.emit('click')
    }).not.toThrow()
    expect(window.focus).not.toHaveBeenCalled()
  })
})

describe('Windows notifications', () => {
  it('come from the AppUserModelID the installer gives the Start menu shortcut (the appId), or Windows drops them', () => {
    const builderConfig = readFileSync(new URL('../../electron-builder.yml', import.meta.url), 'utf8')
    expect(/^appId:\s*(\S+)\s*$/m.exec(builderConfig)?.[1]).toBe(APP_USER_MODEL_ID)
  })
})
