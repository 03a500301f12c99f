/** Images: summaries and rows, history, family, layers, details, and deleting one image or a set. Part of the contract's data shapes (shared/types.ts re-exports it). */
import type { ErrorCode } from '../errors'
import type { ContainerStateName, LayersBytesSource } from '../types'

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }

export interface Platform {
  os: string
  architecture: string
  variant: string | null
}

/** A container as a reference from an image: enough to name it and say what state it is in. */
export interface ContainerRef {
  id: string
  name: string
  state: ContainerStateName
}

export interface ImageSummary {
  id: string
  repoTags: string[]
  repoDigests: string[]
  /** ISO 8601 */
  created: string
  /** The engine's Size: the sum of the image's layers on the classic store; compressed content + unpacked snapshots on containerd's (see `store`). */
  size: number
  /** Bytes of layers (chain IDs) that another listed image also uses, as `docker system df -v` counts; on containerd's store, shared snapshots + shared blobs by Strata's keys. */
  sharedSize: number
  /** size - sharedSize: what this image alone holds on disk. */
  uniqueSize: number
  platform: Platform
  parentId: string | null
  /** The nearest listed images it was built on and that are built on it, named (see shared/image-family.ts). */
  family: ImageFamily
  dangling: boolean
  labels: Record<string, string>
  /** Containers whose ImageID is this image: running also holds paused and restarting; stopped holds created, exited and dead. */
  containers: { running: ContainerRef[]; stopped: ContainerRef[] }
  /** On the containerd image store with API 1.47+: unpacked and content bytes apart, and the platforms present. Absent on the classic store. */
  store?: ContainerdImageSizes
}

/** Where a figure comes from, named in the JSON and the UI so no one mistakes an engine aggregate for Strata's arithmetic. */
export type SizeSource =
  /** Sum of GET /images/{id}/history layer sizes keyed by chain ID (on containerd: the snapshotter's usage of each snapshot). */
  | 'history-chain-ids'
  /** ImageManifestSummary.Size.Content of GET /images/json?manifests=1 (API 1.47+), keyed by manifest digest. */
  | 'manifest-content'
  /** Content blobs keyed by their digests, when the blobs of each manifest are known. */
  | 'blob-digests'

/** Shared/unique of one kind of bytes, by Strata's own key arithmetic (never the engine's SharedSize). */
export interface StoreFigure {
  total: number
  shared: number
  unique: number
  source: SizeSource
}

/** One platform (or attestation) manifest that one image ID stands for on the containerd store. */
export interface PlatformContent {
  /** The manifest digest. */
  digest: string
  kind: 'image' | 'attestation' | 'unknown'
  /** Null for attestations, which describe no platform. */
  platform: Platform | null
  /** Whether every blob (config, layers) of this manifest is present locally. */
  available: boolean
  /** Compressed blobs present locally for this manifest (Size.Content). */
  contentBytes: number
  /** Unpacked snapshots of this platform (ImageData.Size.Unpacked); 0 when not unpacked. */
  unpackedBytes: number
  /** Containers created from this platform (ImageData.Containers). */
  containers: string[]
}

/** Sizes of an image on the containerd store, where Size = compressed content + unpacked snapshots. */
export interface ContainerdImageSizes {
  /** Unpacked snapshots, by chain ID. */
  unpacked: StoreFigure
  /** Compressed content blobs. */
  content: StoreFigure
  /** Manifests of the image present locally or not: the platforms it stands for. */
  platforms: PlatformContent[]
}

/** What /images/json alone tells, for showing the list before the catalog is complete. */
export interface ImageRow {
  id: string
  repoTags: string[]
  created: string
  size: number
  dangling: boolean
}

/** One build step of GET /images/{id}/history, oldest first. */
export interface HistoryStep {
  created: string | null
  /** created_by, cleaned of the `/bin/sh -c #(nop) ` prefix */
  createdBy: string
  size: number
  /** True when the step made no layer. */
  emptyLayer: boolean
  comment: string
  /** Index into layers when the step made one. */
  layerIndex: number | null
}

export interface ImageRef {
  id: string
  repoTags: string[]
}

/** Every listed image's layers as chain IDs, for the family tree (shared/layer-tree.ts) to draw. */
export interface LayerChains {
  images: { id: string; repoTags: string[]; created: string; chainIds: string[] }[]
  /** Chain ID -> size of its layer (the diff at the top of the chain). */
  chainSizes: Record<string, number>
}

/** A listed image related to another through the parent chain, and the untagged intermediates between them. */
export interface FamilyLink {
  image: ImageRef
  /** IDs of the intermediates the Images list never shows (the classic builder's build steps), nearest first. */
  via: string[]
}

export interface ImageFamily {
  /** The nearest listed image this one was built on; null when it has no parent. */
  parent: FamilyLink | null
  /** The nearest listed images built on this one. */
  children: FamilyLink[]
}

export interface LayerInfo {
  /** 0 = bottom layer */
  index: number
  diffId: string
  chainId: string
  size: number
  /** The instruction that made the layer. */
  createdBy: string
  created: string | null
  /** Steps without a layer between the previous layer and this one (ENV, LABEL, CMD, ...). */
  emptySteps: HistoryStep[]
  /** Other listed images holding the same chain ID (so the layer is stored once for all). */
  sharedWith: ImageRef[]
}

export interface ImageConfigView {
  entrypoint: string[] | null
  cmd: string[] | null
  env: string[]
  exposedPorts: string[]
  volumes: string[]
  workingDir: string
  user: string
  labels: Record<string, string>
  stopSignal: string | null
}

export interface ImageDetail {
  summary: ImageSummary
  config: ImageConfigView
  layers: LayerInfo[]
  history: HistoryStep[]
  /** Storage-driver data, e.g. overlay2's LowerDir, UpperDir, MergedDir, WorkDir. */
  graphDriver: { name: string; data: Record<string, string> }
  /** GET /images/{id}/json as the engine answered it. */
  rawInspect: JsonValue
}

export type BlockerKind = 'running-container' | 'stopped-container' | 'child-image' | 'tag'

export type Remedy = 'stop-and-remove' | 'remove-container' | 'delete-child' | 'untag'

/** One thing that stops an image from being deleted, and the step that clears it. */
export interface Blocker {
  kind: BlockerKind
  /** Container ID, child image ID, or (for tags) the image ID */
  id: string
  /** Container name, child image's first tag, or the tag */
  name: string
  /** Container state; null for images and tags */
  state: ContainerStateName | null
  remedy: Remedy
  /** Whether the engine's force would delete despite this blocker. */
  forceOverrides: boolean
  /** For a child image: the untagged intermediates between the image and this child, nearest first. */
  via?: string[]
}

export interface DeletePlan {
  image: ImageRef
  blockers: Blocker[]
}

/** What deleting one platform of a multi-platform image did (containerd store, API 1.50+). */
export interface RemovePlatformResult {
  id: string
  platform: Platform
  /** Digests the engine reports deleted (the platform's manifest and the content only it held). */
  deleted: string[]
  untagged: string[]
}

export interface RemoveResult {
  deletedImages: string[]
  /** deletedImages by name: the listed ones with the tags they had, and the untagged intermediates that went along (Docker's released layers left out). */
  deletedNamed: { images: ImageRef[]; intermediates: string[] }
  untagged: string[]
  stoppedContainers: string[]
  removedContainers: string[]
  /** Containers left using a force-deleted image: they keep its layers on disk. */
  orphanedContainers: string[]
  /** Engine layer usage (LayersSize of /system/df) before and after. */
  layersBytesBefore: number
  layersBytesAfter: number
  /** 'images' when the engine reports no LayersSize (Podman) and the bytes of the layers of the images it lists were summed instead. */
  layersBytesSource: LayersBytesSource
  /**
   * Bytes actually freed on disk. The engine stops counting a force-deleted image's
   * layers while orphaned containers still hold them, so then this is 0, not the drop.
   */
  freedBytes: number
}

/** A blocker of one image of a set delete: the image of the set it holds. */
export interface SetBlocker extends Blocker {
  imageId: string
}

export interface RemoveSetMember {
  id: string
  repoTags: string[]
  size: number
}

/** What deleting a set does for one choice about the containers of its images. */
export interface RemoveSetPrediction {
  /** Images of the set that go, children first: the order of the deletes. */
  deletable: string[]
  /** Hidden parents (the classic builder's intermediates) the engine deletes along with them. */
  hiddenParents: string[]
  /** Containers stopped and removed first; none when they are kept. */
  containers: string[]
  /** Bytes of the layers (by chain ID) that only the images going hold: what the engine's LayersSize drops by. */
  freedBytes: number
}

export interface RemoveSetPlan {
  /** The set as asked for, one entry per image (references to the same image count once). */
  members: RemoveSetMember[]
  /** Containers of its images, and images outside the set built on them. */
  blockers: SetBlocker[]
  keepingContainers: RemoveSetPrediction
  removingContainers: RemoveSetPrediction
  /** The engine's layer bytes now, which the figures above are taken from. */
  layersBytes: number
  layersBytesSource: LayersBytesSource
}

/**
 * Why an image of the set was not deleted: `blocked` by its blockers (see `blockers`),
 * `child-kept` because an image built on it stays, `gone` when it no longer existed,
 * `cancelled` when the delete was cancelled before it.
 */
export type RemoveSetSkip = 'blocked' | 'child-kept' | 'gone' | 'cancelled'

export interface RemoveSetOutcome {
  id: string
  repoTags: string[]
  status: 'deleted' | 'skipped' | 'failed'
  skip: RemoveSetSkip | null
  blockers: SetBlocker[]
  /** Tags removed: extra names first, then the last one with the image. */
  untagged: string[]
  /** Image IDs the engine deleted: this one and the hidden parents it took along. */
  deletedImages: string[]
  error: { code: ErrorCode; message: string } | null
}

export interface RemoveSetResult {
  /** One per image of the set, in the order they were handled. */
  outcomes: RemoveSetOutcome[]
  stoppedContainers: string[]
  removedContainers: string[]
  /** What the plan made at run time predicted for the images that were to go. */
  predictedBytes: number
  layersBytesBefore: number
  /** null when the engine stopped answering before the measurement after. */
  layersBytesAfter: number | null
  layersBytesSource: LayersBytesSource
  /** The drop of the engine's layer bytes; null when it could not be measured. */
  freedBytes: number | null
}

/** A stable key for a blocker, so a confirmation names exactly what was shown. */
export function blockerKey(blocker: Blocker): string {
  return `${blocker.kind}:${blocker.id}:${blocker.name}`
}
