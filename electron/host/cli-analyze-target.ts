import { statSync } from 'node:fs'
import { resolve } from 'node:path'
import { StrataError } from '../../shared/errors'
import { checkObjectRef } from '../../shared/object-ref'

/** What `strata analyze` was given: an archive on disk, or an image the engine holds. */
export type AnalyzeTarget = { kind: 'file'; path: string } | { kind: 'image'; ref: string }

// Names only a path has: no image reference starts with '/', '.', '~' or a drive, or holds a backslash.
const PATH_START = /^(?:\/|\.{1,2}(?:[\\/]|$)|~(?:[\\/]|$)|[A-Za-z]:[\\/])|\\/
// `image.tar` is also a valid repository name; nobody names an image so and means it.
const ARCHIVE_SUFFIX = /\.(?:tar|tgz|tar\.gz|tar\.zst|tar\.zstd|tar\.xz|oci)$/i

/**
 * Decides before any engine is asked: an argument that can only be a path, and is no
 * file, is a missing file (not an image the engine does not have, nor an engine that
 * does not answer).
 */
export function analyzeTarget(argument: string, cwd: string = process.cwd()): AnalyzeTarget {
  const path = resolve(cwd, argument)
  let found: ReturnType<typeof statSync> | undefined
  try {
    found = statSync(path, { throwIfNoEntry: false })
  } catch (error) {
    // Not a folder on the way, no permission: the argument was a path all the same.
    throw new StrataError('INVALID_INPUT', `Cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`)
  }
  if (found?.isFile() === true) return { kind: 'file', path }
  if (found?.isDirectory() === true && PATH_START.test(argument)) {
    throw new StrataError('INVALID_INPUT', `${path} is a folder; analyze reads an image archive file (docker save output or an OCI layout tar) or an image reference`)
  }
  if (found === undefined) {
    const pathLike = PATH_START.test(argument) || ARCHIVE_SUFFIX.test(argument)
    const notReference = pathLike ? null : checkObjectRef(argument)
    if (pathLike || notReference !== null) {
      // Said only of what could have been meant as an image.
      const why = notReference === null ? '' : ` (and it is not an image reference: ${notReference})`
      throw new StrataError('NOT_FOUND', `No such file: ${path}${why}`, { path })
    }
  }
  return { kind: 'image', ref: argument }
}
