import type { ImpliedState } from '../containers/event-state'

interface Pending {
  seq: number
  /** What the events not yet confirmed by a lookup say, newest last. */
  implied: ImpliedState
}

/**
 * The engine's order of container events, per container: each event gets a
 * sequence number, and a lookup made for one is worth publishing only while no
 * newer event for that container has arrived.
 */
export class ContainerEventOrder {
  private count = 0
  private readonly pending = new Map<string, Pending>()

  /** Records an event; returns its sequence number. */
  record(id: string, implied: ImpliedState): number {
    this.count += 1
    const before = this.pending.get(id)?.implied ?? {}
    this.pending.set(id, { seq: this.count, implied: combine(before, implied) })
    return this.count
  }

  /** What the events so far say of the container, or null when an event newer than `seq` came in. */
  impliedIfLatest(id: string, seq: number): ImpliedState | null {
    const pending = this.pending.get(id)
    return pending?.seq === seq ? pending.implied : null
  }

  /** A lookup agreed with the events up to `seq`: nothing is pending for the container any more. */
  settle(id: string, seq: number): void {
    if (this.pending.get(id)?.seq === seq) this.pending.delete(id)
  }

  get size(): number {
    return this.pending.size
  }
}

/** A later event's word wins field by field; a new state brings its own exit code, or none. */
function combine(before: ImpliedState, after: ImpliedState): ImpliedState {
  if (after.gone === true) return { gone: true }
  const merged: ImpliedState = { ...before, ...after }
  if (after.state !== undefined) {
    if (after.exitCode === undefined) delete merged.exitCode
    // A container that stopped has no health to show; one that starts again is measured afresh.
    delete merged.health
  }
  if (merged.gone === true && after.state !== undefined) delete merged.gone
  return merged
}
