import type { ContainerdImageSizes, ContainerRef, ContainerSummary, ImageFamily, ImageSummary } from '../../../shared/types'
import type { ManifestSummaryWire } from './manifests'
import type { InspectData } from './image-data'

/** An entry of GET /images/json (top-level images: tagged, or untagged without children). */
export interface ImageListEntry {
  Id: string
  RepoTags?: string[] | null
  RepoDigests?: string[] | null
  Created: number
  Size: number
  ParentId?: string
  Labels?: Record<string, string> | null
  /** Only with ?manifests=1 (API 1.47+, asked of the containerd store alone). */
  Manifests?: ManifestSummaryWire[] | null
}

// Some engine versions report untagged images as "<none>:<none>".
export function realTags(tags: readonly string[] | null | undefined): string[] {
  return (tags ?? []).filter((tag) => tag !== '<none>:<none>')
}

export function realDigests(digests: readonly string[] | null | undefined): string[] {
  return (digests ?? []).filter((digest) => digest !== '<none>@<none>')
}

const BARE_ID = /^[0-9a-f]{64}$/

/**
 * An image ID as Docker writes it (sha256:<hex>). Podman's compatibility API leaves the
 * prefix off ParentId and /system/df image IDs, so comparisons would silently never match.
 * Null for the empty string an engine sends for "no parent".
 */
export function imageIdOf(raw: string | null | undefined): string | null {
  if (raw === undefined || raw === null || raw === '') return null
  return BARE_ID.test(raw) ? `sha256:${raw}` : raw
}

const RUNNING_STATES = new Set(['running', 'paused', 'restarting'])

/** The engine treats paused and restarting containers as running when deciding what blocks a delete. */
export function isRunningState(state: string): boolean {
  return RUNNING_STATES.has(state)
}

export function containerRef(container: ContainerSummary): ContainerRef {
  return { id: container.id, name: container.names[0] ?? container.id.slice(0, 12), state: container.state }
}

export interface SummaryInput {
  entry: ImageListEntry
  data: InspectData
  sharedSize: number
  containers: readonly ContainerSummary[]
  family: ImageFamily
  /** Containerd store figures; when given, shared/unique come from them (blobs and snapshots) instead of sharedSize. */
  store?: ContainerdImageSizes
}

export function composeSummary({ entry, data, sharedSize, containers, family, store }: SummaryInput): ImageSummary {
  const repoTags = realTags(entry.RepoTags)
  const running: ContainerRef[] = []
  const stopped: ContainerRef[] = []
  for (const container of containers) (isRunningState(container.state) ? running : stopped).push(containerRef(container))
  const shared = store !== undefined ? store.unpacked.shared + store.content.shared : sharedSize
  const summary: ImageSummary = {
    id: entry.Id,
    repoTags,
    repoDigests: realDigests(entry.RepoDigests),
    created: new Date(entry.Created * 1000).toISOString(),
    size: entry.Size,
    sharedSize: shared,
    uniqueSize: entry.Size - shared,
    platform: data.platform,
    parentId: imageIdOf(entry.ParentId),
    family,
    dangling: repoTags.length === 0,
    labels: entry.Labels ?? data.config.labels,
    containers: { running, stopped },
  }
  if (store !== undefined) summary.store = store
  return summary
}
