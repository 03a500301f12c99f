/** Where a file path typed into Strata lives: the core reads and writes it, not the page. */
export function pathWhere(desktop: boolean): string {
  return desktop ? 'on this computer' : 'on the machine `strata serve` runs on, not the one this browser runs on'
}

/** What a path field refuses before asking the core; null when it may be sent. */
export function pathProblem(path: string): string | null {
  if (path.trim() === '') return 'Give the path of a file.'
  if (path.includes('\0')) return 'A path holds no NUL character.'
  return null
}
