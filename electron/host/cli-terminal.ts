import { formatBytes } from '../../shared/format'
import { EXIT_INTERRUPTED } from './cli-run'

/**
 * A one-line progress display on a terminal: rewritten in place at most every
 * `intervalMs`, erased when the work finishes. Nothing at all when stderr is
 * not a terminal, so pipes and CI logs stay clean.
 */
export function terminalProgress(stream: NodeJS.WriteStream, intervalMs = 100): (label: string, done: number, total: number | null, finished: boolean) => void {
  let last = 0
  let shown = false
  return (label, done, total, finished) => {
    if (!stream.isTTY) return
    if (finished) {
      if (shown) stream.write('\r\x1b[K')
      shown = false
      return
    }
    const now = Date.now()
    if (now - last < intervalMs) return
    last = now
    shown = true
    stream.write(`\r\x1b[K${progressLine(label, done, total, stream.columns)}`)
  }
}

export function progressLine(label: string, done: number, total: number | null, columns = 80): string {
  const amount = total === null || total <= 0 ? formatBytes(done) : `${String(Math.min(99, Math.floor((done / total) * 100)))}% (${formatBytes(done)} of ${formatBytes(total)})`
  const line = `${label}: ${amount}`
  // A line longer than the terminal would wrap, and \r would then rewrite only its last part.
  return line.length < columns ? line : `${line.slice(0, Math.max(0, columns - 2))}…`
}

/**
 * Ctrl+C (or SIGTERM) aborts the returned signal so long reads stop and remove
 * their partial files; a command that does not finish soon after, or a second
 * Ctrl+C, ends the process as the shell expects (exit 130).
 */
export function interruptSignal(graceMs = 3000): AbortSignal {
  const controller = new AbortController()
  const onSignal = (): void => {
    if (controller.signal.aborted) process.exit(EXIT_INTERRUPTED)
    controller.abort()
    setTimeout(() => process.exit(EXIT_INTERRUPTED), graceMs).unref()
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  return controller.signal
}
