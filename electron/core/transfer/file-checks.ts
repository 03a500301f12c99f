import { constants, type Stats } from 'node:fs'
import { lstat, open, stat, type FileHandle } from 'node:fs/promises'
import { dirname, isAbsolute } from 'node:path'
import { StrataError } from '../../../shared/errors'
import { filePathIssue } from '../../../shared/file-path'
import { destinationError, sourceError } from './file-errors'

/** The contract checks paths already; this holds for callers that skip it (extractFile) and for the core's own platform rules. */
export function requireAbsolute(path: string): void {
  const issue = filePathIssue(path) ?? (isAbsolute(path) ? null : `"${path}" is not an absolute path on this machine`)
  if (issue !== null) throw new StrataError('INVALID_INPUT', `Not a usable file path: ${issue}.`, { path })
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'folder'
  if (stats.isCharacterDevice()) return 'character device'
  if (stats.isBlockDevice()) return 'block device'
  if (stats.isFIFO()) return 'named pipe (FIFO)'
  if (stats.isSocket()) return 'socket'
  if (stats.isSymbolicLink()) return 'symbolic link'
  return 'special file'
}

/**
 * Checks, before anything is fetched, that `destination` can become a file: an
 * absolute path in an existing folder, and not a folder or a device. A file or a
 * symbolic link there may be replaced: the final rename swaps the link itself and
 * never writes through it, so a link cannot steer the bytes somewhere else.
 */
export async function checkDestination(destination: string): Promise<void> {
  requireAbsolute(destination)
  const folder = dirname(destination)
  const folderStats = await stat(folder).catch((error: unknown) => {
    throw destinationError(destination, error)
  })
  if (!folderStats.isDirectory()) throw destinationError(destination, Object.assign(new Error('not a folder'), { code: 'ENOTDIR' }))
  const existing = await lstat(destination).catch((error: unknown) => {
    if ((error as { code?: unknown }).code === 'ENOENT') return null
    throw destinationError(destination, error)
  })
  if (existing === null || existing.isFile() || existing.isSymbolicLink()) return
  if (existing.isDirectory()) throw destinationError(destination, Object.assign(new Error('is a folder'), { code: 'EISDIR' }))
  throw new StrataError('INVALID_INPUT', `${destination} is a ${kindOf(existing)}, not a regular file; Strata replaces only files.`, { path: destination, kind: kindOf(existing) })
}

// Windows has no O_NONBLOCK; there a FIFO cannot be named by a path anyway.
const OPEN_FLAGS = constants.O_RDONLY | ((constants as { O_NONBLOCK?: number }).O_NONBLOCK ?? 0)

/**
 * Opens a file the user named for reading, and keeps it only if it is a regular
 * file. O_NONBLOCK makes opening a FIFO return at once instead of parking a libuv
 * thread until some writer appears; the type is read from the open descriptor
 * (fstat), so what is checked is what is read, whatever the path points at next.
 */
export async function openRegularFile(path: string): Promise<{ handle: FileHandle; size: number }> {
  requireAbsolute(path)
  const handle = await open(path, OPEN_FLAGS).catch((error: unknown) => {
    throw sourceError(path, error)
  })
  try {
    const stats = await handle.stat()
    if (stats.isDirectory()) throw new StrataError('INVALID_INPUT', `${path} is a folder, not an image archive.`, { path, kind: 'folder' })
    if (!stats.isFile()) throw new StrataError('INVALID_INPUT', `${path} is a ${kindOf(stats)}, not a regular file.`, { path, kind: kindOf(stats) })
    return { handle, size: stats.size }
  } catch (error) {
    await handle.close()
    throw sourceError(path, error)
  }
}
