import type { BrowserWindow } from 'electron'
import { vi } from 'vitest'

type Listener = (...args: unknown[]) => unknown

/** Listeners by event name, emitted as Electron does: an event object first for those that take one. */
class FakeEmitter {
  readonly listeners = new Map<string, Listener[]>()
  on(name: string, listener: Listener): this {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener])
    return this
  }
  emit(name: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(name) ?? []) listener(...args)
  }
  /** Emits with a preventable event first; answers whether a listener prevented it. */
  emitPreventable(name: string, ...args: unknown[]): boolean {
    let prevented = false
    this.emit(name, { preventDefault: () => (prevented = true) }, ...args)
    return prevented
  }
}

export class FakeWindow extends FakeEmitter {
  readonly webContents = Object.assign(new FakeEmitter(), { forcefullyCrashRenderer: vi.fn() })
  focused = true
  destroyed = false
  minimized = false
  readonly show = vi.fn()
  readonly focus = vi.fn()
  readonly restore = vi.fn()
  isFocused(): boolean {
    return this.focused
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
  isMinimized(): boolean {
    return this.minimized
  }
  /** As the code under test sees it. */
  get asBrowserWindow(): BrowserWindow {
    return this as unknown as BrowserWindow
  }
}

export { FakeEmitter }
