import { dirname } from 'node:path'
import { StrataError } from '../../../shared/errors'

/** The errno name of a Node file-system error, or null for anything else. */
export function errnoOf(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) ? code : null
}

/**
 * What a failed write means, said about the file the user named. Without this, an
 * ENOSPC met while a layer streams reads as a broken image, and an EACCES or ENOENT
 * reaches engineError, which takes them for the Docker socket.
 */
export function destinationError(destination: string, error: unknown): StrataError {
  if (error instanceof StrataError) return error
  const cause = errnoOf(error) ?? 'unknown'
  const detail = { path: destination, cause }
  const folder = dirname(destination)
  switch (cause) {
    case 'ENOSPC':
      return new StrataError('INVALID_INPUT', `No space left for ${destination}: its disk is full; nothing was written.`, detail)
    case 'EDQUOT':
      return new StrataError('INVALID_INPUT', `No space left for ${destination}: the disk quota is used up; nothing was written.`, detail)
    case 'EFBIG':
      return new StrataError('INVALID_INPUT', `${destination} would be larger than its file system allows; nothing was written.`, detail)
    case 'EROFS':
      return new StrataError('PERMISSION_DENIED', `Cannot write ${destination}: ${folder} is on a read-only file system; nothing was written.`, detail)
    case 'EACCES':
    case 'EPERM':
      return new StrataError('PERMISSION_DENIED', `Cannot write ${destination}: permission denied in ${folder}; nothing was written.`, detail)
    case 'ENOENT':
      return new StrataError('INVALID_INPUT', `Cannot write ${destination}: the folder ${folder} does not exist.`, detail)
    case 'ENOTDIR':
      return new StrataError('INVALID_INPUT', `Cannot write ${destination}: ${folder} is not a folder.`, detail)
    case 'EISDIR':
      return new StrataError('INVALID_INPUT', `Cannot write ${destination}: it is a folder; name a file.`, detail)
    default: {
      const message = error instanceof Error ? error.message : String(error)
      return new StrataError('INVALID_INPUT', `Cannot write ${destination}: ${message}`, detail)
    }
  }
}

/** What a failed open or read of a file the user named means, said about that file. */
export function sourceError(source: string, error: unknown): StrataError {
  if (error instanceof StrataError) return error
  const cause = errnoOf(error) ?? 'unknown'
  const detail = { path: source, cause }
  switch (cause) {
    case 'ENOENT':
      return new StrataError('NOT_FOUND', `There is no file ${source}.`, detail)
    case 'ENOTDIR':
      return new StrataError('NOT_FOUND', `There is no file ${source}: a folder on the way is a file.`, detail)
    case 'EACCES':
    case 'EPERM':
      return new StrataError('PERMISSION_DENIED', `Cannot read ${source}: permission denied.`, detail)
    case 'EISDIR':
      return new StrataError('INVALID_INPUT', `${source} is a folder, not an image archive.`, detail)
    // A socket cannot be opened as a file.
    case 'ENXIO':
    case 'EOPNOTSUPP':
      return new StrataError('INVALID_INPUT', `${source} is not a regular file.`, detail)
    default: {
      const message = error instanceof Error ? error.message : String(error)
      return new StrataError('INVALID_INPUT', `Cannot read ${source}: ${message}`, detail)
    }
  }
}
