/**
 * Data shapes that cross the contract. Plain, structured-clonable objects only.
 * By domain under shared/types/; the cleanup shapes and the container summary stay here.
 */
import type { ErrorCode } from './errors'
import type { RetentionImageVerdict, RetentionRule } from './retention-input'
import type { ContainerPort } from './types/containers'
import type { Blocker, ImageRef, SizeSource } from './types/images'

export * from './types/engine'
export * from './types/images'
export * from './types/files'
export * from './types/containers'
export * from './types/registry'
export * from './types/settings'
export * from './types/run'

export type ContainerStateName = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead'

export interface ContainerSummary {
  id: string
  names: string[]
  image: string
  imageId: string
  command: string
  /** ISO 8601 */
  created: string
  state: ContainerStateName
  status: string
  /** names[0]; every listing fills it (optional only so older hand-built summaries stay valid). */
  name?: string
  /** Published and exposed ports; every listing fills it. */
  ports?: ContainerPort[]
  /** Bytes of the container's writable layer; only when the list was asked for sizes (slow). */
  sizeRw?: number | null
  /** Bytes of the image plus the writable layer; only when the list was asked for sizes. */
  sizeRootFs?: number | null
}

/** Why a container's log size is not known: the engine runs elsewhere, its driver keeps no file, or the file cannot be stat'ed here. */
export type LogSizeReason = 'remote-engine' | 'driver-not-file' | 'no-permission' | 'not-found'

/** A container's log: its driver, its rotation and the bytes its files take on the engine's disk (containers.logSizes). */
export interface ContainerLogSize {
  id: string
  /** HostConfig.LogConfig.Type: json-file, local, journald, none… ('' when the engine did not say). */
  driver: string
  /** The driver's options as the container holds them (--log-opt, with the daemon's log-opts merged in at create). */
  options: Record<string, string>
  /** The size at which the driver rotates, as the option says it ("10m"); null: it never rotates. */
  maxSize: string | null
  /** How many files the rotation keeps; null when it does not rotate. */
  maxFile: number | null
  /** Rotated files are gzipped. */
  compress: boolean
  /** json-file without max-size: the file grows as long as the container logs. Strata shows the remedy (rotation); it never truncates. */
  unbounded: boolean
  /** The active file and its rotations together, by stat; null with a reason when not measurable. */
  bytes: number | null
  /** Files counted in bytes. */
  files: number
  reason: LogSizeReason | null
}


export interface DiskUsage {
  images: { count: number; bytes: number; reclaimableBytes: number }
  containers: { count: number; writableBytes: number }
  volumes: { count: number; bytes: number }
  buildCache: { count: number; bytes: number }
}

export type CleanupItemKind = 'container' | 'image' | 'build-cache' | 'volume'

/** Why an item is in a cleanup plan. */
export type CleanupReason = 'dangling' | 'unused' | 'stopped-container' | 'build-cache' | 'retention' | 'unused-volume'

/** One thing a cleanup removes, in the order it is removed. */
export interface CleanupItem {
  /** `${kind}:${id}`: what a confirmation names. */
  key: string
  kind: CleanupItemKind
  id: string
  /** An image's tags, a container's names, a cache entry's description. */
  names: string[]
  reason: CleanupReason
  /** The retention rule that dropped it (reason 'retention'); null otherwise. */
  rule: RetentionRule | null
  /** Keys of items removed earlier in the plan that make this one removable: its containers, child images, child cache entries. */
  after: string[]
  /** An image's size (all its layers), a container's writable layer, a cache entry's size. */
  size: number
  /** What this step frees; for an image, its layers that no image or container left after the step holds. */
  bytesFreed: number
  /** ISO 8601: when it was created (a cache entry: last used); null when unknown. */
  created: string | null
  /** Volumes only: what tells a named volume from an anonymous one, and whether its size is known. */
  volume?: CleanupVolumeFacts
}

export interface CleanupVolumeFacts {
  /** Made for a container that named none (a 64-hex name, or Docker 23+'s com.docker.volume.anonymous label). */
  anonymous: boolean
  driver: string
  /** False when the engine reports no size (-1): size and bytesFreed then count 0. */
  sizeKnown: boolean
}

/** Why a candidate stays out of a plan. */
export type CleanupKeepReason =
  | 'keep-label'
  | 'pinned'
  | 'running'
  | 'running-container'
  | 'stopped-container'
  | 'child-image'
  | 'protected-parent'
  | 'protected-image'
  | 'in-use'
  | 'shared'
  | 'child-entry'
  /** A retention rule keeps one of its tags. */
  | 'retention-keep'

/** A candidate the options matched that the plan keeps, and why. */
export interface CleanupKept {
  key: string
  kind: CleanupItemKind
  id: string
  names: string[]
  reason: CleanupKeepReason
  /** The retention rule that keeps it (reason 'retention-keep'); null otherwise. */
  rule: RetentionRule | null
  /** For images: what the engine would refuse the delete for (containers, child images). */
  blockers: Blocker[]
}

/** A layer of a planned image that explains why deleting the images frees less than their sizes add up to. */
export interface CleanupSharedLayer {
  chainId: string
  bytes: number
  /** Planned images holding it: it counts once per image in their sizes, but is stored once. */
  plannedImages: ImageRef[]
  /** Images left after the cleanup that hold it (a container's image included); empty when the plan frees it. */
  keptBy: ImageRef[]
}

export interface CleanupBytes {
  /** Image layers: what the engine's LayersSize drops by. On the containerd image store, store.content.bytes + store.snapshots.bytes. */
  layers: number
  /** Writable layers of removed containers. */
  containers: number
  buildCache: number
  /** Volumes removed: their UsageData.Size (data that a pull does not bring back). */
  volumes: number
  /** On the containerd image store only: what `layers` is made of. Absent on the classic store. */
  store?: CleanupStoreBytes
}

/** One kind of thing the containerd store keeps, as much of it as the plan frees. */
export interface CleanupStoreFigure {
  /** Blobs or snapshots freed: each counted once, and only when no image left after the plan references it. */
  count: number
  bytes: number
  /** Where the sizes come from; never the engine's Size or SharedSize. */
  source: SizeSource
}

/**
 * What deleting the plan's images frees on the containerd image store, by Strata's own
 * blob-digest and chain-ID arithmetic: compressed content and unpacked snapshots apart,
 * since one can stay (referenced by another manifest, or by a kept image's chain) while the other goes.
 */
export interface CleanupStoreBytes {
  kind: 'containerd'
  /** The snapshotter (overlayfs, native…); null when the engine did not name it. */
  snapshotter: string | null
  /**
   * Compressed content blobs. 'manifest-content' counts a manifest's content as one unit: an upper bound when manifests share layer blobs.
   * Null when the engine describes no manifests (API before 1.47): the deletes free content the plan cannot count.
   */
  content: CleanupStoreFigure | null
  /** Unpacked snapshots, by chain ID. */
  snapshots: CleanupStoreFigure
}

export interface DiskMapTotals extends Omit<CleanupBytes, 'store'> {
  /** Container logs by stat: counted on disk, never freed by a cleanup (Strata does not truncate them). */
  logs: number
  total: number
}

/** What a treemap of disk use needs, with the plan's items flagged. */
export interface DiskMap {
  /** Listed images by the bytes they alone hold. */
  images: { id: string; names: string[]; uniqueBytes: number; sharedBytes: number; planned: boolean; protected: boolean }[]
  /** Layers (chain IDs) more than one listed image holds, each stored once. */
  sharedPool: { bytes: number; freedBytes: number; layers: { chainId: string; bytes: number; holders: string[]; freed: boolean }[] }
  containers: { id: string; names: string[]; imageId: string; state: ContainerStateName; writableBytes: number; planned: boolean }[]
  buildCache: { id: string; type: string; description: string; bytes: number; inUse: boolean; shared: boolean; planned: boolean }[]
  /** Every volume; bytes 0 when the engine reports no size. */
  volumes: { name: string; anonymous: boolean; bytes: number; inUse: boolean; planned: boolean }[]
  /** Containers' logs measured on disk (containers.logSizes); not a cleanup item, so never planned. */
  logs: { id: string; names: string[]; driver: string; bytes: number; unbounded: boolean }[]
  /** Containers whose log size is not known, counted by why (a remote engine, journald…). */
  logsUnmeasured: Partial<Record<LogSizeReason, number>>
  before: DiskMapTotals
  after: DiskMapTotals
  /** The engine's own LayersSize, which `before.layers` (summed over chain IDs) should equal. */
  engineLayersBytes: number
}

export interface CleanupPlan {
  items: CleanupItem[]
  totalBytesFreed: number
  freed: CleanupBytes
  /** The sizes of the planned images added up: more than they free when layers are shared. */
  imagesSize: number
  /**
   * The layers behind imagesSize - freed.layers: each counts bytes x (plannedImages - 1)
   * when the plan frees it, bytes x plannedImages when an image left behind keeps it.
   */
  sharedLayers: CleanupSharedLayer[]
  protected: CleanupKept[]
  /** Pinned references that name no image. */
  pinsNotFound: string[]
  /** What the retention rules said of each listed image with tags; empty without rules. */
  retention: RetentionImageVerdict[]
  diskMap: DiskMap
}

export type CleanupStatus = 'removed' | 'skipped' | 'failed'

export interface CleanupOutcome {
  key: string
  kind: CleanupItemKind
  id: string
  names: string[]
  status: CleanupStatus
  /** Why it was skipped or failed; null when removed. */
  reason: string | null
  /** What blocks it now, as the blockers model names it (an image that came into use since the plan). */
  blockers: Blocker[]
  /** What the plan predicted the step frees. */
  bytesFreed: number
  /** Extra tags removed before an image with several names could be deleted by ID. */
  untagged: string[]
  error: { code: ErrorCode; message: string } | null
  /** Volumes only, as the plan's item gave them. */
  volume?: CleanupVolumeFacts
}

/** Where layer-bytes figures come from: the engine's LayersSize, or Strata's sum over the layers of the images the engine lists. */
export type LayersBytesSource = 'engine' | 'images'

export interface CleanupReport {
  /** What the fresh plan, restricted to the confirmed items, predicted. */
  predictedBytes: number
  /**
   * Measured: LayersSize before minus after, plus the cache's SpaceReclaimed, plus removed
   * containers' writable layers, plus volume bytes before minus after. Null when the engine stopped answering before the after figure.
   */
  freedBytes: number | null
  predicted: CleanupBytes
  freed: CleanupFreedBytes
  layersBytesBefore: number
  layersBytesAfter: number | null
  layersBytesSource: LayersBytesSource
  cancelled: boolean
  /** The failure that stopped the cleanup part-way (the engine went away): the outcomes say what was done before it. */
  interrupted: { code: ErrorCode; message: string } | null
  outcomes: CleanupOutcome[]
}

/** As CleanupBytes; the layers and volumes figures are null when they could not be measured after the cleanup. */
export interface CleanupFreedBytes extends Omit<CleanupBytes, 'layers' | 'volumes'> {
  layers: number | null
  /** The volumes' UsageData.Size added up, before minus after (as /system/df reports them). */
  volumes: number | null
}
