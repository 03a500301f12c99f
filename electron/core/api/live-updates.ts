import type { ContainerSummary } from '../../../shared/types'
import { applyImplied, contradicts, impliedByEvent, isWatchedContainerAction, type ImpliedState } from '../containers/event-state'
import { findContainer } from '../containers/list'
import type { EngineConnection } from '../engine/connection'
import type { DaemonEvent } from '../engine/daemon-events'
import type { ImageCatalog, ImageChange } from '../images/catalog'
import type { EventSink } from './event-hub'
import { ContainerEventOrder } from './container-event-order'

const IMAGE_ACTIONS = new Set(['tag', 'untag', 'delete', 'pull', 'import', 'load', 'push'])

/** When to ask again after a lookup the engine had not caught up with yet; after the last, its answer stands. */
export const RECHECK_DELAYS_MS = [100, 300, 1000] as const

export interface LiveUpdateOptions {
  catalog: ImageCatalog
  hub: EventSink
  reportBackground: (error: unknown) => void
  /** Looks one container up; the engine's list by default, a crafted answer in tests. */
  lookup?: (connection: EngineConnection, id: string) => Promise<ContainerSummary | null>
  schedule?: (run: () => void, delayMs: number) => void
}

/**
 * Turns daemon events into contract events for the objects they changed.
 *
 * A container event is published twice over: at once, as the event itself says
 * the container now is (the last known summary with its state, name or health
 * replaced), then as a lookup finds it. Lookups run one at a time in the
 * engine's order, and an answer is dropped when a newer event for the same
 * container came in after it was asked for: that event's own lookup answers
 * instead. An answer that contradicts its event (the engine sends `die` before
 * its list stops saying "running") is published corrected and asked again a
 * little later, until the engine agrees or the last recheck.
 */
export class LiveUpdates {
  private readonly order = new ContainerEventOrder()
  // Lookups run one at a time so that a tag followed by a delete is never published in reverse.
  private publishing: Promise<void> = Promise.resolve()
  private readonly lookup: (connection: EngineConnection, id: string) => Promise<ContainerSummary | null>
  private readonly schedule: (run: () => void, delayMs: number) => void

  constructor(private readonly options: LiveUpdateOptions) {
    this.lookup = options.lookup ?? findContainer
    this.schedule =
      options.schedule ??
      ((run, delayMs) => {
        setTimeout(run, delayMs).unref()
      })
  }

  /** Takes one event, in the order the engine sent it. */
  receive(event: DaemonEvent, connection: EngineConnection): void {
    if (event.type === 'container' && isWatchedContainerAction(event.action)) {
      const implied = impliedByEvent(event.action, event.attributes)
      const seq = this.order.record(event.id, implied)
      // Called from the event stream's data handler: nothing may throw out of it.
      try {
        this.publishImplied(event, implied)
      } catch (error) {
        this.options.reportBackground(error)
      }
      this.enqueue(() => this.publishLookup(event, connection, seq, 0))
      return
    }
    this.enqueue(() => this.publishOther(event, connection))
  }

  /** Resolves once every lookup queued so far has been published (tests wait on it). */
  idle(): Promise<void> {
    return this.publishing
  }

  private enqueue(work: () => Promise<void>): void {
    this.publishing = this.publishing.then(work).catch((error: unknown) => {
      this.options.reportBackground(error)
    })
  }

  private publishImplied(event: DaemonEvent, implied: ImpliedState): void {
    const known = this.options.catalog.knownContainer(event.id)
    // A container never seen (just created) has nothing to patch: its lookup brings it.
    if (known === undefined) return
    const shown = applyImplied(known, implied)
    if (shown === known) return
    this.show(event, shown)
  }

  private async publishLookup(event: DaemonEvent, connection: EngineConnection, seq: number, attempt: number): Promise<void> {
    const found = await this.lookup(connection, event.id)
    const implied = this.order.impliedIfLatest(event.id, seq)
    if (implied === null) return
    const stale = contradicts(found, implied)
    const delay = RECHECK_DELAYS_MS[attempt]
    if (stale && delay !== undefined) {
      this.schedule(() => {
        if (this.order.impliedIfLatest(event.id, seq) !== null) this.enqueue(() => this.publishLookup(event, connection, seq, attempt + 1))
      }, delay)
      this.show(event, found === null ? null : applyImplied(found, implied))
      return
    }
    this.order.settle(event.id, seq)
    this.show(event, found)
  }

  private show(event: DaemonEvent, container: ContainerSummary | null): void {
    const changes = this.options.catalog.putContainer(event.id, container)
    this.options.hub.emit('containers.changed', { action: event.action, id: event.id, container })
    emitImageChanges(this.options.hub, changes, 'containers', '')
  }

  private async publishOther(event: DaemonEvent, connection: EngineConnection): Promise<void> {
    const { catalog, hub } = this.options
    if (event.type === 'image' && IMAGE_ACTIONS.has(event.action)) {
      emitImageChanges(hub, await catalog.imageEvent(connection, event.action, event.id), event.action, event.id)
      return
    }
    // A commit names the new image in its attributes; the image itself gets no event.
    if (event.type === 'container' && event.action === 'commit') {
      const committed = event.attributes.imageID ?? ''
      emitImageChanges(hub, await catalog.imageEvent(connection, 'commit', committed), 'commit', committed)
    }
  }
}

/** The image the event named carries its action; others changed as a consequence (sizes, sharing). */
function emitImageChanges(hub: EventSink, changes: ImageChange[], action: string, namedId: string): void {
  for (const change of changes) {
    hub.emit('images.changed', { action: change.id === namedId ? action : 'updated', id: change.id, image: change.image })
  }
}
