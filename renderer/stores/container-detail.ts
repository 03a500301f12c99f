import { defineStore } from 'pinia'
import type { ContainerFileListing } from '../../shared/container-files'
import type { ContainerInspectView } from '../../shared/container-inspect'
import type { StreamInputArgument } from '../../shared/stream-contract'
import type { StreamHandlers, StreamClient } from '../../shared/streams'
import type { ContainerChanges } from '../../shared/types'
import { strataApi } from '../api'

/**
 * One container's tabs talk to the engine through here: the reads each tab keeps for
 * itself (it knows when its container changed), and the live streams, whose
 * subscription goes back to the tab that closes it when it hides.
 */
export const useContainerDetailStore = defineStore('container-detail', () => {
  function inspect(id: string): Promise<ContainerInspectView> {
    return strataApi().call('containers.inspect', { id })
  }

  function changes(id: string): Promise<ContainerChanges> {
    return strataApi().call('containers.changes', { id })
  }

  /** One folder of the container's file system: all of it merged, or only what the container changed. */
  function files(id: string, path: string, onlyChanges: boolean): Promise<ContainerFileListing> {
    return strataApi().call('containers.files', { id, path, onlyChanges })
  }

  function openLogs(input: StreamInputArgument<'containers.logs'>, handlers: StreamHandlers<'containers.logs'>): StreamClient<'containers.logs'> {
    return strataApi().openStream('containers.logs', input, handlers)
  }

  function openStats(id: string, handlers: StreamHandlers<'containers.stats'>): StreamClient<'containers.stats'> {
    return strataApi().openStream('containers.stats', { id }, handlers)
  }

  function openTerminal(input: StreamInputArgument<'containers.terminal'>, handlers: StreamHandlers<'containers.terminal'>): StreamClient<'containers.terminal'> {
    return strataApi().openStream('containers.terminal', input, handlers)
  }

  return { inspect, changes, files, openLogs, openStats, openTerminal }
})
