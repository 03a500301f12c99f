import type { LayerFileType } from '../../../shared/types'

/** One entry of a layer tar, as Strata keeps it (the body is never kept). */
export type FileType = LayerFileType

export interface LayerEntry {
  /** Normalized: no leading "./" or "/", no trailing "/". */
  path: string
  type: FileType
  size: number
  /** Permission bits including setuid, setgid and sticky, never the file-type bits (see PERMISSION_BITS). */
  mode: number
  uid: number
  gid: number
  /** Target of a symlink or hardlink. */
  link: string | null
  /**
   * A 30-bit hash of a regular file's content (ContentHash), for files up to
   * DIGEST_MAX_BYTES; NO_DIGEST for larger files and everything else. With the
   * size, enough to tell a rewritten file from a byte-identical copy of the same
   * path. A small integer on purpose: V8 keeps it inside the entry, where a
   * 48-bit number or a null-then-number field cost ~100 bytes per entry at peak.
   */
  digest: number
}

export const NO_DIGEST = -1

/** The part of a tar mode Strata keeps and shows: the type is `type`, so 0o40755 and 0o755 are one folder mode. */
export const PERMISSION_BITS = 0o7777

/** A layer's file index: its entries, and the whiteouts that remove lower content. */
export interface LayerFiles {
  entries: LayerEntry[]
  /** Paths a `.wh.<name>` entry removes. */
  whiteouts: string[]
  /** Folders a `.wh..wh..opq` entry makes opaque: everything below them in lower layers is hidden. */
  opaqueDirs: string[]
  /** Bytes of the uncompressed tar stream. */
  tarBytes: number
}

/** A file body caught while a layer streamed by (for reading one file without unpacking). */
export interface CapturedFile {
  path: string
  size: number
  /** The first bytes, up to the cap (empty when written to a file). */
  bytes: Buffer
  truncated: boolean
  /** Where the whole body was written, when the capture asked for a file. */
  file: string | null
}

export interface Capture {
  path: string
  maxBytes: number
  /** Write the whole body to a new file instead (each layer holding the path gets its own). */
  toFile?: () => string
  /**
   * What a failure to write that file means to the caller, who knows which destination
   * the temporary file stands for; without it the temporary file is named.
   */
  writeFailure?: (error: unknown) => Error
}
