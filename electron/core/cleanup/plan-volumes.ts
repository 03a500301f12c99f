import type { CleanupOptions } from '../../../shared/cleanup-input'
import type { Blocker, CleanupKept } from '../../../shared/types'
import { filtersOf, hasKeepLabel, matchesFilters } from './filters'
import { isStopped, itemKey, type CleanupSnapshot, type SnapshotContainer, type SnapshotVolume } from './snapshot'

export interface VolumePlan {
  volumes: SnapshotVolume[]
  /** Item key -> keys of the planned containers that mount it and must go first. */
  after: ReadonlyMap<string, string[]>
  kept: CleanupKept[]
}

function blockerOf(container: SnapshotContainer): Blocker {
  const running = !isStopped(container)
  // The engine refuses to remove a volume any container mounts, forced or not.
  return { kind: running ? 'running-container' : 'stopped-container', id: container.id, name: container.names[0] ?? container.id.slice(0, 12), state: container.state, remedy: running ? 'stop-and-remove' : 'remove-container', forceOverrides: false }
}

/**
 * Volumes a cleanup removes: only when asked for (their data is not rebuilt by a
 * pull), and only those no container of any state mounts once the plan's own
 * containers are gone. The age and label filters narrow them as `docker volume
 * prune` does; pins name images, so they do not apply, but the strata.keep label does.
 * `removedContainers` are the containers the same plan removes before the volumes.
 */
export function planVolumes(snapshot: CleanupSnapshot, options: CleanupOptions, removedContainers: ReadonlySet<string>, allow: ReadonlySet<string> | null): VolumePlan {
  if (!options.volumes) return { volumes: [], after: new Map(), kept: [] }
  const filters = filtersOf(options)
  const containers = new Map(snapshot.containers.map((container) => [container.id, container]))
  const planned: SnapshotVolume[] = []
  const after = new Map<string, string[]>()
  const kept: CleanupKept[] = []
  for (const volume of snapshot.volumes) {
    if (!matchesFilters(volume.labels, volume.created, filters)) continue
    const key = itemKey('volume', volume.name)
    const keep = (reason: CleanupKept['reason'], blockers: Blocker[] = []): void => {
      kept.push({ key, kind: 'volume', id: volume.name, names: [volume.name], reason, rule: null, blockers })
    }
    if (hasKeepLabel(volume.labels)) {
      keep('keep-label')
      continue
    }
    const staying = volume.mountedBy.filter((id) => !removedContainers.has(id)).flatMap((id) => containers.get(id) ?? [])
    if (staying.length > 0) keep(staying.some((container) => !isStopped(container)) ? 'running-container' : 'stopped-container', staying.map(blockerOf))
    // The engine counts users Strata cannot see (another engine's containers, a swarm task): one of those keeps it too.
    else if (volume.refCount > volume.mountedBy.length) keep('stopped-container')
    else if (allow === null || allow.has(key)) {
      planned.push(volume)
      after.set(key, volume.mountedBy.map((id) => itemKey('container', id)))
    }
  }
  return { volumes: planned, after, kept }
}
