import { dirname } from 'node:path'
import { StrataError, failure } from '../../../shared/errors'
import { problem } from '../../../shared/problems'

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
      return failure('INVALID_INPUT', problem('transfer.diskFull', { path: destination }), detail)
    case 'EDQUOT':
      return failure('INVALID_INPUT', problem('transfer.quotaFull', { path: destination }), detail)
    case 'EFBIG':
      return failure('INVALID_INPUT', problem('transfer.fileTooLarge', { path: destination }), detail)
    case 'EROFS':
      return failure('PERMISSION_DENIED', problem('transfer.readOnly', { path: destination, folder }), detail)
    case 'EACCES':
    case 'EPERM':
      return failure('PERMISSION_DENIED', problem('transfer.writeDenied', { path: destination, folder }), detail)
    case 'ENOENT':
      return failure('INVALID_INPUT', problem('transfer.folderMissing', { path: destination, folder }), detail)
    case 'ENOTDIR':
      return failure('INVALID_INPUT', problem('transfer.folderNotFolder', { path: destination, folder }), detail)
    case 'EISDIR':
      return failure('INVALID_INPUT', problem('transfer.destinationIsFolder', { path: destination }), detail)
    default: {
      const message = error instanceof Error ? error.message : String(error)
      return failure('INVALID_INPUT', problem('transfer.writeFailed', { path: destination, reason: message }), detail)
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
      return failure('NOT_FOUND', problem('transfer.sourceMissing', { path: source }), detail)
    case 'ENOTDIR':
      return failure('NOT_FOUND', problem('transfer.sourceFolderOnWay', { path: source }), detail)
    case 'EACCES':
    case 'EPERM':
      return failure('PERMISSION_DENIED', problem('transfer.readDenied', { path: source }), detail)
    case 'EISDIR':
      return failure('INVALID_INPUT', problem('transfer.sourceIsFolder', { path: source }), detail)
    // A socket cannot be opened as a file.
    case 'ENXIO':
    case 'EOPNOTSUPP':
      return failure('INVALID_INPUT', problem('transfer.sourceNotRegular', { path: source }), detail)
    default: {
      const message = error instanceof Error ? error.message : String(error)
      return failure('INVALID_INPUT', problem('transfer.readFailed', { path: source, reason: message }), detail)
    }
  }
}
