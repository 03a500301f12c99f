import type { Page } from 'playwright-core'

/**
 * What the bench reads from a page: when the first row of a list appeared (ms since the
 * navigation started), and, while recording, every frame's duration (requestAnimationFrame
 * deltas) and every long task (the main thread busy 50 ms or more at once).
 */
export interface PageProbe {
  firstRowAt: number | null
  frames: number[]
  longTasks: number[]
  /** When each long task started, in ms after the recording started. */
  longTaskStarts: number[]
  /** Requests the page made while recording (its calls to the core): a reload loop shows here. */
  requests: string[]
}

/**
 * Installed before any of the page's own scripts run (page.addInitScript), so the first
 * row is caught by a MutationObserver the moment it is inserted, not when a poll finds it.
 */
export const probeScript = (rowSelector: string): string => `(() => {
  const probe = { firstRowAt: null, frames: [], longTasks: [], longTaskStarts: [], recording: false, startedAt: 0, lastLongTaskEnd: 0 }
  window.__benchProbe = probe
  const observer = new MutationObserver(() => {
    if (probe.firstRowAt === null && document.querySelector(${JSON.stringify(rowSelector)}) !== null) {
      probe.firstRowAt = performance.now()
      observer.disconnect()
    }
  })
  observer.observe(document, { childList: true, subtree: true })
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      probe.lastLongTaskEnd = entry.startTime + entry.duration
      if (!probe.recording) continue
      probe.longTasks.push(entry.duration)
      probe.longTaskStarts.push(entry.startTime - probe.startedAt)
    }
  }).observe({ type: 'longtask' })
  window.__benchRecord = () => {
    probe.frames = []
    probe.longTasks = []
    probe.longTaskStarts = []
    probe.recording = true
    probe.startedAt = performance.now()
    let last = performance.now()
    const tick = (now) => {
      if (!probe.recording) return
      probe.frames.push(now - last)
      last = now
      requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
  }
  window.__benchStop = () => {
    probe.recording = false
    return { firstRowAt: probe.firstRowAt, frames: probe.frames, longTasks: probe.longTasks, longTaskStarts: probe.longTaskStarts }
  }
})()`

/** The probe's time of the first row; polled from outside, as the page's CSP forbids waitForFunction's string predicates. */
export async function waitForFirstRow(page: Page): Promise<number> {
  const deadline = Date.now() + 120_000
  for (;;) {
    const at = await page.evaluate<number | null>('window.__benchProbe.firstRowAt')
    if (at !== null) return at
    if (Date.now() > deadline) throw new Error('no row appeared within 120 s')
    await page.waitForTimeout(50)
  }
}

/**
 * Waits until the main thread has gone `quietMs` without a long task (the view's
 * loads after its first rows are done), at most `limitMs`; returns how long it waited.
 */
export async function waitForQuiet(page: Page, quietMs = 2000, limitMs = 30_000): Promise<number> {
  const started = Date.now()
  while (Date.now() - started < limitMs) {
    if (await page.evaluate<boolean>(`performance.now() - window.__benchProbe.lastLongTaskEnd > ${String(quietMs)}`)) break
    await page.waitForTimeout(200)
  }
  return Date.now() - started
}

/** Records frames and long tasks while `act` runs (the recording starts and stops in the page). */
export async function recordWhile(page: Page, act: () => Promise<void>): Promise<PageProbe> {
  const requests: string[] = []
  const onRequest = (request: { url(): string }): void => {
    requests.push(new URL(request.url()).pathname)
  }
  page.on('request', onRequest)
  await page.evaluate('window.__benchRecord()')
  await act()
  // One more frame, so work the last input started is counted.
  await page.waitForTimeout(200)
  const probe = await page.evaluate<Omit<PageProbe, 'requests'>>('window.__benchStop()')
  page.off('request', onRequest)
  return { ...probe, requests }
}

/** The value below which `share` of the sorted values fall (nearest rank). */
export function percentile(values: readonly number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))] ?? Number.NaN
}

/** A 60 Hz frame: what a smooth view keeps each frame under. */
export const FRAME_MS = 1000 / 60

export function frameFigures(label: string, probe: PageProbe): string {
  const { frames, longTasks, requests } = probe
  const p50 = percentile(frames, 0.5)
  const p95 = percentile(frames, 0.95)
  const max = Math.max(0, ...frames)
  const slow = frames.filter((ms) => ms > 50).length
  const longest = Math.max(0, ...longTasks)
  // A few long tasks are listed with when they started, to tell a load landing from the scrolling itself.
  const when = longTasks.length > 0 && longTasks.length <= 6 ? ` (${longTasks.map((ms, index) => `${ms.toFixed(0)} ms at +${(probe.longTaskStarts[index] ?? 0).toFixed(0)} ms`).join(', ')})` : ''
  return (
    `  ${label}: ${frames.length} frames, p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (= ${(p95 / FRAME_MS).toFixed(2)}x a 60 Hz frame), ` +
    `max ${max.toFixed(1)} ms, ${slow} frames over 50 ms; long tasks: ${longTasks.length}, longest ${longest.toFixed(0)} ms${when}; requests: ${requests.length === 0 ? 'none' : requests.join(' ')}\n`
  )
}

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  hitCount?: number
}

/**
 * Where the page's main thread spent its time while `act` ran (a V8 CPU profile over
 * the DevTools protocol): the `top` functions by self time, with their share.
 */
export async function profileWhile(page: Page, act: () => Promise<void>, top = 12): Promise<string> {
  const session = await page.context().newCDPSession(page)
  await session.send('Profiler.enable')
  await session.send('Profiler.setSamplingInterval', { interval: 200 })
  await session.send('Profiler.start')
  await act()
  const { profile } = (await session.send('Profiler.stop')) as unknown as { profile: { nodes: ProfileNode[] } }
  await session.detach()
  const selfHits = new Map<string, number>()
  let total = 0
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0
    total += hits
    const { functionName, url, lineNumber } = node.callFrame
    const where = url === '' ? '' : ` ${url.split('/').pop() ?? ''}:${String(lineNumber + 1)}`
    const name = `${functionName === '' ? '(anonymous)' : functionName}${where}`
    selfHits.set(name, (selfHits.get(name) ?? 0) + hits)
  }
  const rows = [...selfHits].sort((a, b) => b[1] - a[1]).slice(0, top)
  return rows.map(([name, hits]) => `    ${((hits / Math.max(1, total)) * 100).toFixed(1)}% ${name}\n`).join('')
}
