/** Registries: remote images and their layers, pull/push/tag/save/load/login results, local manifest lists. Part of the contract's data shapes (shared/types.ts re-exports it). */
import type { ImageRef, Platform } from './images'

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
