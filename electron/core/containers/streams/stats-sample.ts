import type { StatsSample } from '../../../../shared/streams'

/** The parts of one GET /containers/{id}/stats answer that docker stats reads. */
export interface EngineStats {
  read?: string
  cpu_stats?: CpuStats
  precpu_stats?: CpuStats
  memory_stats?: { usage?: number; limit?: number; stats?: Record<string, number | undefined> }
  networks?: Record<string, { rx_bytes?: number; tx_bytes?: number } | undefined>
  blkio_stats?: { io_service_bytes_recursive?: { op?: string; value?: number }[] | null }
  pids_stats?: { current?: number }
}

interface CpuStats {
  cpu_usage?: { total_usage?: number; percpu_usage?: number[] | null }
  system_cpu_usage?: number
  online_cpus?: number
}

/**
 * One sample as the docker CLI's stats columns compute it: CPU against the engine's
 * previous reading (precpu_stats), memory without the page cache (inactive_file,
 * total_inactive_file on cgroup v1), network and block I/O summed over devices.
 */
export function statsSample(stats: EngineStats): StatsSample {
  const cpu = stats.cpu_stats
  const previous = stats.precpu_stats
  const onlineCpus = cpu?.online_cpus ?? cpu?.cpu_usage?.percpu_usage?.length ?? 0
  let cpuPercent: number | null = null
  // The first answer of a stream has no previous reading: there is nothing to compare with yet.
  if ((previous?.system_cpu_usage ?? 0) > 0 && cpu?.system_cpu_usage !== undefined) {
    const cpuDelta = (cpu.cpu_usage?.total_usage ?? 0) - (previous?.cpu_usage?.total_usage ?? 0)
    const systemDelta = cpu.system_cpu_usage - (previous?.system_cpu_usage ?? 0)
    cpuPercent = systemDelta > 0 && cpuDelta > 0 ? (cpuDelta / systemDelta) * onlineCpus * 100 : 0
  }
  let networkRxBytes = 0
  let networkTxBytes = 0
  for (const network of Object.values(stats.networks ?? {})) {
    networkRxBytes += network?.rx_bytes ?? 0
    networkTxBytes += network?.tx_bytes ?? 0
  }
  let blockReadBytes = 0
  let blockWriteBytes = 0
  for (const entry of stats.blkio_stats?.io_service_bytes_recursive ?? []) {
    const op = (entry.op ?? '').toLowerCase()
    if (op === 'read') blockReadBytes += entry.value ?? 0
    if (op === 'write') blockWriteBytes += entry.value ?? 0
  }
  return {
    read: stats.read ?? new Date(0).toISOString(),
    cpuPercent,
    onlineCpus,
    memoryBytes: memoryWithoutCache(stats.memory_stats),
    memoryLimitBytes: stats.memory_stats?.limit ?? 0,
    networkRxBytes,
    networkTxBytes,
    blockReadBytes,
    blockWriteBytes,
    pids: stats.pids_stats?.current ?? 0,
  }
}

function memoryWithoutCache(memory: EngineStats['memory_stats']): number {
  const usage = memory?.usage ?? 0
  const cgroupV1 = memory?.stats?.total_inactive_file
  if (cgroupV1 !== undefined && cgroupV1 < usage) return usage - cgroupV1
  const cgroupV2 = memory?.stats?.inactive_file
  if (cgroupV2 !== undefined && cgroupV2 < usage) return usage - cgroupV2
  return usage
}
