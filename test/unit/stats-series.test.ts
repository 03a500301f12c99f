import { describe, expect, it } from 'vitest'
import { SERIES_LENGTH, addSample, formatPercent, sparklinePoints } from '../../renderer/lib/stats-series'
import type { StatsSample } from '../../shared/streams'

function sample(second: number, extra: Partial<StatsSample> = {}): StatsSample {
  return {
    read: new Date(Date.UTC(2026, 11, 4, 10, 0, second)).toISOString(),
    cpuPercent: 50,
    onlineCpus: 2,
    memoryBytes: 250,
    memoryLimitBytes: 1000,
    networkRxBytes: 1000 * second,
    networkTxBytes: 10 * second,
    blockReadBytes: 0,
    blockWriteBytes: 4096 * second,
    pids: 3,
    ...extra,
  }
}

describe('the stats series', () => {
  it('turns byte counters into rates over the time between samples, and keeps one minute', () => {
    const first = addSample([], null, sample(0))
    expect(first[0]).toMatchObject({ cpuPercent: 50, memoryPercent: 25, networkRxPerSecond: 0 })
    const second = addSample(first, sample(0), sample(2))
    expect(second[1]).toMatchObject({ networkRxPerSecond: 1000, networkTxPerSecond: 10, blockWritePerSecond: 4096, blockReadPerSecond: 0 })
    // A restarted container's counters start again from zero: no negative rate.
    expect(addSample(second, sample(2), sample(3, { networkRxBytes: 5 }))[2]?.networkRxPerSecond).toBe(0)
    let series = first
    let previous = sample(0)
    for (let second = 1; second <= SERIES_LENGTH + 5; second++) {
      series = addSample(series, previous, sample(second))
      previous = sample(second)
    }
    expect(series).toHaveLength(SERIES_LENGTH)
    expect(series.at(-1)?.at).toBe(Date.parse(sample(SERIES_LENGTH + 5).read))
    expect(addSample([], null, sample(0, { cpuPercent: null, memoryLimitBytes: 0 }))[0]).toMatchObject({ cpuPercent: 0, memoryPercent: 0 })
  })

  it('draws the newest value at the right edge, scaled to the largest value or a given ceiling', () => {
    expect(sparklinePoints([], 118, 20)).toBe('')
    expect(sparklinePoints([0, 10], 118, 20)).toBe('116,20 118,0')
    expect(sparklinePoints([50], 118, 20, 100)).toBe('118,10')
    expect(sparklinePoints([-5, 0], 118, 20)).toBe('116,20 118,20')
  })

  it('writes CPU as docker stats does', () => {
    expect(formatPercent(null)).toBe('–')
    expect(formatPercent(0.0412)).toBe('0.04 %')
    expect(formatPercent(153.27)).toBe('153.3 %')
  })
})
