/** Where Up/Down/PageUp/PageDown/Home/End move the focus in a list of `count` rows; undefined for other keys. */
export function listMoveTarget(key: string, index: number, count: number, pageSize: number): number | undefined {
  const last = count - 1
  switch (key) {
    case 'ArrowDown':
      return Math.min(last, index + 1)
    case 'ArrowUp':
      return Math.max(0, index - 1)
    case 'PageDown':
      return Math.min(last, index + pageSize)
    case 'PageUp':
      return Math.max(0, index - pageSize)
    case 'Home':
      return 0
    case 'End':
      return last
    default:
      return undefined
  }
}
