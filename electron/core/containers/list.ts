import type { ContainerStateName, ContainerSummary } from '../../../shared/types'
import type { EngineConnection } from '../engine/connection'

interface ContainerListEntry {
  Id: string
  Names?: string[] | null
  Image: string
  ImageID: string
  Command: string
  Created: number
  State: string
  Status: string
}

const STATES: readonly ContainerStateName[] = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead']

function stateOf(value: string): ContainerStateName {
  return STATES.find((state) => state === value) ?? 'dead'
}

export function summaryFromContainerEntry(entry: ContainerListEntry): ContainerSummary {
  return {
    id: entry.Id,
    names: (entry.Names ?? []).map((name) => name.replace(/^\//, '')),
    image: entry.Image,
    imageId: entry.ImageID,
    command: entry.Command,
    created: new Date(entry.Created * 1000).toISOString(),
    state: stateOf(entry.State),
    status: entry.Status,
  }
}

export async function listContainers(connection: EngineConnection, filters?: Record<string, string[]>): Promise<ContainerSummary[]> {
  const entries = (await connection.docker.listContainers({
    all: true,
    ...(filters === undefined ? {} : { filters: JSON.stringify(filters) }),
  })) as ContainerListEntry[]
  return entries.map(summaryFromContainerEntry)
}

/** One container by full ID, or null when it no longer exists. */
export async function findContainer(connection: EngineConnection, id: string): Promise<ContainerSummary | null> {
  const matches = await listContainers(connection, { id: [id] })
  return matches.find((container) => container.id === id) ?? null
}
