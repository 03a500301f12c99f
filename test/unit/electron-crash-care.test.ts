import type { MessageBoxOptions, RenderProcessGoneDetails } from 'electron'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { CRASH_LIMIT, CRASH_PERIOD_MS, CrashHistory, careForRenderer, goneText } from '../../electron/main/crash-care'
import { FakeWindow } from './electron-fake-window'

interface OpenBox {
  options: MessageBoxOptions
  answer(response: number): void
}

// Message boxes stay open until a test answers them; an aborted one answers its cancelId, as Electron's does.
const fakes = vi.hoisted(() => ({
  boxes: [] as OpenBox[],
  quit: vi.fn(),
}))

vi.mock('electron', () => ({
  app: { quit: fakes.quit },
  dialog: {
    showMessageBox: (_window: unknown, options: MessageBoxOptions) =>
      new Promise((resolve) => {
        const answer = (response: number): void => {
          resolve({ response, checkboxChecked: false })
        }
        options.signal?.addEventListener('abort', () => {
          answer(options.cancelId ?? 0)
        })
        fakes.boxes.push({ options, answer })
      }),
  },
}))

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

function cared(): { window: FakeWindow; deps: { reload: ReturnType<typeof vi.fn>; openLogsFolder: ReturnType<typeof vi.fn>; write: ReturnType<typeof vi.fn> }; setNow: (ms: number) => void; quitting: { value: boolean } } {
  const window = new FakeWindow()
  let now = 0
  const quitting = { value: false }
  const write = vi.fn()
  const deps = { reload: vi.fn(() => Promise.resolve()), openLogsFolder: vi.fn(), write }
  careForRenderer(window.asBrowserWindow, {
    reload: deps.reload,
    openLogsFolder: deps.openLogsFolder,
    log: { write, path: '/home/ana/.config/strata/logs/strata.log' },
    isQuitting: () => quitting.value,
    now: () => now,
  })
  return {
    window,
    deps,
    setNow: (ms) => {
      now = ms
    },
    quitting,
  }
}

function gone(window: FakeWindow, reason: RenderProcessGoneDetails['reason'] = 'crashed', exitCode = 11): void {
  window.webContents.emit('render-process-gone', {}, { reason, exitCode })
}

function lastBox(): OpenBox {
  const box = fakes.boxes.at(-1)
  if (box === undefined) throw new Error('no dialog shown')
  return box
}

beforeEach(() => {
  fakes.boxes.length = 0
  fakes.quit.mockReset()
})

describe('CrashHistory', () => {
  it('calls it a loop at the third crash within a minute, and forgets older crashes', () => {
    const history = new CrashHistory()
    expect(history.record(0)).toBe(1)
    expect(history.record(20_000)).toBe(2)
    expect(history.isLoop(2)).toBe(false)
    expect(history.isLoop(history.record(59_999))).toBe(true)
    const spread = new CrashHistory()
    for (const time of [0, 30_000, 61_000, 92_000]) expect(spread.isLoop(spread.record(time))).toBe(false)
    expect(CRASH_LIMIT).toBe(3)
    expect(CRASH_PERIOD_MS).toBe(60_000)
  })
})

describe('a renderer that goes away', () => {
  it('is logged and offers Reload, which loads the renderer again', async () => {
    const { window, deps } = cared()
    gone(window, 'oom', -1)
    expect(deps.write).toHaveBeenCalledWith('error', 'the window’s renderer ran out of memory (reason oom, exit code -1)')
    expect(fakes.boxes).toHaveLength(1)
    expect(lastBox().options.message).toBe('Strata’s window ran out of memory.')
    expect(lastBox().options.buttons).toEqual(['Reload', 'Quit'])
    lastBox().answer(0)
    await settle()
    expect(deps.reload).toHaveBeenCalledTimes(1)
    expect(fakes.quit).not.toHaveBeenCalled()
  })

  it('quits when the user picks Quit', async () => {
    const { window, deps } = cared()
    gone(window)
    lastBox().answer(1)
    await settle()
    expect(fakes.quit).toHaveBeenCalledTimes(1)
    expect(deps.reload).not.toHaveBeenCalled()
  })

  it('stops offering Reload when it crashes three times within a minute: Quit or Open Logs Folder only', async () => {
    const { window, deps, setNow } = cared()
    for (const time of [0, 10_000]) {
      setNow(time)
      gone(window)
      lastBox().answer(0)
      await settle()
    }
    expect(deps.reload).toHaveBeenCalledTimes(2)
    setNow(20_000)
    gone(window)
    const notice = lastBox().options
    expect(notice.buttons).toEqual(['Quit', 'Open Logs Folder'])
    expect(notice.message).toBe('Strata’s window crashed, 3 times within a minute.')
    expect(notice.detail).toContain('/home/ana/.config/strata/logs/strata.log')
    lastBox().answer(1)
    await settle()
    expect(deps.openLogsFolder).toHaveBeenCalledTimes(1)
    expect(fakes.quit).toHaveBeenCalledTimes(1)
    expect(deps.reload).toHaveBeenCalledTimes(2)
  })

  it('offers Reload again when the crashes are spread out', async () => {
    const { window, setNow } = cared()
    for (const time of [0, 40_000, 80_000, 120_000]) {
      setNow(time)
      gone(window)
      expect(lastBox().options.buttons).toEqual(['Reload', 'Quit'])
      lastBox().answer(0)
      await settle()
    }
  })

  it('shows one question at a time', () => {
    const { window, deps } = cared()
    gone(window)
    gone(window)
    expect(fakes.boxes).toHaveLength(1)
    expect(deps.write).toHaveBeenCalledTimes(2)
  })

  it('asks nothing while quitting or once the window is gone, but still logs it', () => {
    const { window, deps, quitting } = cared()
    quitting.value = true
    gone(window, 'clean-exit', 0)
    quitting.value = false
    window.destroyed = true
    gone(window)
    expect(fakes.boxes).toHaveLength(0)
    expect(deps.write).toHaveBeenCalledTimes(2)
  })

  it('words reasons a newer Electron may add', () => {
    expect(goneText('crashed')).toBe('crashed')
    expect(goneText('future-reason' as RenderProcessGoneDetails['reason'])).toBe('stopped (future-reason)')
  })
})

describe('a window that stops responding', () => {
  it('asks Reload or Wait once, and the question goes away when the window responds again', async () => {
    const { window, deps } = cared()
    window.emit('unresponsive')
    window.emit('unresponsive')
    expect(fakes.boxes).toHaveLength(1)
    const box = lastBox().options
    expect(box.buttons).toEqual(['Reload', 'Wait'])
    expect(box.buttons?.[box.cancelId ?? -1]).toBe('Wait')
    expect(deps.write).toHaveBeenCalledWith('warn', 'the window stopped responding')
    window.emit('responsive')
    expect(box.signal?.aborted).toBe(true)
    await settle()
    expect(deps.write).toHaveBeenCalledWith('info', 'the window responds again')
    expect(deps.reload).not.toHaveBeenCalled()
    expect(window.webContents.forcefullyCrashRenderer).not.toHaveBeenCalled()
    // Hanging again asks again.
    window.emit('unresponsive')
    expect(fakes.boxes).toHaveLength(2)
  })

  it('on Reload, ends the hung renderer and loads a new one, without taking the kill for a crash', async () => {
    const { window, deps } = cared()
    window.emit('unresponsive')
    lastBox().answer(0)
    await settle()
    expect(window.webContents.forcefullyCrashRenderer).toHaveBeenCalledTimes(1)
    expect(deps.reload).toHaveBeenCalledTimes(1)
    gone(window, 'killed', 9)
    expect(fakes.boxes).toHaveLength(1)
    expect(deps.write).toHaveBeenCalledWith('info', 'the window’s renderer was killed (reason killed, exit code 9), as asked, to reload it')
    // A real crash later is a crash again.
    gone(window)
    expect(fakes.boxes).toHaveLength(2)
    expect(lastBox().options.buttons).toEqual(['Reload', 'Quit'])
  })

  it('replaces the hang question with the crash question when the hung renderer dies', async () => {
    const { window } = cared()
    window.emit('unresponsive')
    const hang = lastBox().options
    gone(window)
    expect(hang.signal?.aborted).toBe(true)
    expect(lastBox().options.buttons).toEqual(['Reload', 'Quit'])
    await settle()
    expect(window.webContents.forcefullyCrashRenderer).not.toHaveBeenCalled()
  })
})
