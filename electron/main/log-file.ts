import { appendFileSync, renameSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { inspect } from 'node:util'
import { makeFolderSync } from '../core/fs/make-folder'

/** One log file of the app's own, kept small: the current file and a few older ones. */
export interface LogFile {
  readonly folder: string
  readonly path: string
  write(level: 'info' | 'warn' | 'error', message: string, detail?: unknown): void
}

export interface LogFileOptions {
  /** Rotates once the current file passes this size. */
  maxBytes?: number
  /** Older files kept beside the current one (strata.1.log is the newest of them). */
  keep?: number
  now?: () => Date
}

function describe(detail: unknown): string {
  if (detail === undefined) return ''
  // Errors keep their stack in the file: the log is for finding out what happened, not for users to read.
  return ` ${detail instanceof Error ? (detail.stack ?? detail.message) : inspect(detail, { depth: 4, breakLength: Infinity })}`
}

/**
 * A log in `folder` (Electron's logs folder: ~/.config/strata/logs, ~/Library/Logs/Strata,
 * %APPDATA%\strata\logs). Writing never throws: a log that cannot be written costs the
 * line, never the app.
 */
export function openLogFile(folder: string, options: LogFileOptions = {}): LogFile {
  const maxBytes = options.maxBytes ?? 1024 * 1024
  const keep = options.keep ?? 3
  const now = options.now ?? (() => new Date())
  const path = join(folder, 'strata.log')
  const older = (index: number): string => join(folder, `strata.${String(index)}.log`)
  let folderMade = false

  function rotateIfFull(): void {
    let size: number
    try {
      size = statSync(path).size
    } catch {
      return
    }
    if (size < maxBytes) return
    rmSync(older(keep), { force: true })
    for (let index = keep - 1; index >= 1; index -= 1) {
      try {
        renameSync(older(index), older(index + 1))
      } catch {
        // That generation does not exist yet.
      }
    }
    renameSync(path, older(1))
  }

  return {
    folder,
    path,
    write(level, message, detail) {
      try {
        if (!folderMade) makeFolderSync(folder)
        folderMade = true
        rotateIfFull()
        appendFileSync(path, `${now().toISOString()} ${level.toUpperCase().padEnd(5)} ${message}${describe(detail)}\n`)
      } catch {
        // Nowhere left to report it: the line is lost, the app goes on.
      }
    },
  }
}
