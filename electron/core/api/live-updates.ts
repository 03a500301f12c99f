import type { EngineConnection } from '../engine/connection'
import type { DaemonEvent } from '../engine/daemon-events'
import type { ImageCatalog, ImageChange } from '../images/catalog'
import type { EventSink } from './event-hub'

const IMAGE_ACTIONS = new Set(['tag', 'untag', 'delete', 'pull', 'import', 'load', 'push'])
const CONTAINER_ACTIONS = new Set(['create', 'start', 'die', 'stop', 'kill', 'pause', 'unpause', 'restart', 'rename', 'destroy', 'update'])

/**
 * Turns one daemon event into contract events for the objects it changed: the
 * catalog re-reads only what the event names (the image list, or one container)
 * and reports every image whose summary moved, sizes included.
 */
export async function publishDaemonEvent(event: DaemonEvent, connection: EngineConnection, catalog: ImageCatalog, hub: EventSink): Promise<void> {
  if (event.type === 'image' && IMAGE_ACTIONS.has(event.action)) {
    emitImageChanges(hub, await catalog.imageEvent(connection, event.action, event.id), event.action, event.id)
    return
  }
  if (event.type !== 'container') return
  // A commit names the new image in its attributes; the image itself gets no event.
  if (event.action === 'commit') {
    const committed = event.attributes.imageID ?? ''
    emitImageChanges(hub, await catalog.imageEvent(connection, 'commit', committed), 'commit', committed)
    return
  }
  if (CONTAINER_ACTIONS.has(event.action)) {
    const { container, changes } = await catalog.containerChanged(connection, event.id)
    hub.emit('containers.changed', { action: event.action, id: event.id, container })
    emitImageChanges(hub, changes, 'containers', '')
  }
}

/** The image the event named carries its action; others changed as a consequence (sizes, sharing). */
function emitImageChanges(hub: EventSink, changes: ImageChange[], action: string, namedId: string): void {
  for (const change of changes) {
    hub.emit('images.changed', { action: change.id === namedId ? action : 'updated', id: change.id, image: change.image })
  }
}
