import type { ImageRef } from './types'

/**
 * Why bytes could be recovered. Wasted bytes are stored by a layer and hidden by a
 * later one (they cost space and are never seen); removable bytes are visible in
 * the final image but are left-overs of a known kind; duplicate bytes are the same
 * content at several paths.
 */
export type AdviceCause =
  /** Stored, then deleted by a later layer (a whiteout). */
  | 'removed-later'
  /** Stored, then replaced with different bytes by a later layer. */
  | 'overwritten-later'
  /** Stored again with the very same bytes: a chmod, chown or touch copied the file up. */
  | 'restored-same-bytes'
  /** Hidden by a later layer that made its folder opaque (rm -rf then mkdir in one RUN). */
  | 'hidden-by-opaque'
  /** Package-manager indexes and caches left in the image. */
  | 'package-cache'
  /** Compiled Python bytecode (__pycache__, .pyc, .pyo). */
  | 'python-bytecode'
  /** Documentation, man and info pages. */
  | 'docs'
  /** The same bytes at several paths of the final image. */
  | 'duplicate-content'

export type AdviceKind = 'wasted' | 'removable' | 'duplicate'

export const ADVICE_KIND: Record<AdviceCause, AdviceKind> = {
  'removed-later': 'wasted',
  'overwritten-later': 'wasted',
  'restored-same-bytes': 'wasted',
  'hidden-by-opaque': 'wasted',
  'package-cache': 'removable',
  'python-bytecode': 'removable',
  docs: 'removable',
  'duplicate-content': 'duplicate',
}

/** The kinds of package-manager left-overs the advisor knows, each with its usual fix. */
export type PackageCache = 'apt-lists' | 'apt-archives' | 'apk-cache' | 'dnf-yum-cache' | 'pip-cache' | 'npm-cache' | 'yarn-cache' | 'go-build-cache' | 'go-module-cache'

/** A layer, named by its index (bottom 0) and the instruction that made it. */
export interface AdviceLayer {
  index: number
  createdBy: string
}

export interface AdvicePath {
  path: string
  bytes: number
  /** The layer that stored these bytes. */
  layer: number
  /** For duplicate content: the path whose bytes this one repeats (the one kept). */
  copyOf?: string
}

/** One change to the Dockerfile, and what it would give back. */
export interface AdviceFinding {
  cause: AdviceCause
  kind: AdviceKind
  /** For package-cache: which manager's left-overs. */
  cache?: PackageCache
  /** Bytes the remedy recovers. */
  bytes: number
  files: number
  /** The layers whose instructions stored the bytes, bottom first. */
  storedBy: AdviceLayer[]
  /** The layer that hid them, for wasted bytes. */
  hiddenBy: AdviceLayer | null
  /** The largest paths involved, largest first (at most ADVICE_PATHS). */
  paths: AdvicePath[]
}

export const ADVICE_PATHS = 20

export interface AdviceCauseTotal {
  cause: AdviceCause
  kind: AdviceKind
  bytes: number
  files: number
}

/** Content this image stores that another local image also stores, in layers the two do not share. */
export interface SharedContentFinding {
  image: ImageRef
  /** What a common base holding this content once would save on the engine's disk. */
  bytes: number
  files: number
  /** This image's layers that store the content (none of them shared with the other image). */
  layers: AdviceLayer[]
  /** The largest, with where the other image keeps the same bytes. */
  paths: { path: string; bytes: number; layer: number; otherPath: string }[]
}

export interface AcrossImages {
  /** Other local images compared: those whose layers Strata has read already (no export is made for this). */
  compared: number
  /** Other local images not compared: their layers have not been read yet. */
  notRead: number
  /** One per other image, largest first (at most ACROSS_IMAGES_FINDINGS). */
  findings: SharedContentFinding[]
}

export const ACROSS_IMAGES_FINDINGS = 10

/** What an image could give back, and how. */
export interface ImageAdvice {
  image: ImageRef
  /** Bytes of regular files stored across all layers, what the recoverable bytes are a share of. */
  totalBytes: number
  /** Every finding's bytes: wasted, removable and duplicate (no byte is counted twice). */
  recoverableBytes: number
  byCause: AdviceCauseTotal[]
  /** Largest first. */
  findings: AdviceFinding[]
  /** The three changes that would save the most (the first findings). */
  top: AdviceFinding[]
  /**
   * Candidates for a common base: not part of recoverableBytes (they are bytes of
   * other images too). Null for an archive on disk, which has no neighbours.
   */
  acrossImages: AcrossImages | null
}
