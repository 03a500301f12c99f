import type { ContainerStateName, ContainerSummary } from '../../shared/types'
import { containerName, imageTag } from './container-query'

/** The containers table's sortable columns; command and ports read as text, not as an order. */
export type ContainerSortKey = 'name' | 'image' | 'state' | 'created' | 'size' | 'log'

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
    case 'created':
      return a.created.localeCompare(b.created)
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

/** The first direction a column sorts in: names and states A→Z, dates and sizes largest first. */
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
