import { readdir, stat } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import type { ContainerLogSize, LogSizeReason } from '../../../shared/types'

/** What a container's inspect says of its log, the only part of it this domain reads. */
export interface LogSource {
  id: string
  /** HostConfig.LogConfig.Type; '' when the engine did not say. */
  driver: string
  /** HostConfig.LogConfig.Config: the container's --log-opt, with the daemon's log-opts merged in when it was created. */
  options: Record<string, string>
  /** LogPath from inspect: json-file (and Podman's k8s-file) only, and empty until the container first starts. */
  logPath: string
}

/** Drivers that keep the log in files on the engine's host; the others send it away (journald, syslog, fluentd…) or keep none. */
const FILE_DRIVERS = new Set(['json-file', 'local', 'k8s-file'])

export function isFileDriver(driver: string): boolean {
  return FILE_DRIVERS.has(driver)
}

/**
 * The file the driver writes now; rotated copies sit beside it. json-file and k8s-file say
 * theirs in LogPath; local keeps it at <DockerRootDir>/containers/<id>/local-logs/container.log,
 * which inspect does not report. Null when there is no file to look for.
 */
export function activeLogFile(source: LogSource, dataRoot: string | null): string | null {
  if (source.driver === 'local') return dataRoot === null || dataRoot === '' ? null : join(dataRoot, 'containers', source.id, 'local-logs', 'container.log')
  if (source.driver === 'json-file') {
    if (source.logPath !== '') return source.logPath
    // Not started yet: the engine sets LogPath on the first start, at this place.
    return dataRoot === null || dataRoot === '' ? null : join(dataRoot, 'containers', source.id, `${source.id}-json.log`)
  }
  if (source.driver === 'k8s-file' && source.logPath !== '') return source.logPath
  return null
}

/** `name` is the active log file or one of its rotations: name.1, name.2 … and name.N.gz when compressed. */
export function isLogFileName(active: string, name: string): boolean {
  if (name === active) return true
  if (!name.startsWith(`${active}.`)) return false
  return /^\d+(\.gz)?$/.test(name.slice(active.length + 1))
}

/** The driver's rotation as it will apply it: the engine's defaults filled in where the options say nothing. */
export function rotationOf(driver: string, options: Readonly<Record<string, string>>): Pick<ContainerLogSize, 'maxSize' | 'maxFile' | 'compress' | 'unbounded'> {
  const maxSize = options['max-size']
  const maxFile = options['max-file']
  const fileCount = maxFile === undefined ? null : Number.parseInt(maxFile, 10)
  if (driver === 'local') {
    // The local driver always rotates: 20 MB x 5 files, compressed, unless told otherwise.
    return { maxSize: maxSize ?? '20m', maxFile: Number.isFinite(fileCount) && fileCount !== null ? fileCount : 5, compress: options.compress !== 'false', unbounded: false }
  }
  if (driver === 'json-file') {
    // "-1" is json-file's own "no limit".
    const limited = maxSize !== undefined && maxSize !== '' && maxSize !== '-1'
    return {
      maxSize: limited ? maxSize : null,
      maxFile: limited ? (Number.isFinite(fileCount) && fileCount !== null ? fileCount : 1) : null,
      compress: limited && options.compress === 'true',
      unbounded: !limited,
    }
  }
  if (driver === 'k8s-file') {
    // Podman caps the one file in place (log_size_max); it keeps no rotated copies.
    return { maxSize: maxSize ?? null, maxFile: null, compress: false, unbounded: false }
  }
  return { maxSize: null, maxFile: null, compress: false, unbounded: false }
}

function reasonOf(error: unknown): LogSizeReason {
  const code = (error as { code?: unknown } | null)?.code
  return code === 'EACCES' || code === 'EPERM' ? 'no-permission' : 'not-found'
}

/**
 * The bytes the log takes on disk: the active file and its rotations, found by listing the
 * folder and stat'ing each; no file is ever opened (the engine writes them, Strata never
 * truncates them). A folder that is there with no log in it is a container that logged nothing.
 */
export async function measureLogFiles(active: string): Promise<{ bytes: number; files: number } | { reason: LogSizeReason }> {
  const folder = dirname(active)
  const name = basename(active)
  let names: string[]
  try {
    names = await readdir(folder)
  } catch (error) {
    return { reason: reasonOf(error) }
  }
  let bytes = 0
  let files = 0
  for (const entry of names.filter((candidate) => isLogFileName(name, candidate))) {
    try {
      const info = await stat(join(folder, entry))
      if (!info.isFile()) continue
      bytes += info.size
      files += 1
    } catch (error) {
      // A rotation can rename or delete a file between the listing and its stat.
      if (reasonOf(error) === 'no-permission') return { reason: 'no-permission' }
    }
  }
  return { bytes, files }
}

/** One container's log as the answer carries it, measured when `readable` allows. */
export async function logSizeOf(source: LogSource, dataRoot: string | null, notReadable: LogSizeReason | null): Promise<ContainerLogSize> {
  const base = { id: source.id, driver: source.driver, options: source.options, ...rotationOf(source.driver, source.options), bytes: null, files: 0 }
  if (!isFileDriver(source.driver)) return { ...base, reason: 'driver-not-file' }
  if (notReadable !== null) return { ...base, reason: notReadable }
  const active = activeLogFile(source, dataRoot)
  if (active === null) return { ...base, reason: 'not-found' }
  const measured = await measureLogFiles(active)
  return 'reason' in measured ? { ...base, reason: measured.reason } : { ...base, bytes: measured.bytes, files: measured.files, reason: null }
}
