import { readFileSync, renameSync, writeFileSync } from 'node:fs'

/** Where the main window was and how big, as the user left it. */
export interface WindowState {
  x: number
  y: number
  width: number
  height: number
  maximized: boolean
}

export interface Rectangle {
  x: number
  y: number
  width: number
  height: number
}

export const DEFAULT_SIZE = { width: 1280, height: 820 }
export const MIN_SIZE = { width: 860, height: 520 }
/** How much of the title bar must stay on some display for the user to grab it again. */
const GRAB_WIDTH = 120
const GRAB_HEIGHT = 40

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value)
}

/** The saved state, or null when there is none or it is not one (a hand-edited or half-written file). */
export function readWindowState(file: string): WindowState | null {
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    return null
  }
  if (typeof parsed !== 'object' || parsed === null) return null
  const { x, y, width, height, maximized } = parsed as Record<string, unknown>
  if (!isFiniteNumber(x) || !isFiniteNumber(y) || !isFiniteNumber(width) || !isFiniteNumber(height)) return null
  return { x, y, width, height, maximized: maximized === true }
}

export function writeWindowState(file: string, state: WindowState): void {
  // Written beside and renamed, so a crash mid-write never leaves a file that reads as garbage.
  const partial = `${file}.partial`
  writeFileSync(partial, `${JSON.stringify(state)}\n`)
  renameSync(partial, file)
}

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  }
}

/**
 * Where to open the window: the saved place when its title bar is still on one of
 * today's displays (a monitor may have been unplugged since), else the default size
 * centred by the system. The size never exceeds the largest display's work area.
 */
export function initialBounds(saved: WindowState | null, workAreas: readonly Rectangle[]): { bounds: Partial<Rectangle> & { width: number; height: number }; maximized: boolean } {
  if (saved === null) return { bounds: { ...DEFAULT_SIZE }, maximized: false }
  const widest = Math.max(MIN_SIZE.width, ...workAreas.map((area) => area.width))
  const tallest = Math.max(MIN_SIZE.height, ...workAreas.map((area) => area.height))
  const width = Math.round(Math.min(Math.max(saved.width, MIN_SIZE.width), widest))
  const height = Math.round(Math.min(Math.max(saved.height, MIN_SIZE.height), tallest))
  const titleBar = { x: saved.x, y: saved.y, width, height: GRAB_HEIGHT }
  const reachable = workAreas.some((area) => {
    const shared = overlap(titleBar, area)
    return shared.width >= Math.min(GRAB_WIDTH, width) && shared.height >= GRAB_HEIGHT
  })
  const bounds = reachable ? { x: Math.round(saved.x), y: Math.round(saved.y), width, height } : { width, height }
  return { bounds, maximized: saved.maximized }
}

/** The parts of a BrowserWindow the tracker uses, so it is tested without Electron. */
export interface TrackedWindow {
  on(event: 'resize' | 'move' | 'close', listener: () => void): unknown
  getNormalBounds(): Rectangle
  isMaximized(): boolean
}

/** Saves the window's place when it moves or resizes (at most every `delayMs`) and when it closes. */
export function trackWindowState(window: TrackedWindow, save: (state: WindowState) => void, delayMs = 500): void {
  let timer: NodeJS.Timeout | undefined
  const saveNow = (): void => {
    clearTimeout(timer)
    timer = undefined
    // The normal bounds: a maximized window reopens maximized over the size it had before.
    try {
      save({ ...window.getNormalBounds(), maximized: window.isMaximized() })
    } catch (error) {
      // A read-only config folder costs the remembered place, never the app.
      console.error('strata: could not save the window state:', error)
    }
  }
  const later = (): void => {
    clearTimeout(timer)
    timer = setTimeout(saveNow, delayMs)
  }
  window.on('resize', later)
  window.on('move', later)
  window.on('close', saveNow)
}
