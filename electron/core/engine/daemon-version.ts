/**
 * What the unversioned GET /version answers. Kept apart from connection.ts (which
 * loads dockerode) so that discovery can read it without loading the engine client.
 */
export interface DaemonVersion {
  Version: string
  ApiVersion: string
  MinAPIVersion?: string
  Os: string
  Arch: string
  KernelVersion?: string
  Components?: { Name: string; Version: string }[]
}

/** Podman's Docker-compatible service names itself among the components of GET /version. */
export function isPodman(daemon: DaemonVersion): boolean {
  return daemon.Components?.some((component) => /podman/i.test(component.Name)) ?? false
}
