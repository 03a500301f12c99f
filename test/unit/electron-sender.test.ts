import { describe, expect, it } from 'vitest'
import { mainFrameOf } from '../../electron/main/sender'
import type { RendererLocation } from '../../electron/main/trust'
import { RENDERER_PATH, fakeWindow, ipcEvent } from './electron-senders'

const location: RendererLocation = { kind: 'file', path: RENDERER_PATH }

describe('mainFrameOf', () => {
  it("accepts the main window's main frame showing the renderer, also through a second object for that frame", () => {
    const window = fakeWindow()
    const isMainFrame = mainFrameOf(window.contents, location)
    expect(isMainFrame(ipcEvent(window.contents, window.mainFrame))).toBe(true)
    expect(isMainFrame(ipcEvent(window.contents, { ...window.mainFrame }))).toBe(true)
  })

  it('refuses another window even when it shows the same renderer file', () => {
    const main = fakeWindow()
    const other = fakeWindow()
    expect(mainFrameOf(main.contents, location)(ipcEvent(other.contents, other.mainFrame))).toBe(false)
    // Nor may another window pass the main frame off as its own.
    expect(mainFrameOf(main.contents, location)(ipcEvent(other.contents, main.mainFrame))).toBe(false)
  })

  it('refuses a subframe of the main window, even one showing the renderer file', () => {
    const window = fakeWindow()
    const isMainFrame = mainFrameOf(window.contents, location)
    expect(isMainFrame(ipcEvent(window.contents, window.subframe()))).toBe(false)
    // A top-level frame object whose IDs are not the main frame's.
    expect(isMainFrame(ipcEvent(window.contents, { ...window.mainFrame, routingId: 99 }))).toBe(false)
    expect(isMainFrame(ipcEvent(window.contents, { ...window.mainFrame, processId: 999 }))).toBe(false)
  })

  it('refuses the main frame once it shows something else, and a frame already gone', () => {
    const window = fakeWindow()
    const isMainFrame = mainFrameOf(window.contents, location)
    expect(isMainFrame(ipcEvent(window.contents, { ...window.mainFrame, url: 'https://evil.example/' }))).toBe(false)
    expect(isMainFrame(ipcEvent(window.contents, null))).toBe(false)
  })

  it('refuses, without throwing, a frame disposed while its message was in flight', () => {
    const window = fakeWindow()
    const disposed = (): never => {
      throw new Error('Render frame was disposed before WebFrameMain could be accessed')
    }
    expect(mainFrameOf(window.contents, location)(ipcEvent(window.contents, disposed))).toBe(false)
  })
})
