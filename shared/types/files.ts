/** Layer and image analysis: file changes, efficiency figures, layer trees, file contents, image diffs. Part of the contract's data shapes (shared/types.ts re-exports it). */
import type { ImageAdvice } from '../advice'
import type { ImageRef } from './images'

export type LayerFileType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'char' | 'block' | 'fifo'

/** What a tar header says of a path, as both a layer's changes and a folder listing show it. */
export interface FileStat {
  type: LayerFileType
  size: number
  mode: number
  uid: number
  gid: number
  link: string | null
}

/** One path a layer adds, modifies or removes. */
export interface FileChangeView extends FileStat {
  path: string
  kind: 'added' | 'modified' | 'removed'
  /**
   * Modified files only: true when the bytes equal the copy it hides (a chmod, a
   * touch, an identical rewrite), false when they differ; null when not compared
   * (not a file on both sides). Compared by a 64-bit digest of the whole content.
   */
  sameContent: boolean | null
}

/** How many paths a layer adds, modifies and removes, and the bytes of each. */
export interface LayerChangeCounts {
  added: number
  modified: number
  removed: number
  addedBytes: number
  modifiedBytes: number
  removedBytes: number
  /** Of `modified`, the files stored again with the same bytes (a chmod, touch or identical rewrite; see FileChangeView.sameContent). */
  modifiedSameContent: number
}

export interface LayerAnalysis extends LayerChangeCounts {
  index: number
  diffId: string
  chainId: string
  createdBy: string
  /** Bytes of regular files the layer stores. */
  size: number
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

/** What an archive on disk says about itself, beside the analysis of the image it holds. */
export interface ArchiveFacts {
  path: string
  /** The file's size on disk (compressed, when it is). */
  bytes: number
  /** Every image reference the archive names (RepoTags of manifest.json, or the OCI index's names). */
  references: string[]
  /** How many images the archive holds; the first (or the one for the platform) is analyzed. */
  images: number
}

/** layers.analyzeArchive: the analysis of an archive's image, which no engine holds. */
export interface ArchiveAnalysis extends ImageAnalysis {
  archive: ArchiveFacts
  /** The advisor's findings on the same read (acrossImages null: an archive has no neighbours). */
  advice: ImageAdvice
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
export interface TreeEntry extends FileStat {
  name: string
  path: string
  /** A file's bytes; a folder's bytes of every file below it. */
  size: number
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
