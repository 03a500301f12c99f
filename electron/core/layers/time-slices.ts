import { failure } from '../../../shared/errors'
import type { Problem } from '../../../shared/problems'

/** How many items go by between two looks at the clock: reading it per item would cost more than most items. */
const ITEMS_PER_CLOCK_CHECK = 64
const SLICE_MS = 10

/**
 * Shares the main process between a long synchronous loop and everything else: the
 * loop asks `due()` per item and, when its slice of time is spent, awaits `pause()`,
 * which lets queued I/O, timers and other calls run and ends the loop with CANCELLED
 * once the signal has aborted.
 */
export class TimeSlices {
  private deadline: number
  private countdown = ITEMS_PER_CLOCK_CHECK

  constructor(
    private readonly signal: AbortSignal | undefined,
    private readonly cancelled: Problem,
    private readonly sliceMs = SLICE_MS,
  ) {
    this.deadline = performance.now() + sliceMs
  }

  due(): boolean {
    this.countdown -= 1
    if (this.countdown > 0) return false
    this.countdown = ITEMS_PER_CLOCK_CHECK
    return performance.now() >= this.deadline || this.signal?.aborted === true
  }

  async pause(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve))
    this.throwIfCancelled()
    this.deadline = performance.now() + this.sliceMs
  }

  throwIfCancelled(): void {
    if (this.signal?.aborted === true) throw failure('CANCELLED', this.cancelled)
  }
}
