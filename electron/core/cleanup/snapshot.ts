import type { CleanupItemKind, ContainerLogSize, ContainerStateName, LayersBytesSource, SizeSource } from '../../../shared/types'
import type { StoreUnit } from '../images/store-sizes'

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
  /** Names of the volumes it mounts, whatever its state. */
  volumes: string[]
}

export interface SnapshotVolume {
  name: string
  driver: string
  labels: Record<string, string>
  /** Epoch milliseconds; null when the engine gives no creation time. */
  created: number | null
  /** UsageData.Size from /system/df; -1 when the engine cannot tell (a driver other than local). */
  size: number
  /** UsageData.RefCount: how many containers the engine counts as using it; -1 when unknown. */
  refCount: number
  /** Containers (any state) whose Mounts name it. */
  mountedBy: string[]
  /** Made for a container with no name given: a 64-hex name, or the label Docker 23+ sets. */
  anonymous: boolean
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
  volumes: SnapshotVolume[]
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
  /** Epoch milliseconds when it was read: the instant retention rules' ages count back from. */
  readAt: number
  /** On the containerd image store only: the blobs and snapshots each image references. Absent on the classic store. */
  store?: SnapshotStore
}

/** The containerd store as a plan needs it: which content blobs and snapshots each image holds. */
export interface SnapshotStore {
  kind: 'containerd'
  snapshotter: string | null
  /** Image ID -> its units, for listed images and images containers use. */
  units: ReadonlyMap<string, readonly StoreUnit[]>
  /** Where content sizes come from; null when the engine describes no manifests (API before 1.47), so content is not counted. */
  contentSource: SizeSource | null
}

export function itemKey(kind: CleanupItemKind, id: string): string {
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

/** The label Docker 23+ puts on a volume it made for a container that named none. */
export const ANONYMOUS_VOLUME_LABEL = 'com.docker.volume.anonymous'

/** Docker 20.10 sets no label, but names anonymous volumes with 64 random hex digits. */
export function isAnonymousVolume(name: string, labels: Readonly<Record<string, string>>): boolean {
  return Object.hasOwn(labels, ANONYMOUS_VOLUME_LABEL) || /^[0-9a-f]{64}$/.test(name)
}

/** A volume's bytes for sums: an unknown size (-1) counts as nothing. */
export function volumeBytes(volume: Pick<SnapshotVolume, 'size'>): number {
  return Math.max(0, volume.size)
}
