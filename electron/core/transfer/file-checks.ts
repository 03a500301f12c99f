import { constants, type Stats } from 'node:fs'
import { lstat, open, stat, type FileHandle } from 'node:fs/promises'
import { dirname, isAbsolute } from 'node:path'
import { failure } from '../../../shared/errors'
import { filePathIssue } from '../../../shared/file-path'
import { problem, type Problem, type ProblemId } from '../../../shared/problems'
import { destinationError, sourceError } from './file-errors'

/** The contract checks paths already; this holds for callers that skip it (extractFile) and for the core's own platform rules. */
export function requireAbsolute(path: string): void {
  const found = pathProblem(path)
  if (found !== null) throw failure('INVALID_INPUT', found, { path })
}

/** What filePathIssue finds, as a problem, and a path absolute elsewhere but not here (a Windows path on Linux). */
export function pathProblem(path: string): Problem | null {
  if (filePathIssue(path) === null) return isAbsolute(path) ? null : problem('transfer.pathNotAbsoluteHere', { path })
  if (path === '') return problem('transfer.pathEmpty')
  if (path.includes('\0')) return problem('transfer.pathNul')
  return problem('transfer.pathRelative', { path })
}

/** Neither a file nor a folder: what it is, for the detail, and its problem when it stands where a file should be written or read. */
interface SpecialKind {
  kind: string
  destination: ProblemId
  source: ProblemId
}

function specialKindOf(stats: Stats): SpecialKind {
  if (stats.isCharacterDevice()) return { kind: 'character device', destination: 'transfer.destinationCharacterDevice', source: 'transfer.sourceCharacterDevice' }
  if (stats.isBlockDevice()) return { kind: 'block device', destination: 'transfer.destinationBlockDevice', source: 'transfer.sourceBlockDevice' }
  if (stats.isFIFO()) return { kind: 'named pipe (FIFO)', destination: 'transfer.destinationFifo', source: 'transfer.sourceFifo' }
  if (stats.isSocket()) return { kind: 'socket', destination: 'transfer.destinationSocket', source: 'transfer.sourceSocket' }
  return { kind: 'special file', destination: 'transfer.destinationSpecial', source: 'transfer.sourceSpecial' }
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
  const special = specialKindOf(existing)
  throw failure('INVALID_INPUT', problem(special.destination, { path: destination }), { path: destination, kind: special.kind })
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
    if (stats.isDirectory()) throw failure('INVALID_INPUT', problem('transfer.sourceIsFolder', { path }), { path, kind: 'folder' })
    if (!stats.isFile()) {
      const special = specialKindOf(stats)
      throw failure('INVALID_INPUT', problem(special.source, { path }), { path, kind: special.kind })
    }
    return { handle, size: stats.size }
  } catch (error) {
    await handle.close()
    throw sourceError(path, error)
  }
}
