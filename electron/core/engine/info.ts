import type { EngineInfo } from '../../../shared/types'
import type { EngineConnection } from './connection'
import { isPodman } from './daemon-version'
import { summarizeEndpoint } from './endpoint'
import { imageStoreOf } from './image-store'

interface DaemonInfo {
  Name?: string
  ServerVersion?: string
  OperatingSystem?: string
  OSType?: string
  Architecture?: string
  KernelVersion?: string
  Driver?: string
  DriverStatus?: [string, string][] | null
  DockerRootDir?: string
  NCPU?: number
  MemTotal?: number
  Images?: number
  Containers?: number
  ContainersRunning?: number
  ContainersPaused?: number
  ContainersStopped?: number
}

export function backingFilesystemOf(driverStatus: [string, string][] | null | undefined): string | null {
  const entry = driverStatus?.find(([key]) => key === 'Backing Filesystem')
  return entry?.[1] ?? null
}

export async function getEngineInfo(connection: EngineConnection): Promise<EngineInfo> {
  const info = (await connection.docker.info()) as DaemonInfo
  const daemon = connection.daemon
  const podman = isPodman(daemon)
  const store = imageStoreOf(info.Driver, info.DriverStatus)
  return {
    endpoint: summarizeEndpoint(connection.endpoint),
    name: info.Name ?? '',
    engineVersion: daemon.Version,
    daemonApiVersion: daemon.ApiVersion,
    apiVersion: connection.apiVersion,
    minApiVersion: daemon.MinAPIVersion ?? null,
    os: info.OperatingSystem ?? daemon.Os,
    osType: info.OSType ?? daemon.Os,
    architecture: info.Architecture ?? daemon.Arch,
    kernelVersion: info.KernelVersion ?? daemon.KernelVersion ?? '',
    storageDriver: info.Driver ?? 'unknown',
    backingFilesystem: backingFilesystemOf(info.DriverStatus),
    imageStore: store.kind,
    snapshotter: store.snapshotter,
    dataRoot: info.DockerRootDir ?? '',
    cpus: info.NCPU ?? 0,
    memoryBytes: info.MemTotal ?? 0,
    images: info.Images ?? 0,
    containers: {
      total: info.Containers ?? 0,
      running: info.ContainersRunning ?? 0,
      paused: info.ContainersPaused ?? 0,
      stopped: info.ContainersStopped ?? 0,
    },
    podman,
  }
}
