import type { MessageBoxOptions } from 'electron'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { LongTaskTracker, type LongTask } from '../../electron/main/long-tasks'
import { CORE_CLOSE_DEADLINE_MS, QuitGuard, closeWithin, guardQuit } from '../../electron/main/quit-guard'
import { FakeWindow, type FakeEmitter } from './electron-fake-window'

const fakes = vi.hoisted(() => ({
  app: null as unknown as FakeEmitter & { quit: ReturnType<typeof vi.fn> },
  showMessageBox: vi.fn<(...args: unknown[]) => Promise<{ response: number; checkboxChecked: boolean }>>(),
}))

vi.mock('electron', async () => {
  const { FakeEmitter: Emitter } = await import('./electron-fake-window')
  fakes.app = Object.assign(new Emitter(), { quit: vi.fn() })
  return { app: fakes.app, dialog: { showMessageBox: fakes.showMessageBox } }
})

/** Lets promise callbacks run. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

function pullTask(): LongTask {
  const task = new LongTaskTracker().start('registry.pull', { ref: 'alpine:3.20' })
  if (task === null) throw new Error('not tracked')
  return task
}

function guardWith(running: LongTask[], answer: Promise<boolean> = Promise.resolve(true)) {
  const deps = {
    running: vi.fn(() => running),
    confirm: vi.fn<(tasks: readonly LongTask[]) => Promise<boolean>>(() => answer),
    closeCore: vi.fn((): Promise<void> => Promise.resolve()),
    quit: vi.fn(),
    log: vi.fn(),
    deadlineMs: 2000,
  }
  return { guard: new QuitGuard(deps), deps }
}

describe('QuitGuard', () => {
  it('quits at once when nothing runs, closing the core first and never asking', async () => {
    const { guard, deps } = guardWith([])
    expect(guard.beforeQuit()).toBe('hold')
    await settle()
    expect(deps.closeCore).toHaveBeenCalledTimes(1)
    expect(deps.quit).toHaveBeenCalledTimes(1)
    // The quit it asked for goes through.
    expect(guard.beforeQuit()).toBe('allow')
    expect(guard.windowClose()).toBe('allow')
    expect(deps.confirm).not.toHaveBeenCalled()
  })

  it('asks while a task runs; Cancel keeps the app, core and all, and the next quit asks again', async () => {
    const pull = pullTask()
    const { guard, deps } = guardWith([pull], Promise.resolve(false))
    expect(guard.beforeQuit()).toBe('hold')
    expect(deps.confirm).toHaveBeenCalledWith([pull])
    // Another quit while the question is open neither asks twice nor goes through.
    expect(guard.beforeQuit()).toBe('hold')
    expect(guard.windowClose()).toBe('hold')
    await settle()
    expect(deps.closeCore).not.toHaveBeenCalled()
    expect(deps.quit).not.toHaveBeenCalled()
    expect(guard.quitting).toBe(false)
    guard.beforeQuit()
    expect(deps.confirm).toHaveBeenCalledTimes(2)
  })

  it('after Quit, closes the core and quits, and the window’s close that follows does not ask again', async () => {
    const { guard, deps } = guardWith([pullTask()])
    guard.beforeQuit()
    await settle()
    expect(deps.closeCore).toHaveBeenCalledTimes(1)
    expect(deps.quit).toHaveBeenCalledTimes(1)
    expect(deps.log).toHaveBeenCalledWith('warn', 'quitting while running: A pull of alpine:3.20 is running.')
    expect(guard.beforeQuit()).toBe('allow')
    expect(guard.windowClose()).toBe('allow')
    expect(deps.confirm).toHaveBeenCalledTimes(1)
    expect(deps.closeCore).toHaveBeenCalledTimes(1)
  })

  it('closing the window while a task runs asks, then quits the app, whose before-quit does not ask again', async () => {
    const { guard, deps } = guardWith([pullTask()])
    expect(guard.windowClose()).toBe('hold')
    expect(guard.windowClose()).toBe('hold')
    await settle()
    expect(deps.confirm).toHaveBeenCalledTimes(1)
    expect(deps.quit).toHaveBeenCalledTimes(1)
    expect(deps.closeCore).not.toHaveBeenCalled()
    // app.quit() emits before-quit: the core closes, with no second question.
    expect(guard.beforeQuit()).toBe('hold')
    expect(guard.windowClose()).toBe('allow')
    await settle()
    expect(deps.confirm).toHaveBeenCalledTimes(1)
    expect(deps.closeCore).toHaveBeenCalledTimes(1)
    expect(deps.quit).toHaveBeenCalledTimes(2)
    expect(guard.beforeQuit()).toBe('allow')
  })

  it('lets the window close without a question when nothing runs, and counts that as quitting', async () => {
    const running: LongTask[] = []
    const { guard, deps } = guardWith(running)
    expect(guard.windowClose()).toBe('allow')
    expect(guard.quitting).toBe(true)
    // The last window closing quits the app; its before-quit closes the core without a question.
    running.push(pullTask())
    expect(guard.beforeQuit()).toBe('hold')
    await settle()
    expect(deps.confirm).not.toHaveBeenCalled()
    expect(deps.closeCore).toHaveBeenCalledTimes(1)
    expect(deps.quit).toHaveBeenCalledTimes(1)
  })

  it('quits when the question cannot be shown: a broken dialog must not trap the user', async () => {
    const { guard, deps } = guardWith([pullTask()], Promise.reject(new Error('no display')))
    guard.beforeQuit()
    await settle()
    expect(deps.quit).toHaveBeenCalledTimes(1)
  })

  it('quits when closing the core throws at once', async () => {
    const { guard, deps } = guardWith([])
    deps.closeCore.mockImplementation(() => {
      throw new Error('already closed')
    })
    expect(guard.beforeQuit()).toBe('hold')
    await settle()
    expect(deps.quit).toHaveBeenCalledTimes(1)
    expect(deps.log).toHaveBeenCalledWith('warn', 'closing the engine connection failed; quitting anyway')
  })

  describe('with a core that never closes', () => {
    beforeEach(() => {
      vi.useFakeTimers()
    })
    afterEach(() => {
      vi.useRealTimers()
    })

    it('quits anyway once the deadline passes, and says so in the log', async () => {
      const { guard, deps } = guardWith([])
      deps.closeCore.mockReturnValue(new Promise(() => undefined))
      guard.beforeQuit()
      await vi.advanceTimersByTimeAsync(1999)
      expect(deps.quit).not.toHaveBeenCalled()
      expect(guard.beforeQuit()).toBe('hold')
      await vi.advanceTimersByTimeAsync(1)
      expect(deps.quit).toHaveBeenCalledTimes(1)
      expect(deps.log).toHaveBeenCalledWith('warn', 'the engine connection did not close within 2000 ms; quitting anyway')
      expect(guard.beforeQuit()).toBe('allow')
    })
  })
})

describe('closeWithin', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('answers how the close ended, and never waits past the deadline', async () => {
    await expect(closeWithin(Promise.resolve(), 2000)).resolves.toBe('closed')
    await expect(closeWithin(Promise.reject(new Error('EPIPE')), 2000)).resolves.toBe('failed')
    const stuck = closeWithin(new Promise(() => undefined), CORE_CLOSE_DEADLINE_MS)
    await vi.advanceTimersByTimeAsync(CORE_CLOSE_DEADLINE_MS)
    await expect(stuck).resolves.toBe('timed out')
    // A close that finished clears its timer: nothing is left to keep the process alive.
    expect(vi.getTimerCount()).toBe(0)
  })
})

describe('guardQuit, wired to Electron', () => {
  beforeEach(() => {
    fakes.app.listeners.clear()
    fakes.app.quit.mockReset()
    fakes.showMessageBox.mockReset()
  })

  function wired(): { window: FakeWindow; tracker: LongTaskTracker; closeCore: ReturnType<typeof vi.fn> } {
    const window = new FakeWindow()
    const tracker = new LongTaskTracker()
    const closeCore = vi.fn(() => Promise.resolve())
    guardQuit(window.asBrowserWindow, tracker, closeCore, vi.fn())
    return { window, tracker, closeCore }
  }

  it('names what runs in a Quit / Cancel question attached to the window', async () => {
    const { window, tracker, closeCore } = wired()
    tracker.start('registry.pull', { ref: 'alpine:3.20' })
    tracker.start('cleanup.execute', { unused: true })
    fakes.showMessageBox.mockResolvedValue({ response: 1, checkboxChecked: false })
    expect(fakes.app.emitPreventable('before-quit')).toBe(true)
    const [parent, options] = fakes.showMessageBox.mock.calls[0] as [unknown, MessageBoxOptions]
    expect(parent).toBe(window)
    expect(options.message).toBe('A pull of alpine:3.20 and a cleanup are running. Quit anyway?')
    expect(options.buttons).toEqual(['Quit', 'Cancel'])
    // Enter and Escape both keep the work going.
    expect(options.buttons?.[options.defaultId ?? -1]).toBe('Cancel')
    expect(options.buttons?.[options.cancelId ?? -1]).toBe('Cancel')
    await settle()
    expect(closeCore).not.toHaveBeenCalled()
    expect(fakes.app.quit).not.toHaveBeenCalled()
  })

  it('does not ask about an analysis, which only reads', async () => {
    const { tracker, closeCore } = wired()
    tracker.start('layers.analyze', { ref: 'app:1' })
    expect(fakes.app.emitPreventable('before-quit')).toBe(true)
    await settle()
    expect(fakes.showMessageBox).not.toHaveBeenCalled()
    expect(closeCore).toHaveBeenCalledTimes(1)
    expect(fakes.app.quit).toHaveBeenCalledTimes(1)
    expect(fakes.app.emitPreventable('before-quit')).toBe(false)
  })

  it('holds the window’s close for the question, then quits the app after Quit', async () => {
    const { window, tracker } = wired()
    tracker.start('images.load', { path: '/home/ana/backup.tar' })
    fakes.showMessageBox.mockResolvedValue({ response: 0, checkboxChecked: false })
    expect(window.emitPreventable('close')).toBe(true)
    await settle()
    expect(fakes.app.quit).toHaveBeenCalledTimes(1)
    expect(fakes.app.emitPreventable('before-quit')).toBe(true)
    expect(window.emitPreventable('close')).toBe(false)
    await settle()
    expect(fakes.app.quit).toHaveBeenCalledTimes(2)
    expect(fakes.app.emitPreventable('before-quit')).toBe(false)
    expect(fakes.showMessageBox).toHaveBeenCalledTimes(1)
  })

  it('quits when the last window closes, on every platform', () => {
    wired()
    fakes.app.emit('window-all-closed')
    expect(fakes.app.quit).toHaveBeenCalledTimes(1)
  })
})
