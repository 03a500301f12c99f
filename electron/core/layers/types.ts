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
   * XXH64 of a regular file's whole content as 16 hex digits (content-hash.ts);
   * NO_DIGEST for everything else. With the size, enough to tell a rewritten file
   * from a byte-identical copy, and to find the same bytes at other paths and in
   * other images. A flat 16-character string costs 32 bytes per file and NO_DIGEST
   * is one shared string; numbers were no cheaper, as V8 keeps only 31-bit integers
   * inside the entry and boxes larger ones (a 48-bit one cost ~100 bytes at peak).
   */
  digest: string
}

/** No digest: '' so a missing digest never equals a real one. */
export const NO_DIGEST = ''

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
