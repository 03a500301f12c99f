import { describe, expect, it } from 'vitest'
import { BUILD_OUTPUTS, browserOpener, displayProblem, needsBuild, servedAddress, startPlan } from '../../scripts/start-plan.mjs'

const WSL_KERNEL = 'Linux version 5.15.167.4-microsoft-standard-WSL2 (root@f9c826d3017f) (gcc (GCC) 11.2.0) #1 SMP Tue Nov 5 00:21:55 UTC 2024'
const WSL1_KERNEL = 'Linux version 4.4.0-19041-Microsoft (Microsoft@Microsoft.com) (gcc version 5.4.0 (GCC) ) #1237-Microsoft'
const LINUX_KERNEL = 'Linux version 6.8.0-49-generic (buildd@lcy02-amd64-103) (x86_64-linux-gnu-gcc-13 (Ubuntu 13.2.0-23ubuntu4) 13.2.0) #49-Ubuntu SMP'

describe('startPlan', () => {
  it('runs Electron on a Linux desktop (X11 or Wayland)', () => {
    expect(startPlan({ platform: 'linux', env: { DISPLAY: ':0' }, electronBinaryExists: true, procVersion: LINUX_KERNEL })).toEqual({ ui: 'electron' })
    expect(startPlan({ platform: 'linux', env: { WAYLAND_DISPLAY: 'wayland-0' }, electronBinaryExists: true, procVersion: LINUX_KERNEL })).toEqual({ ui: 'electron' })
  })

  it('runs Electron on macOS and Windows, which always have a display', () => {
    expect(startPlan({ platform: 'darwin', env: {}, electronBinaryExists: true, procVersion: null })).toEqual({ ui: 'electron' })
    expect(startPlan({ platform: 'win32', env: {}, electronBinaryExists: true, procVersion: null })).toEqual({ ui: 'electron' })
  })

  it('runs Electron on WSL with WSLg (it sets the displays)', () => {
    expect(startPlan({ platform: 'linux', env: { DISPLAY: ':0', WAYLAND_DISPLAY: 'wayland-0' }, electronBinaryExists: true, procVersion: WSL_KERNEL })).toEqual({ ui: 'electron' })
  })

  it('serves the browser UI on a server with no display, and opens no browser there', () => {
    const plan = startPlan({ platform: 'linux', env: { DISPLAY: '' }, electronBinaryExists: true, procVersion: LINUX_KERNEL })
    expect(plan).toEqual({ ui: 'browser', reason: 'strata: no display to open a window on (neither DISPLAY nor WAYLAND_DISPLAY is set): starting the browser UI instead.', openBrowser: false })
  })

  it('names WSL without WSLg (WSL 2 and WSL 1 kernels)', () => {
    for (const procVersion of [WSL_KERNEL, WSL1_KERNEL]) {
      const plan = startPlan({ platform: 'linux', env: {}, electronBinaryExists: true, procVersion })
      expect(plan).toMatchObject({ ui: 'browser', openBrowser: false })
      if (plan.ui === 'browser') expect(plan.reason).toContain('WSL without WSLg')
    }
  })

  it('serves the browser UI and opens it where Electron is missing but a display exists', () => {
    for (const [platform, env] of [['linux', { DISPLAY: ':1' }], ['darwin', {}], ['win32', {}]] as const) {
      const plan = startPlan({ platform, env, electronBinaryExists: false, procVersion: null })
      expect(plan).toMatchObject({ ui: 'browser', openBrowser: true })
      if (plan.ui === 'browser') expect(plan.reason).toMatch(/^strata: the Electron binary is not installed .*: starting the browser UI instead\.$/)
    }
  })

  it('gives both reasons in one line when neither Electron nor a display is there', () => {
    const plan = startPlan({ platform: 'linux', env: {}, electronBinaryExists: false, procVersion: null })
    expect(plan.ui).toBe('browser')
    if (plan.ui !== 'browser') return
    expect(plan.reason).not.toContain('\n')
    expect(plan.reason).toMatch(/Electron binary is not installed.*; no display/)
    expect(plan.openBrowser).toBe(false)
  })

  it('treats the BSDs as Linux (a display is needed)', () => {
    expect(displayProblem({ platform: 'freebsd', env: {}, procVersion: null })).toMatch(/no display/)
    expect(displayProblem({ platform: 'freebsd', env: { DISPLAY: ':0' }, procVersion: null })).toBeNull()
  })
})

describe('browserOpener', () => {
  const url = 'http://127.0.0.1:4000/?token=abc-_1'
  it('uses each platform\'s own opener', () => {
    expect(browserOpener('linux', url)).toEqual({ command: 'xdg-open', args: [url] })
    expect(browserOpener('darwin', url)).toEqual({ command: 'open', args: [url] })
    expect(browserOpener('win32', url)).toEqual({ command: 'cmd', args: ['/d', '/s', '/c', 'start', '""', url] })
  })
})

describe('servedAddress', () => {
  it('reads the address `strata serve` prints', () => {
    expect(servedAddress('Strata is serving at http://127.0.0.1:39639/?token=3rEFQzDc-_x')).toBe('http://127.0.0.1:39639/?token=3rEFQzDc-_x')
    expect(servedAddress('strata: building first')).toBeNull()
  })
})

describe('needsBuild', () => {
  it('builds when any output is missing, and only then', () => {
    expect(needsBuild({ present: () => true })).toBe(false)
    expect(needsBuild({ present: () => false })).toBe(true)
    expect(needsBuild({ present: (file) => file !== 'out/renderer/index.html' })).toBe(true)
    expect(BUILD_OUTPUTS).toEqual(expect.arrayContaining(['out/main/index.js', 'out/main/cli.js', 'out/renderer/index.html']))
  })
})
