import type { LayerFileType } from '../../shared/types'

const TYPE_LETTER: Record<LayerFileType, string> = {
  file: '-',
  hardlink: '-',
  dir: 'd',
  symlink: 'l',
  char: 'c',
  block: 'b',
  fifo: 'p',
}

/** One rwx triplet; `special` is the setuid/setgid/sticky bit that replaces the x letter. */
function triplet(mode: number, shift: number, special: boolean, set: string): string {
  const read = (mode >> shift) & 4 ? 'r' : '-'
  const write = (mode >> shift) & 2 ? 'w' : '-'
  const execute = ((mode >> shift) & 1) !== 0
  const last = special ? (execute ? set : set.toUpperCase()) : execute ? 'x' : '-'
  return `${read}${write}${last}`
}

/**
 * The permission string `ls -l` prints, e.g. `-rwsr-xr-x`, `drwxrwxrwt`, `lrwxrwxrwx`.
 * Linux ignores a symlink's own mode and always shows it as rwxrwxrwx.
 */
export function modeString(mode: number, type: LayerFileType): string {
  const bits = type === 'symlink' ? 0o777 : mode & 0o7777
  return (
    TYPE_LETTER[type] +
    triplet(bits, 6, (bits & 0o4000) !== 0, 's') +
    triplet(bits, 3, (bits & 0o2000) !== 0, 's') +
    triplet(bits, 0, (bits & 0o1000) !== 0, 't')
  )
}
