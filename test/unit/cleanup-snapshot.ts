import { cleanupOptions, type CleanupOptions } from '../../shared/cleanup-input'
import type { ContainerStateName } from '../../shared/types'
import { isAnonymousVolume, type CleanupSnapshot, type SnapshotCacheEntry, type SnapshotContainer, type SnapshotImage, type SnapshotVolume } from '../../electron/core/cleanup/snapshot'

/** Crafted engine states for the cleanup planner's unit tests. */

export const DAY = 86_400_000
export const NOW = Date.parse('2025-06-01T00:00:00Z')

export interface ImageSpec {
  tags?: string[]
  digests?: string[]
  parent?: string
  chains: string[]
  labels?: Record<string, string>
  /** Days before NOW. */
  age?: number
  listed?: boolean
}

export function image(id: string, spec: ImageSpec, sizes: ReadonlyMap<string, number>): SnapshotImage {
  return {
    id,
    repoTags: spec.tags ?? [],
    repoDigests: spec.digests ?? [],
    parentId: spec.parent ?? null,
    created: NOW - (spec.age ?? 1) * DAY,
    size: spec.chains.reduce((sum, chain) => sum + (sizes.get(chain) ?? 0), 0),
    labels: spec.labels ?? {},
    chains: spec.chains,
    listed: spec.listed ?? true,
  }
}

export function container(id: string, imageId: string, state: ContainerStateName = 'exited', extra: Partial<SnapshotContainer> = {}): SnapshotContainer {
  return { id, names: [`name-${id}`], imageId, state, created: NOW - DAY, labels: {}, sizeRw: 0, volumes: [], ...extra }
}

export function cacheEntry(id: string, size: number, extra: Partial<SnapshotCacheEntry> = {}): SnapshotCacheEntry {
  return { id, parents: [], type: 'regular', description: `entry ${id}`, inUse: false, shared: false, size, createdAt: '2025-05-01T00:00:00Z', lastUsedAt: '2025-05-20T00:00:00Z', ...extra }
}

/** A volume the given containers mount; refCount follows them unless given. */
export function volume(name: string, size: number, mountedBy: SnapshotContainer[] = [], extra: Partial<SnapshotVolume> = {}): SnapshotVolume {
  return { name, driver: 'local', labels: {}, created: NOW - DAY, size, refCount: mountedBy.length, mountedBy: mountedBy.map((one) => one.id), anonymous: isAnonymousVolume(name, extra.labels ?? {}), ...extra }
}

export interface World {
  sizes: Record<string, number>
  images: Record<string, ImageSpec>
  containers?: SnapshotContainer[]
  buildCache?: SnapshotCacheEntry[]
  volumes?: SnapshotVolume[]
  pinned?: string[]
}

export function snapshotOf(world: World): CleanupSnapshot {
  const sizes = new Map(Object.entries(world.sizes))
  const images = Object.entries(world.images).map(([id, spec]) => image(id, spec, sizes))
  const listedChains = images.filter((one) => one.listed).flatMap((one) => one.chains)
  return {
    images,
    containers: world.containers ?? [],
    buildCache: world.buildCache ?? [],
    volumes: world.volumes ?? [],
    chainSizes: sizes,
    layersSize: [...new Set(listedChains)].reduce((sum, chain) => sum + (sizes.get(chain) ?? 0), 0),
    layersSource: 'engine',
    pinned: new Set(world.pinned ?? []),
    pinsNotFound: [],
    readAt: NOW,
  }
}

export function options(input: Record<string, unknown>): CleanupOptions {
  return cleanupOptions.parse(input)
}
