import { compareNatural } from '../../shared/natural-sort'
import type { ContainerStateName, ContainerSummary } from '../../shared/types'
import { containerName, imageTag, portLabels } from './container-query'
import { statusSeconds } from './container-status'

/** The containers table's sortable columns (every data column). */
export type ContainerSortKey = 'name' | 'image' | 'state' | 'status' | 'created' | 'command' | 'ports' | 'size' | 'log'

export interface ContainerSort {
  key: ContainerSortKey
  descending: boolean
}

/** The engine lists newest first: the table opens the same way. */
export const DEFAULT_CONTAINER_SORT: ContainerSort = { key: 'created', descending: true }

// "web-2" before "web-10", as people read names.
const collator = new Intl.Collator(undefined, { numeric: true })

/** Live states first, the way someone scanning for what runs reads the column. */
const STATE_RANK: Record<ContainerStateName, number> = { running: 0, restarting: 1, paused: 2, created: 3, exited: 4, dead: 5, removing: 6 }

/**
 * The Status column groups by what its lines begin with, so it reads in blocks: the "Up"
 * lines (running, then paused, whose line is "Up … (Paused)"), then "Restarting (n) … ago",
 * then "Exited (n) … ago", then the lines without a time (Created, Dead, Removal In
 * Progress). This differs from the State column's order on purpose: there restarting sits
 * with running as "trying to run"; here the line's own words decide.
 */
const STATUS_GROUP: Record<ContainerStateName, number> = { running: 0, paused: 1, restarting: 2, exited: 3, created: 4, dead: 5, removing: 6 }

/** Within a group the shortest time first when ascending ("Up 2 seconds" before "Up 3 days"); a line without one after. */
function compareStatus(a: ContainerSummary, b: ContainerSummary): number {
  const group = STATUS_GROUP[a.state] - STATUS_GROUP[b.state]
  if (group !== 0) return group
  const aSeconds = statusSeconds(a.status) ?? Number.POSITIVE_INFINITY
  const bSeconds = statusSeconds(b.status) ?? Number.POSITIVE_INFINITY
  if (aSeconds !== bSeconds) return aSeconds < bSeconds ? -1 : 1
  // Same time: the exit code and health words decide, as text.
  return compareNatural(a.status, b.status)
}

/** The lowest host port the container is published on; null when none is published. */
function firstHostPort(container: ContainerSummary): number | null {
  const published = (container.ports ?? []).flatMap((port) => (port.publicPort === null ? [] : [port.publicPort]))
  return published.length === 0 ? null : Math.min(...published)
}

/**
 * Published containers by their first host port as a number (8080 before 10000), then the
 * ones with only exposed ports by their text, then the ones with no port at all.
 */
function comparePorts(a: ContainerSummary, b: ContainerSummary): number {
  const aPort = firstHostPort(a) ?? Number.POSITIVE_INFINITY
  const bPort = firstHostPort(b) ?? Number.POSITIVE_INFINITY
  if (aPort !== bPort) return aPort < bPort ? -1 : 1
  const aText = portLabels(a.ports).join(', ')
  const bText = portLabels(b.ports).join(', ')
  if ((aText === '') !== (bText === '')) return aText === '' ? 1 : -1
  return compareNatural(aText, bText)
}

function imageSortName(container: ContainerSummary): string {
  // A container whose image lost its name sorts after the named ones when ascending.
  return imageTag(container) ?? `\uffff${container.imageId}`
}

/** A container's log bytes on disk, null when not known (containers.logSizes). */
export type LogBytesOf = (id: string) => number | null

function compareBy(a: ContainerSummary, b: ContainerSummary, key: ContainerSortKey, logBytes: LogBytesOf): number {
  switch (key) {
    case 'name':
      return collator.compare(containerName(a), containerName(b))
    case 'image':
      return collator.compare(imageSortName(a), imageSortName(b))
    case 'state':
      return STATE_RANK[a.state] - STATE_RANK[b.state]
    case 'status':
      return compareStatus(a, b)
    case 'created':
      return a.created.localeCompare(b.created)
    case 'command':
      return compareNatural(a.command, b.command)
    case 'ports':
      return comparePorts(a, b)
    case 'size':
      // Not measured yet counts as the least, so measured ones lead when descending.
      return (a.sizeRw ?? -1) - (b.sizeRw ?? -1)
    case 'log':
      // Not known (another driver, a remote engine) counts as the least, as an unmeasured size does.
      return (logBytes(a.id) ?? -1) - (logBytes(b.id) ?? -1)
  }
}

/** Sorts a copy; ties fall back to the ID so rows never swap places between updates. */
export function sortContainers(containers: readonly ContainerSummary[], sort: ContainerSort, logBytes: LogBytesOf = () => null): ContainerSummary[] {
  const direction = sort.descending ? -1 : 1
  return [...containers].sort((a, b) => direction * compareBy(a, b, sort.key, logBytes) || a.id.localeCompare(b.id))
}

/** The first direction a column sorts in: names, states, statuses, commands and ports A→Z; dates and sizes largest first. */
export function defaultDescending(key: ContainerSortKey): boolean {
  return key === 'created' || key === 'size' || key === 'log'
}

/** A click on a header: the same column flips its direction, another starts in its own first direction. */
export function nextSort(current: ContainerSort, key: ContainerSortKey): ContainerSort {
  return current.key === key ? { key, descending: !current.descending } : { key, descending: defaultDescending(key) }
}

/** The header's aria-sort for a column. */
export function ariaSortOf(current: ContainerSort, key: ContainerSortKey): 'ascending' | 'descending' | 'none' {
  if (current.key !== key) return 'none'
  return current.descending ? 'descending' : 'ascending'
}
