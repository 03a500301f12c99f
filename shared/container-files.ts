import type { TreeEntry } from './types'

/**
 * Where a path of a container's filesystem comes from: the read-only image layers
 * under it, or the container's own writable layer above them.
 * - image: untouched, the visible copy is in an image layer
 * - added: made in the container, the image has no such path
 * - copied-up: the image has it and the container changed it (copy-on-write: the
 *   writable layer holds its own copy now; a folder is copied up when anything below it changes)
 * - deleted: the image has it and the container removed it
 */
export type ContainerFileOrigin = 'image' | 'added' | 'copied-up' | 'deleted'

export interface ContainerFileEntry extends TreeEntry {
  origin: ContainerFileOrigin
  /** The image layer holding the copy the image shows (untouched, copied up or deleted); null for an added path. */
  imageLayer: number | null
  /**
   * Where type, mode, size and link were read: the image's copy, the container's
   * own (its writable layer, stat'ed by the engine), or neither when too many
   * changed paths share a folder to read them all (see the listing's `unread`).
   * A folder's size is the image's bytes below it for an untouched folder, 0 otherwise.
   */
  metadataFrom: 'image' | 'container' | null
  /** False for a path the container wrote: the engine's stat names no owner, so uid and gid are 0 and mean nothing. */
  ownerKnown: boolean
}

/** Changed entries of one folder whose metadata is read from the engine (one HEAD request each, ~4 ms); the rest show none. */
export const CONTAINER_FILES_STAT_LIMIT = 400

export interface ContainerFileListing {
  containerId: string
  imageId: string
  path: string
  entries: ContainerFileEntry[]
  /** The instruction that made each image layer, bottom first; the writable layer is index `layers.length`. */
  layers: string[]
  /** Changed entries of this folder whose metadata was not read (over the per-folder cap). */
  unread: number
}
