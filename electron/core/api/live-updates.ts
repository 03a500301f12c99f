import type { EngineConnection } from '../engine/connection'
import type { DaemonEvent } from '../engine/daemon-events'
import { findContainer } from '../containers/list'
import { getImage } from '../images/list'
import { engineError } from '../engine/errors'
import type { EventHub } from './event-hub'

const IMAGE_ACTIONS = new Set(['tag', 'untag', 'delete', 'pull', 'import', 'load', 'push'])
const CONTAINER_ACTIONS = new Set(['create', 'start', 'die', 'stop', 'kill', 'pause', 'unpause', 'restart', 'rename', 'destroy', 'update'])

/**
 * Turns one daemon event into the contract event for the one object it names,
 * looked up fresh; never a full refetch.
 */
export async function publishDaemonEvent(event: DaemonEvent, connection: EngineConnection, hub: EventHub): Promise<void> {
  if (event.type === 'image' && IMAGE_ACTIONS.has(event.action)) {
    await publishImage(event.action, event.id, connection, hub)
    return
  }
  if (event.type === 'container') {
    // A commit names the new image in its attributes; the image itself gets no event.
    const committed = event.attributes.imageID
    if (event.action === 'commit' && committed !== undefined) {
      await publishImage('commit', committed, connection, hub)
      return
    }
    if (CONTAINER_ACTIONS.has(event.action)) {
      const container = await findContainer(connection, event.id)
      hub.emit('containers.changed', { action: event.action, id: event.id, container })
    }
  }
}

async function publishImage(action: string, ref: string, connection: EngineConnection, hub: EventHub): Promise<void> {
  try {
    const image = await getImage(connection, ref)
    hub.emit('images.changed', { action, id: image.id, image })
  } catch (error) {
    const failure = engineError(error, connection.endpoint)
    if (failure.code !== 'NOT_FOUND') throw failure
    hub.emit('images.changed', { action, id: ref, image: null })
  }
}
