import { describe, expect, it } from 'vitest'
import { statsSample, type EngineStats } from '../../electron/core/containers/streams/stats-sample'

const sample: EngineStats = {
  read: '2026-12-04T10:00:01Z',
  cpu_stats: { cpu_usage: { total_usage: 3_000_000_000 }, system_cpu_usage: 120_000_000_000, online_cpus: 4 },
  precpu_stats: { cpu_usage: { total_usage: 2_000_000_000 }, system_cpu_usage: 110_000_000_000, online_cpus: 4 },
  memory_stats: { usage: 50_000_000, limit: 1_000_000_000, stats: { inactive_file: 8_000_000 } },
  networks: { eth0: { rx_bytes: 1000, tx_bytes: 200 }, eth1: { rx_bytes: 24, tx_bytes: 6 } },
  blkio_stats: {
    io_service_bytes_recursive: [
      { op: 'read', value: 4096 },
      { op: 'write', value: 8192 },
      { op: 'Read', value: 4 },
      { op: 'Total', value: 99_999 },
    ],
  },
  pids_stats: { current: 7 },
}

describe('statsSample computes what docker stats shows', () => {
  it('CPU against the previous reading, memory without the page cache, network and block I/O summed', () => {
    // 1e9 ns of the container over 1e10 ns of the system, 4 CPUs: 40 % of one CPU.
    expect(statsSample(sample)).toEqual({
      read: '2026-12-04T10:00:01Z',
      cpuPercent: 40,
      onlineCpus: 4,
      memoryBytes: 42_000_000,
      memoryLimitBytes: 1_000_000_000,
      networkRxBytes: 1024,
      networkTxBytes: 206,
      blockReadBytes: 4100,
      blockWriteBytes: 8192,
      pids: 7,
    })
  })

  it('has no CPU figure for the first reading, takes cgroup v1 page cache first, and survives an empty answer', () => {
    expect(statsSample({ ...sample, precpu_stats: { cpu_usage: { total_usage: 0 }, system_cpu_usage: 0 } }).cpuPercent).toBeNull()
    expect(statsSample({ ...sample, memory_stats: { usage: 50, stats: { total_inactive_file: 20, inactive_file: 5 } } }).memoryBytes).toBe(30)
    expect(statsSample({ ...sample, memory_stats: { usage: 50, stats: { inactive_file: 80 } } }).memoryBytes).toBe(50)
    // Counts from percpu_usage when the engine does not say how many CPUs are online (API before 1.27).
    expect(statsSample({ ...sample, cpu_stats: { cpu_usage: { total_usage: 3_000_000_000, percpu_usage: [1, 2] }, system_cpu_usage: 120_000_000_000 } }).cpuPercent).toBe(20)
    expect(statsSample({})).toMatchObject({ cpuPercent: null, memoryBytes: 0, networkRxBytes: 0, pids: 0 })
  })
})
