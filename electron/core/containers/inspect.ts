import { failure } from '../../../shared/errors'
import { problem } from '../../../shared/problems'
import type { ContainerSummary } from '../../../shared/types'
import type { EngineConfig } from '../engine/engine-config'
import type { EngineConnection } from '../engine/connection'
import { engineError } from '../engine/errors'
import { findContainer } from './list'

/** A container's config; a commit sends it back whole, so fields Strata does not know are kept. */
export interface EngineContainerConfig extends EngineConfig {
  [field: string]: unknown
}

export interface ContainerInspect {
  Id: string
  Name: string
  /** The ID of the image the container was created from. */
  Image: string
  State: { Status: string; Running: boolean; Paused: boolean }
  Config: EngineContainerConfig
}

export function statusCodeOf(error: unknown): number | null {
  const status = (error as { statusCode?: unknown } | null)?.statusCode
  return typeof status === 'number' ? status : null
}

export function containerName(inspect: ContainerInspect): string {
  return inspect.Name.replace(/^\//, '')
}

/** Inspects a container by ID, prefix or name; NOT_FOUND says the container is gone, not that the call failed. */
export async function inspectContainer(connection: EngineConnection, id: string): Promise<ContainerInspect> {
  try {
    return await connection.docker.getContainer(id).inspect()
  } catch (error) {
    if (statusCodeOf(error) === 404) throw failure('NOT_FOUND', problem('container.notFound', { id }), { id })
    throw engineError(error, connection.endpoint)
  }
}

/** The container as the list shows it, read after an action changed it. */
export async function freshSummary(connection: EngineConnection, inspect: ContainerInspect): Promise<ContainerSummary> {
  const summary = await findContainer(connection, inspect.Id)
  if (summary === null) {
    // A container started with --rm disappears as soon as it stops.
    throw failure('NOT_FOUND', problem('container.removedAfterAction', { name: containerName(inspect) }), { id: inspect.Id })
  }
  return summary
}
