import { failure, type StrataError } from '../../../shared/errors'
import { problem } from '../../../shared/problems'
import type { ContainerRemoved, ContainerSummary } from '../../../shared/types'
import type { EngineConnection } from '../engine/connection'
import { engineError } from '../engine/errors'
import { containerName, freshSummary, inspectContainer, statusCodeOf, type ContainerInspect } from './inspect'

/**
 * Starting, stopping, restarting and removing containers. A container already in
 * the asked state (the engine's 304) is success; the answer is always read afresh.
 */

async function act(connection: EngineConnection, inspect: ContainerInspect, action: () => Promise<unknown>): Promise<ContainerSummary> {
  try {
    await action()
  } catch (error) {
    if (statusCodeOf(error) !== 304) throw conflictOrEngineError(connection, error, inspect)
  }
  return freshSummary(connection, inspect)
}

function conflictOrEngineError(connection: EngineConnection, error: unknown, inspect: ContainerInspect): StrataError {
  const refused = engineError(error, connection.endpoint)
  const name = containerName(inspect)
  if (refused.code === 'NOT_FOUND') return failure('NOT_FOUND', problem('container.removedMeanwhile', { name }), { id: inspect.Id })
  if (refused.code !== 'CONFLICT') return refused
  return failure('CONFLICT', problem('container.engineRefused', { name, reason: refused.message }), { ...refused.detail, id: inspect.Id })
}

export async function startContainer(connection: EngineConnection, id: string): Promise<ContainerSummary> {
  const inspect = await inspectContainer(connection, id)
  return act(connection, inspect, () => connection.docker.getContainer(inspect.Id).start())
}

/** Sends the stop signal, then SIGKILL after timeoutSeconds. */
export async function stopContainer(connection: EngineConnection, id: string, timeoutSeconds: number): Promise<ContainerSummary> {
  const inspect = await inspectContainer(connection, id)
  return act(connection, inspect, () => connection.docker.getContainer(inspect.Id).stop({ t: timeoutSeconds }))
}

export async function restartContainer(connection: EngineConnection, id: string, timeoutSeconds: number): Promise<ContainerSummary> {
  const inspect = await inspectContainer(connection, id)
  return act(connection, inspect, () => connection.docker.getContainer(inspect.Id).restart({ t: timeoutSeconds }))
}

export interface RemoveContainerRequest {
  id: string
  /** Also remove the anonymous volumes the container created. */
  volumes: boolean
  /** Kill a running container first. */
  force: boolean
}

export async function removeContainer(connection: EngineConnection, request: RemoveContainerRequest): Promise<ContainerRemoved> {
  const inspect = await inspectContainer(connection, request.id)
  const name = containerName(inspect)
  if (!request.force && (inspect.State.Running || inspect.State.Paused)) {
    throw failure('CONFLICT', problem(inspect.State.Paused ? 'container.removePaused' : 'container.removeRunning', { name }), {
      id: inspect.Id,
      state: inspect.State.Status,
    })
  }
  try {
    await connection.docker.getContainer(inspect.Id).remove({ v: request.volumes, force: request.force })
  } catch (error) {
    // Also a container that started meanwhile, or one already being removed.
    throw conflictOrEngineError(connection, error, inspect)
  }
  return { removed: true, id: inspect.Id }
}
