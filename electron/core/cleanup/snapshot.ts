import type { ContainerLogSize, ContainerStateName, LayersBytesSource } from '../../../shared/types'

/** What the planner knows of the engine at one moment: plain data, so planning is a pure function. */

export interface SnapshotImage {
  id: string
  repoTags: string[]
  repoDigests: string[]
  parentId: string | null
  /** Epoch milliseconds. */
  created: number
  size: number
  labels: Record<string, string>
  /** Chain IDs, bottom first. Known for listed images and images containers use; empty for other hidden ones. */
  chains: string[]
  /** Listed by /images/json (tagged, or untagged without children); the others are the classic builder's hidden parents. */
  listed: boolean
}

export interface SnapshotContainer {
  id: string
  names: string[]
  imageId: string
  state: ContainerStateName
  /** Epoch milliseconds. */
  created: number
  labels: Record<string, string>
  /** Bytes of the writable layer, as /system/df measures it. */
  sizeRw: number
}

export interface SnapshotCacheEntry {
  id: string
  /** Entries this one was made on; it must go before them. */
  parents: string[]
  type: string
  description: string
  inUse: boolean
  shared: boolean
  size: number
  /** ISO 8601 */
  createdAt: string | null
  lastUsedAt: string | null
}

export interface CleanupSnapshot {
  /** Every image, hidden parents included. */
  images: SnapshotImage[]
  containers: SnapshotContainer[]
  buildCache: SnapshotCacheEntry[]
  /** Each container's log on disk (logs/log-sizes.ts); absent when not read. Never a cleanup item: Strata does not truncate logs. */
  logs?: ContainerLogSize[]
  /** Size of each layer by chain ID (the storage driver's diff size). */
  chainSizes: ReadonlyMap<string, number>
  /** The engine's LayersSize: bytes of the layers listed images hold (summed by Strata when the engine reports none). */
  layersSize: number
  layersSource: LayersBytesSource
  /** Image IDs the pinned references resolve to. */
  pinned: ReadonlySet<string>
  pinsNotFound: string[]
}

export function itemKey(kind: 'container' | 'image' | 'build-cache', id: string): string {
  return `${kind}:${id}`
}

const STATES: readonly ContainerStateName[] = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead']

/** An unknown state counts as running: a cleanup never removes what it cannot tell is stopped. */
export function containerState(value: string): ContainerStateName {
  return STATES.find((state) => state === value) ?? 'running'
}

const STOPPED_STATES = new Set<ContainerStateName>(['created', 'exited', 'dead'])

/** Stopped containers are the only ones a cleanup removes; running, paused, restarting and removing ones hold their image. */
export function isStopped(container: SnapshotContainer): boolean {
  return STOPPED_STATES.has(container.state)
}

export function imageNames(image: SnapshotImage): string[] {
  return image.repoTags.length > 0 ? image.repoTags : image.repoDigests
}
