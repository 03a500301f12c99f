/**
 * Whether a path names one place whatever the working folder: POSIX `/…`, or on
 * Windows a drive (`C:\…`, `C:/…`) or a UNC share (`\\server\share…`). The core
 * runs where the user's files are but not where the caller typed the path (a
 * browser tab, the CLI in another folder), so a relative path would silently
 * mean "relative to wherever the core was started".
 */
export function isAbsoluteFilePath(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || /^\\\\[^\\]+\\[^\\]+/.test(path)
}

/** Why a path cannot be used as a file on the core's machine; null when it can. */
export function filePathIssue(path: string): string | null {
  if (path === '') return 'a file path is needed'
  if (path.includes('\0')) return 'a file path holds no NUL character'
  if (!isAbsoluteFilePath(path)) return `"${path}" is relative; give the full path (such as /home/you/image.tar), since a relative one would be read from the folder Strata was started in`
  return null
}
