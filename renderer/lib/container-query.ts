import { shortId } from '../../shared/format'
import type { ContainerPort, ContainerStateName, ContainerSummary } from '../../shared/types'

export type ContainerStateFilter = 'all' | 'running' | 'stopped'

/** The toolbar's filters, in order; each is worded by containers.toolbar.<filter>. */
export const CONTAINER_FILTERS: readonly ContainerStateFilter[] = ['all', 'running', 'stopped']

/** Running as ImageSummary.containers counts it: the states that hold a process (or are about to). */
export function isRunningState(state: ContainerStateName): boolean {
  return state === 'running' || state === 'paused' || state === 'restarting'
}

export function containerName(container: ContainerSummary): string {
  return container.name ?? container.names[0] ?? shortId(container.id)
}

/**
 * The image as people name it. The engine reports the image ID in `image` when the
 * container's image lost its tag (or was named by ID): then there is no name to show.
 */
export function imageTag(container: ContainerSummary): string | null {
  const image = container.image
  if (image === '' || image === container.imageId || image.startsWith('sha256:')) return null
  if (/^[0-9a-f]{12,64}$/.test(image) && container.imageId.replace(/^sha256:/, '').startsWith(image)) return null
  return image
}

/** "0.0.0.0:8080→80/tcp" for a published port, "80/tcp" for one only exposed. */
export function portLabel(port: ContainerPort): string {
  const inside = `${port.privatePort}/${port.protocol}`
  if (port.publicPort === null) return inside
  return `${port.ip === null ? '' : `${port.ip}:`}${port.publicPort}→${inside}`
}

/** Published first, then by port; the engine lists a port once per host address, which reads as duplicates. */
export function portLabels(ports: readonly ContainerPort[] | undefined): string[] {
  const sorted = [...(ports ?? [])].sort((a, b) => Number(b.publicPort !== null) - Number(a.publicPort !== null) || a.privatePort - b.privatePort)
  return [...new Set(sorted.map(portLabel))]
}

function matchesQuery(container: ContainerSummary, query: string): boolean {
  if (query === '') return true
  const haystack = [...container.names, container.image, container.id, container.imageId].join('\n').toLowerCase()
  return haystack.includes(query)
}

function matchesState(container: ContainerSummary, filter: ContainerStateFilter): boolean {
  if (filter === 'all') return true
  return isRunningState(container.state) === (filter === 'running')
}

/** The containers the view shows: matching the search (name, image, or ID prefix) and the state filter, newest first. */
export function visibleContainers(containers: readonly ContainerSummary[], query: string, filter: ContainerStateFilter): ContainerSummary[] {
  const needle = query.trim().toLowerCase()
  return containers
    .filter((container) => matchesQuery(container, needle) && matchesState(container, filter))
    .sort((a, b) => b.created.localeCompare(a.created) || a.id.localeCompare(b.id))
}

export function stateCounts(containers: readonly ContainerSummary[]): Record<ContainerStateFilter, number> {
  const running = containers.filter((container) => isRunningState(container.state)).length
  return { all: containers.length, running, stopped: containers.length - running }
}

/** Finds a container by full ID, ID prefix or name, as a deep link may give any of them. */
export function findContainer(containers: readonly ContainerSummary[], ref: string): ContainerSummary | undefined {
  const bare = ref.replace(/^sha256:/, '')
  return (
    containers.find((container) => container.id === bare) ??
    containers.find((container) => container.names.includes(bare.replace(/^\//, ''))) ??
    (bare.length >= 4 ? containers.find((container) => container.id.startsWith(bare)) : undefined)
  )
}

export type ContainerAction = 'start' | 'stop' | 'restart'

/** Which actions make sense in a state; the engine would accept some others as no-ops, which only confuses. */
export function actionAllowed(action: ContainerAction, state: ContainerStateName): boolean {
  switch (action) {
    case 'start':
      return state === 'created' || state === 'exited'
    case 'stop':
      return isRunningState(state)
    case 'restart':
      return state !== 'removing' && state !== 'dead'
  }
}
