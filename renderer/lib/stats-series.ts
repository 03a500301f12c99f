import type { StatsSample } from '../../shared/streams'

/** How many samples the charts keep: a minute at the engine's one per second. */
export const SERIES_LENGTH = 60

/** One point of the charts: the sample's own figures, and byte counters turned into rates. */
export interface StatsPoint {
  at: number
  cpuPercent: number
  memoryBytes: number
  memoryPercent: number
  networkRxPerSecond: number
  networkTxPerSecond: number
  blockReadPerSecond: number
  blockWritePerSecond: number
}

/** Appends a sample to the series (oldest dropped past SERIES_LENGTH), rates taken against the sample before it. */
export function addSample(series: readonly StatsPoint[], previous: StatsSample | null, sample: StatsSample): StatsPoint[] {
  const at = Date.parse(sample.read)
  const seconds = previous === null ? 0 : (at - Date.parse(previous.read)) / 1000
  // A counter that went down (the container restarted) starts a new count: no rate across it.
  const rate = (now: number, before: number | undefined): number => (seconds > 0 && before !== undefined && now >= before ? (now - before) / seconds : 0)
  const point: StatsPoint = {
    at,
    cpuPercent: sample.cpuPercent ?? 0,
    memoryBytes: sample.memoryBytes,
    memoryPercent: sample.memoryLimitBytes > 0 ? (sample.memoryBytes / sample.memoryLimitBytes) * 100 : 0,
    networkRxPerSecond: rate(sample.networkRxBytes, previous?.networkRxBytes),
    networkTxPerSecond: rate(sample.networkTxBytes, previous?.networkTxBytes),
    blockReadPerSecond: rate(sample.blockReadBytes, previous?.blockReadBytes),
    blockWritePerSecond: rate(sample.blockWriteBytes, previous?.blockWriteBytes),
  }
  return [...series, point].slice(-SERIES_LENGTH)
}

/**
 * An SVG polyline's points for values drawn in a width x height box, newest at the right
 * edge; `ceiling` is the top of the scale (at least the largest value, so nothing is cut).
 */
export function sparklinePoints(values: readonly number[], width: number, height: number, ceiling = 0): string {
  if (values.length === 0) return ''
  const top = Math.max(ceiling, ...values, Number.EPSILON)
  const step = width / (SERIES_LENGTH - 1)
  const start = width - step * (values.length - 1)
  return values.map((value, index) => `${round(start + step * index)},${round(height - (Math.max(0, value) / top) * height)}`).join(' ')
}

function round(value: number): string {
  return String(Math.round(value * 10) / 10)
}

/** "12.5 %" for CPU, where 100 % is one CPU busy (docker stats' scale). */
export function formatPercent(value: number | null): string {
  if (value === null) return '–'
  return `${value >= 10 ? value.toFixed(1) : value.toFixed(2)} %`
}
