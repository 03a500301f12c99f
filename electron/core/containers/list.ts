import type { ContainerPort, ContainerStateName, ContainerSummary } from '../../../shared/types'
import type { EngineConnection } from '../engine/connection'
import { imageIdOf } from '../images/summary'

interface ContainerListEntry {
  Id: string
  Names?: string[] | null
  Image: string
  ImageID: string
  Command: string
  Created: number
  State: string
  Status: string
  Ports?: { IP?: string; PrivatePort: number; PublicPort?: number; Type: string }[] | null
  /** Only with size=1. */
  SizeRw?: number
  SizeRootFs?: number
}

const STATES: readonly ContainerStateName[] = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead']

function stateOf(value: string): ContainerStateName {
  return STATES.find((state) => state === value) ?? 'dead'
}

function portOf(port: NonNullable<ContainerListEntry['Ports']>[number]): ContainerPort {
  const published = port.PublicPort !== undefined && port.PublicPort !== 0
  return { privatePort: port.PrivatePort, publicPort: published ? port.PublicPort ?? null : null, protocol: port.Type, ip: published && port.IP !== undefined && port.IP !== '' ? port.IP : null }
}

export function summaryFromContainerEntry(entry: ContainerListEntry, sized = false): ContainerSummary {
  const names = (entry.Names ?? []).map((name) => name.replace(/^\//, ''))
  return {
    id: entry.Id,
    names,
    name: names[0] ?? '',
    ports: (entry.Ports ?? []).map(portOf),
    image: entry.Image,
    imageId: imageIdOf(entry.ImageID) ?? entry.ImageID,
    command: entry.Command,
    created: new Date(entry.Created * 1000).toISOString(),
    state: stateOf(entry.State),
    status: entry.Status,
    // The engine omits a size of 0 (omitempty), so with sizes asked for, absent means 0.
    ...(sized ? { sizeRw: entry.SizeRw ?? 0, sizeRootFs: entry.SizeRootFs ?? 0 } : {}),
  }
}

export async function listContainers(connection: EngineConnection, filters?: Record<string, string[]>, options: { size?: boolean } = {}): Promise<ContainerSummary[]> {
  const entries = (await connection.docker.listContainers({
    all: true,
    ...(options.size === true ? { size: true } : {}),
    ...(filters === undefined ? {} : { filters: JSON.stringify(filters) }),
  })) as ContainerListEntry[]
  return entries.map((entry) => summaryFromContainerEntry(entry, options.size === true))
}

/** One container by full ID, or null when it no longer exists. */
export async function findContainer(connection: EngineConnection, id: string): Promise<ContainerSummary | null> {
  const matches = await listContainers(connection, { id: [id] })
  return matches.find((container) => container.id === id) ?? null
}
