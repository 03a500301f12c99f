/** Data shapes that cross the contract. Plain, structured-clonable objects only. */
import type { ErrorCode } from './errors'
import type { Problem } from './problems'

export type EndpointKind = 'unix' | 'npipe' | 'tcp' | 'ssh'

export type EndpointSource = 'explicit' | 'DOCKER_HOST' | 'DOCKER_CONTEXT' | 'config' | 'default'

/** An ssh engine's host key, added to known_hosts by engines.trustHostKey. */
export interface TrustedHostKey {
  endpoint: string
  /** As known_hosts names it: host, or [host]:port. */
  host: string
  fingerprint: string
  keyType: string
  /** The file the line was added to (~/... when under the home folder). */
  knownHostsFile: string
}

export interface EndpointSummary {
  /** The address as the docker CLI would print it, e.g. unix:///var/run/docker.sock */
  url: string
  kind: EndpointKind
  source: EndpointSource
  /** Docker context name when the endpoint came from a context. */
  context: string | null
  tls: boolean
}

/** What engines.use did: the engine now in use, the one left, and the tasks stopped on it. */
export interface EngineSwitch {
  endpoint: EndpointSummary
  previous: EndpointSummary
  /** taskIds of pulls, pushes, saves, loads and cleanups cancelled because they ran on the engine left. */
  cancelledTasks: string[]
}

export type ConnectionStateName = 'connecting' | 'connected' | 'reconnecting' | 'unreachable'

export interface ConnectionState {
  state: ConnectionStateName
  endpoint: EndpointSummary
  /** Why the engine cannot be reached, when it cannot (English). */
  message: string | null
  /** The same as an id and values (shared/problems.ts), for the renderer to word, when the core has one. */
  problem?: Problem
  /** Seconds until the next reconnection attempt while reconnecting. */
  retryInSeconds: number | null
}

export interface EngineInfo {
  endpoint: EndpointSummary
  name: string
  engineVersion: string
  /** API version the daemon speaks at most. */
  daemonApiVersion: string
  /** API version every request is pinned to. */
  apiVersion: string
  minApiVersion: string | null
  os: string
  osType: string
  architecture: string
  kernelVersion: string
  storageDriver: string
  backingFilesystem: string | null
  dataRoot: string
  cpus: number
  memoryBytes: number
  images: number
  containers: { total: number; running: number; paused: number; stopped: number }
  /** True when the engine is Podman's Docker-compatible service. */
  podman: boolean
}

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
  /** Sum of the sizes of the image's layers. */
  size: number
  /** Bytes of layers (chain IDs) that another listed image also uses, as `docker system df -v` counts. */
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

export type LayerFileType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'char' | 'block' | 'fifo'

/** One path a layer adds, modifies or removes. */
export interface FileChangeView {
  path: string
  kind: 'added' | 'modified' | 'removed'
  type: LayerFileType
  size: number
  mode: number
  uid: number
  gid: number
  link: string | null
  /**
   * Modified files only: true when the bytes equal the copy it hides (a chmod, a
   * touch, an identical rewrite), false when they differ; null when not compared
   * (not a file on both sides). Compared by a 64-bit digest of the whole content.
   */
  sameContent: boolean | null
}

export interface LayerAnalysis {
  index: number
  diffId: string
  chainId: string
  createdBy: string
  /** Bytes of regular files the layer stores. */
  size: number
  added: number
  modified: number
  removed: number
  addedBytes: number
  modifiedBytes: number
  removedBytes: number
  /** Of `modified`, the files stored again with the same bytes (see FileChangeView.sameContent). */
  modifiedSameContent: number
  /** Present when the analysis was asked for file lists. */
  files?: FileChangeView[]
}

export interface ImageAnalysis {
  image: ImageRef
  layers: LayerAnalysis[]
  /** Bytes of regular files stored across all layers. */
  totalBytes: number
  wastedBytes: number
  efficiency: number
  /** The paths wasting most, largest first, with the layers holding their copies. */
  wasted: { path: string; bytes: number; layers: number[] }[]
  /** The same image as dive measures it, for `.dive-ci` rules (electron/core/layers/dive-figures.ts). */
  dive: DiveFigures
}

/**
 * dive's figures, reproduced: a rewritten or removed path counts all its copies as
 * wasted, sizes come from tar headers, and content is never compared. Strata's own
 * figures above are exact; these exist so a pipeline moving from dive keeps its verdicts.
 */
export interface DiveFigures {
  /** dive's efficiency score: per path, the smallest size seen over the sum of the sizes seen. */
  efficiency: number
  /** Every size seen of every path that more than one layer touches (the smallest copy included). */
  wastedBytes: number
  /** The layers' sizes summed: each the sum of its tar entries' header sizes. */
  sizeBytes: number
  /** sizeBytes without the first layer's. */
  userSizeBytes: number
  /** wastedBytes / userSizeBytes; null when userSizeBytes is 0 (dive then divides by zero). */
  wastedUserPercent: number | null
  /** The inefficient paths, largest first (at most 50): dive's "Inefficient Files". */
  inefficiencies: { path: string; count: number; bytes: number }[]
}

/** One entry of a folder listing in the files view. */
export interface TreeEntry {
  name: string
  path: string
  type: LayerFileType
  /** A file's bytes; a folder's bytes of every file below it. */
  size: number
  mode: number
  uid: number
  gid: number
  link: string | null
  /** What the selected layer did to this path; null when it did nothing. */
  change: 'added' | 'modified' | 'removed' | null
  /** For a modified file: whether its bytes equal the copy it hides (null when not compared). */
  sameContent: boolean | null
  /** Folders only: how many entries it holds. */
  childCount: number
  /** The layer whose copy is visible. */
  layer: number
}

export interface TreeListing {
  imageId: string
  layer: number
  path: string
  entries: TreeEntry[]
  /** Paths of the whole filesystem as of the layer that the layer left as they were (the count on the Files tab's "unchanged" filter). */
  unchanged: number
}

export interface FileContent {
  path: string
  /** The layer the content was read from. */
  layer: number
  size: number
  /** UTF-8 text, up to the cap; null for binary content. */
  text: string | null
  /** Hex dump of the first bytes, for binary content. */
  hexHead: string | null
  truncated: boolean
}

export interface ImageDiff {
  a: ImageRef
  b: ImageRef
  /** Layers (chain IDs) both images hold, bottom first. */
  sharedLayers: { index: number; chainId: string; size: number }[]
  added: FileChangeView[]
  changed: FileChangeView[]
  removed: FileChangeView[]
}

/** A stable key for a blocker, so a confirmation names exactly what was shown. */
export function blockerKey(blocker: Blocker): string {
  return `${blocker.kind}:${blocker.id}:${blocker.name}`
}

export interface ContainerPort {
  privatePort: number
  /** Null when the port is exposed but not published on the host. */
  publicPort: number | null
  protocol: string
  /** Host address it is published on; null when not published. */
  ip: string | null
}

export interface ContainerRemoved {
  removed: true
  id: string
}

/**
 * One path of GET /containers/{id}/changes. Every folder above a changed path is
 * listed too: added when the container made it, modified when the image has it
 * (even if only its contents changed; the layer analysis of the committed image
 * reports such a folder only when its own mode or owner changed).
 */
export interface ContainerChange {
  /** Absolute, as the engine names it: /app/new.txt */
  path: string
  kind: 'modified' | 'added' | 'deleted'
}

export interface ContainerChanges {
  containerId: string
  /** Sorted by path. */
  changes: ContainerChange[]
  counts: { added: number; modified: number; deleted: number }
}

/** HEALTHCHECK for a commit: `test` is the command in exec form; `{ none: true }` disables a check the image has. */
export type HealthcheckChange =
  | { test: string[]; intervalSeconds?: number; timeoutSeconds?: number; startPeriodSeconds?: number; retries?: number }
  | { none: true }

/** The Dockerfile instructions a commit applies to the container's config, as fields. Absent fields keep the container's value. */
export interface CommitChanges {
  /** CMD, exec form. Setting entrypoint without cmd clears the command, as a Dockerfile ENTRYPOINT does. */
  cmd?: string[]
  entrypoint?: string[]
  /** "KEY=value"; replaces a variable of the same name in place, appends others. */
  env?: string[]
  /** "80", "80/tcp", "53/udp", "9/sctp"; added to the exposed ports. */
  expose?: string[]
  /** Merged over the container's labels. */
  labels?: Record<string, string>
  user?: string
  /** Absolute path. */
  workdir?: string
  /** Absolute paths, added to the volumes. */
  volumes?: string[]
  /** SIGTERM, TERM or a number. */
  stopSignal?: string
  healthcheck?: HealthcheckChange
  /** Trigger instructions appended to ONBUILD, e.g. "RUN make"; ONBUILD, FROM and MAINTAINER are not allowed. */
  onbuild?: string[]
}

export interface HealthcheckView {
  /** As the engine stores it: ["CMD", ...], ["CMD-SHELL", "..."] or ["NONE"]. */
  test: string[]
  intervalSeconds: number | null
  timeoutSeconds: number | null
  startPeriodSeconds: number | null
  retries: number | null
}

/** The part of a container's (or image's) config a commit can change. */
export interface CommitConfig extends ImageConfigView {
  healthcheck: HealthcheckView | null
  onBuild: string[]
}

/** The image a tag names now. */
export interface TagOwner {
  id: string
  tags: string[]
}

export interface CommitPreview {
  /** The container's config now. */
  config: CommitConfig
  /** The new image's config after the changes. */
  result: CommitConfig
  /** The changes as Dockerfile lines, as `docker commit --change` takes them. */
  changeLines: string[]
  /** The image the requested repository:tag names now; committing moves the tag away from it. */
  tagOwner: TagOwner | null
}

export interface CommitResult {
  id: string
  repoTags: string[]
  /** The image the container was created from. */
  parentId: string
  /** The image that held the tag before, when moveTag moved it. */
  previousTagOwner: TagOwner | null
}

export type CleanupItemKind = 'container' | 'image' | 'build-cache'

/** Why an item is in a cleanup plan. */
export type CleanupReason = 'dangling' | 'unused' | 'stopped-container' | 'build-cache'

/** One thing a cleanup removes, in the order it is removed. */
export interface CleanupItem {
  /** `${kind}:${id}`: what a confirmation names. */
  key: string
  kind: CleanupItemKind
  id: string
  /** An image's tags, a container's names, a cache entry's description. */
  names: string[]
  reason: CleanupReason
  /** Keys of items removed earlier in the plan that make this one removable: its containers, child images, child cache entries. */
  after: string[]
  /** An image's size (all its layers), a container's writable layer, a cache entry's size. */
  size: number
  /** What this step frees; for an image, its layers that no image or container left after the step holds. */
  bytesFreed: number
  /** ISO 8601: when it was created (a cache entry: last used); null when unknown. */
  created: string | null
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

/** A candidate the options matched that the plan keeps, and why. */
export interface CleanupKept {
  key: string
  kind: CleanupItemKind
  id: string
  names: string[]
  reason: CleanupKeepReason
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
  /** Image layers: what the engine's LayersSize drops by. */
  layers: number
  /** Writable layers of removed containers. */
  containers: number
  buildCache: number
}

export interface DiskMapTotals extends CleanupBytes {
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
}

/** Where layer-bytes figures come from: the engine's LayersSize, or Strata's sum over the layers of the images the engine lists. */
export type LayersBytesSource = 'engine' | 'images'

export interface CleanupReport {
  /** What the fresh plan, restricted to the confirmed items, predicted. */
  predictedBytes: number
  /**
   * Measured: LayersSize before minus after, plus the cache's SpaceReclaimed, plus removed
   * containers' writable layers. Null when the engine stopped answering before the after figure.
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

/** As CleanupBytes; the layers figure is null when it could not be measured after the cleanup. */
export interface CleanupFreedBytes extends Omit<CleanupBytes, 'layers'> {
  layers: number | null
}

/** Whether a layer's content is on disk already: a local image holds the same chain ID; unknown without the image config. */
export type LayerPresence = 'present' | 'absent' | 'unknown'

/** One layer of a platform's manifest in a registry. */
export interface RemoteLayer {
  /** Digest of the compressed blob, as the registry stores it. */
  digest: string
  mediaType: string
  compressedSize: number
  /** From the image config's rootfs.diff_ids; null when the config could not be read. */
  diffId: string | null
  chainId: string | null
  local: LayerPresence
}

/** One image of a remote index (or the one image a plain manifest names). */
export interface RemotePlatform extends Platform {
  osVersion: string | null
  /** Digest of the platform's image manifest. */
  digest: string
  mediaType: string
  configDigest: string | null
  /** Sum of the compressed layer sizes. */
  compressedSize: number
  layers: RemoteLayer[]
  /** A local image is exactly this one (same config digest, or same manifest digest on a containerd store): a pull downloads nothing. */
  presentLocally: boolean
  localImageId: string | null
  /** Compressed bytes of the layers no local image holds: what a pull downloads at least; null when unknown. */
  downloadSize: number | null
  /**
   * Compressed bytes of layers whose content is on disk but which the engine may still download:
   * it recognises a blob only by the compressed digest it saw when it pulled or pushed that layer.
   */
  uncertainSize: number
}

/** What a remote reference names, read without pulling. */
export interface RemoteImage {
  /** The reference as the engine stores it, e.g. 127.0.0.1:5000/multi/busybox:1 */
  reference: string
  /** The registry as the engine names it (docker.io for Docker Hub). */
  registry: string
  repository: string
  tag: string | null
  mediaType: string
  digest: string
  /** True when the reference names an index (OCI image index or Docker manifest list). */
  isIndex: boolean
  platforms: RemotePlatform[]
  /** Index entries that are no runnable image (attestations, signatures). */
  otherManifests: number
  /** What the engine's GET /distribution answered with the same credentials; null when it could not, with why. */
  engine: { digest: string; platforms: Platform[] } | null
  engineError: string | null
}

export type TransferLayerStatus = 'waiting' | 'downloading' | 'verifying' | 'extracting' | 'uploading' | 'loading' | 'done' | 'exists' | 'mounted'

/** One layer of a pull, push or load as the engine reports it. */
export interface TransferLayer {
  /** The short ID the engine names the layer by (12 hex digits of its blob or diff digest). */
  id: string
  status: TransferLayerStatus
  /** The engine's own words, e.g. "Pull complete", "Layer already exists". */
  message: string
  current: number | null
  total: number | null
}

export interface PulledImage {
  /** What was pulled: the tag, or repository@digest for one platform of an index. */
  reference: string
  id: string
  platform: Platform
  repoTags: string[]
  repoDigests: string[]
  /** The engine had it all already. */
  upToDate: boolean
  layers: TransferLayer[]
  /** Compressed bytes the engine reported downloading. */
  downloadedBytes: number
}

export interface PullResult {
  reference: string
  /** The digest the engine resolved the reference to (the index's, for a multi-platform tag). */
  digest: string | null
  images: PulledImage[]
  downloadedBytes: number
}

export interface PushResult {
  reference: string
  /** Digest of the manifest the registry stored. */
  digest: string
  /** Bytes of that manifest. */
  size: number
  layers: TransferLayer[]
  uploadedBytes: number
}

export interface TagResult {
  id: string
  tag: string
  /** The image the tag named before, when it named another one. */
  previousOwner: string | null
}

export interface SaveResult {
  path: string
  bytes: number
  images: ImageRef[]
}

export interface LoadResult {
  /** The engine's "Loaded image" lines: tags, or IDs for untagged images. */
  loaded: string[]
  images: ImageRef[]
}

export interface LoginResult {
  registry: string
  /** The key the credentials are stored under, as the docker CLI would write it. */
  serverAddress: string
  username: string
  /** "config.json" (base64 in auths) or the docker-credential-* helper's name. */
  storedIn: string
  configPath: string
  /** The engine's answer to POST /auth. */
  status: string
}

export interface LogoutResult {
  registry: string
  serverAddress: string
  /** Where credentials were removed from; empty when there were none. */
  removedFrom: string[]
}

/** A digest a local image was pulled or pushed as, and what the registry says it stands for. */
export interface LocalManifestList {
  /** repository@digest */
  reference: string
  mediaType: string | null
  isIndex: boolean
  platforms: { platform: Platform; digest: string; local: boolean; localImageId: string | null }[]
  /** Why the registry could not be asked; null when it answered. */
  error: string | null
}

export interface LocalPlatforms {
  imageId: string
  platform: Platform
  /** engine: GET /images/{id}/json?manifests=1 (API 1.47+); registry: the repo digests looked up in their registries. */
  source: 'engine' | 'registry'
  manifests: LocalManifestList[]
}

/** Strata's own settings, shared by the app, `strata serve` and the command line. */
export interface StrataSettings {
  /** Image IDs (or references) a cleanup never removes, as the user pinned them. */
  pinnedImages: string[]
  /** Engines the user saved by name, in the order saved. */
  engines: SavedEngine[]
  /** The engine the app and `strata serve` open at start (settings.json's engineHost); null follows the docker CLI's order. */
  defaultEngineHost: string | null
  /** The TLS files of the default engine when it is a tcp:// engine given its own (settings.json's engineTls). */
  defaultEngineTls: EngineTls | null
  theme: ThemeChoice
  /** The interface language; 'system' follows the OS's preferred languages. */
  language: LanguageChoice
  /** The app's sidebar: 'auto' is expanded on wide windows and icons only on narrow ones; the other two are the user's choice. */
  sidebar: SidebarChoice
  /** The cache folder's size cap in bytes; null uses the built-in cap of the layer cache. */
  cacheCapBytes: number | null
  /** os/arch[/variant] the pull form starts with; null: the engine's own platform. */
  defaultPullPlatform: string | null
  /** settings.json could not be used as it was: what happened and where the old text is. */
  problem: SettingsProblem | null
}

export type ThemeChoice = 'system' | 'light' | 'dark'

export type LanguageChoice = 'system' | 'en' | 'zh-CN'

export type SidebarChoice = 'auto' | 'expanded' | 'collapsed'

export interface SavedEngine {
  name: string
  /** As engines.use takes it: unix://, npipe://, tcp://, ssh://. */
  host: string
  /** A tcp:// engine's own TLS files; null uses DOCKER_TLS_VERIFY and DOCKER_CERT_PATH as the docker CLI does. */
  tls: EngineTls | null
}

/**
 * TLS for one tcp:// engine, as files on the machine Strata's core runs on (the
 * docker CLI's --tlscacert, --tlscert, --tlskey). `verify: false` still speaks TLS
 * and sends the client certificate, but accepts any server certificate
 * (DOCKER_TLS without DOCKER_TLS_VERIFY); it is a per-engine choice of the user.
 */
export interface EngineTls {
  ca: string | null
  cert: string | null
  key: string | null
  verify: boolean
}

export interface SettingsProblem {
  /** corrupt: not a JSON object (defaults shown, set aside at the next change); unreadable: cannot be read at all (changes refused); kept-aside: an earlier broken file was moved to keptAs. */
  kind: 'corrupt' | 'unreadable' | 'kept-aside'
  file: string
  /** Where the broken text is (or will be, at the next change) kept. */
  keptAs: string | null
  message: string
}

export interface CachePartUsage {
  bytes: number
  files: number
}

export interface CacheUsage {
  /** The cache folder; null when this core keeps its cache in memory only. */
  dir: string | null
  bytes: number
  files: number
  parts: { images: CachePartUsage; layers: CachePartUsage }
  capBytes: number | null
}

export interface CacheClearResult {
  dir: string | null
  freedBytes: number
  removedFiles: number
  usage: CacheUsage
}

/** A port published by containers.run: containerPort/protocol inside, hostIp:hostPort outside (an absent hostPort lets the engine choose). */
export interface RunPort {
  hostIp?: string | undefined
  hostPort?: number | undefined
  containerPort: number
  protocol: 'tcp' | 'udp' | 'sctp'
}

/** A host folder or file (absolute source) or a named volume, mounted at an absolute target, as `docker run -v` takes them. */
export type RunMount =
  | { type: 'bind'; source: string; target: string; readOnly: boolean }
  | { type: 'volume'; name: string; target: string; readOnly: boolean }

export type RestartPolicyName = 'no' | 'always' | 'unless-stopped' | 'on-failure'

export interface RunRestartPolicy {
  name: RestartPolicyName
  /** Only with on-failure; absent means retry forever. */
  maxRetries?: number | undefined
}

/** What containers.run makes: the fields of `docker run` Strata offers. Absent fields keep the image's value or the engine's default. */
export interface RunRequest {
  image: string
  name?: string | undefined
  cmd?: string[] | undefined
  /** null clears the image's entrypoint (docker run --entrypoint ''). */
  entrypoint?: string[] | null | undefined
  /** "KEY=value" */
  env?: string[] | undefined
  ports?: RunPort[] | undefined
  mounts?: RunMount[] | undefined
  workingDir?: string | undefined
  user?: string | undefined
  labels?: Record<string, string> | undefined
  restart?: RunRestartPolicy | undefined
  /** bridge, host, none, container:<name|id> or a network's name. */
  networkMode?: string | undefined
  tty?: boolean | undefined
  /** Keeps stdin open (docker run -i). */
  interactive?: boolean | undefined
  /** Removed by the engine when it stops (docker run --rm). */
  autoRemove?: boolean | undefined
  /** Start after create; true unless false. */
  start?: boolean | undefined
}

export interface RunResult {
  /** The new container as the list shows it, read after it started (or after create when not started). */
  container: ContainerSummary
  started: boolean
  /** What the engine warned about when creating it, and what Strata noticed (a container removed at once by autoRemove). */
  warnings: string[]
}
