/** Pure presentation helpers both the renderer and the command line use. */

const BYTE_UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'] as const

/**
 * Decimal units, as the docker CLI prints sizes (1 MB = 1,000,000 bytes). `digits` writes
 * the number with that many decimals: the CLI's own by default, a locale's in the interface.
 */
export function formatBytes(bytes: number, digits: (value: number, fractionDigits: number) => string = (value, fractionDigits) => value.toFixed(fractionDigits)): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—'
  let value = bytes
  let unit = 0
  while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000
    unit += 1
  }
  const fractionDigits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2
  return `${digits(value, fractionDigits)} ${BYTE_UNITS[unit] ?? 'B'}`
}

/** The 12 hex digits the docker CLI shows for an ID, without the algorithm prefix. */
export function shortId(id: string): string {
  const hex = id.startsWith('sha256:') ? id.slice('sha256:'.length) : id
  return hex.slice(0, 12)
}

/** Compares dotted API versions such as "1.41" and "1.47". */
export function compareApiVersions(a: string, b: string): number {
  const pa = a.split('.').map((part) => Number.parseInt(part, 10))
  const pb = b.split('.').map((part) => Number.parseInt(part, 10))
  for (let index = 0; index < Math.max(pa.length, pb.length); index += 1) {
    const difference = (pa[index] ?? 0) - (pb[index] ?? 0)
    if (difference !== 0) return difference < 0 ? -1 : 1
  }
  return 0
}

/** "3 minutes ago", as the docker CLI words ages. */
export function formatAge(iso: string, now: Date): string {
  const seconds = Math.max(0, Math.round((now.getTime() - new Date(iso).getTime()) / 1000))
  const steps: [number, string][] = [
    [60 * 60 * 24 * 365, 'year'],
    [60 * 60 * 24 * 30, 'month'],
    [60 * 60 * 24 * 7, 'week'],
    [60 * 60 * 24, 'day'],
    [60 * 60, 'hour'],
    [60, 'minute'],
  ]
  for (const [size, unit] of steps) {
    const count = Math.floor(seconds / size)
    if (count >= 1) return `${count} ${unit}${count === 1 ? '' : 's'} ago`
  }
  return seconds < 5 ? 'just now' : `${seconds} seconds ago`
}

/** "1 image", "3 images". */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`
}

/** Names a layer-bytes figure by where it came from: Podman reports no total, so Strata sums the layers of the images it lists. */
export function layersFigureName(source: 'engine' | 'images'): string {
  return source === 'engine' ? 'engine layers' : 'layers of the images listed'
}
