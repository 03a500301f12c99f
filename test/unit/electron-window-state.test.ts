import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { DEFAULT_SIZE, MIN_SIZE, initialBounds, readWindowState, trackWindowState, writeWindowState, type Rectangle, type TrackedWindow, type WindowState } from '../../electron/main/window-state'

const laptop: Rectangle = { x: 0, y: 0, width: 1920, height: 1040 }
const monitorOnTheRight: Rectangle = { x: 1920, y: 0, width: 2560, height: 1400 }

function state(overrides: Partial<WindowState> = {}): WindowState {
  return { x: 100, y: 80, width: 1400, height: 900, maximized: false, ...overrides }
}

describe('initialBounds', () => {
  it('opens at the default size, placed by the system, the first time', () => {
    expect(initialBounds(null, [laptop])).toEqual({ bounds: DEFAULT_SIZE, maximized: false })
  })

  it('reopens where the user left it, maximized or not', () => {
    expect(initialBounds(state(), [laptop])).toEqual({ bounds: { x: 100, y: 80, width: 1400, height: 900 }, maximized: false })
    expect(initialBounds(state({ maximized: true }), [laptop]).maximized).toBe(true)
    expect(initialBounds(state({ x: 2200, y: 100 }), [laptop, monitorOnTheRight]).bounds).toMatchObject({ x: 2200, y: 100 })
  })

  it('lets the system place a window whose monitor is gone, keeping its size within the displays left', () => {
    const placed = initialBounds(state({ x: 2200, y: 100, width: 2400, height: 1300 }), [laptop])
    expect(placed.bounds).toEqual({ width: 1920, height: 1040 })
  })

  it('keeps a window whose title bar is still reachable, and moves one that is only just off-screen', () => {
    // Most of it beyond the right edge, but 200 px of its title bar on the laptop: the user can grab it.
    expect(initialBounds(state({ x: 1720, y: 10 }), [laptop]).bounds).toMatchObject({ x: 1720 })
    // Only 20 px on screen, or its title bar above the top: not reachable.
    expect(initialBounds(state({ x: 1900, y: 10 }), [laptop]).bounds).not.toHaveProperty('x')
    expect(initialBounds(state({ x: 100, y: -30 }), [laptop]).bounds).not.toHaveProperty('x')
  })

  it('never opens smaller than the window allows', () => {
    expect(initialBounds(state({ width: 10, height: 10 }), [laptop]).bounds).toMatchObject({ width: MIN_SIZE.width, height: MIN_SIZE.height })
  })
})

describe('the window state file', () => {
  const folder = mkdtempSync(join(tmpdir(), 'strata-window-state-'))
  afterEach(() => {
    rmSync(join(folder, 'window-state.json'), { force: true })
  })

  it('round-trips, and reads a missing, broken or hand-edited file as no state', () => {
    const file = join(folder, 'window-state.json')
    expect(readWindowState(file)).toBeNull()
    writeWindowState(file, state({ maximized: true }))
    expect(readWindowState(file)).toEqual(state({ maximized: true }))
    for (const text of ['{"x":1', '[]', 'null', '{"x":"1","y":2,"width":3,"height":4}', '{"x":1,"y":2,"width":1e999,"height":4}']) {
      writeFileSync(file, text)
      expect(readWindowState(file), text).toBeNull()
    }
  })
})

describe('trackWindowState', () => {
  function fakeWindow(): TrackedWindow & { emit(event: string): void; bounds: Rectangle; maximized: boolean } {
    const listeners = new Map<string, (() => void)[]>()
    return {
      bounds: { x: 10, y: 20, width: 1000, height: 700 },
      maximized: false,
      on(event, listener) {
        listeners.set(event, [...(listeners.get(event) ?? []), listener])
        return this
      },
      emit(event) {
        for (const listener of listeners.get(event) ?? []) listener()
      },
      getNormalBounds() {
        return this.bounds
      },
      isMaximized() {
        return this.maximized
      },
    }
  }

  it('saves once after a burst of moves, and at once on close with the normal bounds of a maximized window', () => {
    vi.useFakeTimers()
    try {
      const window = fakeWindow()
      const saved: WindowState[] = []
      trackWindowState(window, (value) => saved.push(value), 500)
      window.emit('move')
      window.bounds = { x: 30, y: 40, width: 1000, height: 700 }
      window.emit('move')
      window.emit('resize')
      expect(saved).toHaveLength(0)
      vi.advanceTimersByTime(500)
      expect(saved).toEqual([{ x: 30, y: 40, width: 1000, height: 700, maximized: false }])
      window.maximized = true
      window.emit('close')
      expect(saved.at(-1)).toEqual({ x: 30, y: 40, width: 1000, height: 700, maximized: true })
      vi.advanceTimersByTime(1000)
      expect(saved).toHaveLength(2)
    } finally {
      vi.useRealTimers()
    }
  })

  it('survives a save that fails (a read-only config folder)', () => {
    const window = fakeWindow()
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    trackWindowState(window, () => {
      throw new Error('EROFS')
    })
    expect(() => {
      window.emit('close')
    }).not.toThrow()
    expect(error).toHaveBeenCalled()
    error.mockRestore()
  })

  it('writes a file the next start reads back', () => {
    const folder = mkdtempSync(join(tmpdir(), 'strata-window-state-'))
    try {
      const file = join(folder, 'window-state.json')
      const window = fakeWindow()
      trackWindowState(window, (value) => {
        writeWindowState(file, value)
      })
      window.emit('close')
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ x: 10, y: 20, width: 1000, height: 700, maximized: false })
      expect(initialBounds(readWindowState(file), [laptop]).bounds).toEqual({ x: 10, y: 20, width: 1000, height: 700 })
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  })
})
