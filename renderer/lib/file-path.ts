import { isAbsoluteFilePath } from '../../shared/file-path'

/** Where a file path typed into Strata lives: the core reads and writes it, not the page. */
export function pathWhere(desktop: boolean): string {
  return desktop ? 'on this computer' : 'on the machine `strata serve` runs on, not the one this browser runs on'
}

/** What a path field refuses before asking the core (which refuses the same); null when it may be sent. */
export function pathProblem(path: string): string | null {
  const trimmed = path.trim()
  if (trimmed === '') return 'Give the path of a file.'
  if (trimmed.includes('\0')) return 'A path holds no NUL character.'
  if (!isAbsoluteFilePath(trimmed)) return 'Give the full path, starting with / (or a drive such as C:\\ on Windows): a relative one would depend on where strata serve was started.'
  return null
}
