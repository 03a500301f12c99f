import type { CleanupOptions } from '../../../shared/cleanup-input'
import type { RetentionImageVerdict, RetentionRule } from '../../../shared/retention-input'
import type { CleanupKeepReason, CleanupKept, CleanupReason, ContainerSummary } from '../../../shared/types'
import { FamilyIndex } from '../../../shared/image-family'
import { isUnused } from '../../../shared/image-use'
import { decidingRule, retentionVerdicts } from '../../../shared/retention'
import { blockersOf } from '../images/blockers'
import { filtersOf, hasKeepLabel, imageSelection, matchesFilters, selectsImages } from './filters'
import { imageNames, isStopped, itemKey, type CleanupSnapshot, type SnapshotContainer, type SnapshotImage } from './snapshot'

/** Which stopped containers and images a cleanup removes, and in what order. */
export interface ImagePlan {
  containers: SnapshotContainer[]
  /** Listed images to delete, each after everything built on it. */
  images: SnapshotImage[]
  /** Every image that goes: the planned ones and the hidden parents the engine deletes along with them. */
  deleted: ReadonlySet<string>
  /** Item key -> keys of the plan's items that must go first. */
  after: ReadonlyMap<string, string[]>
  kept: CleanupKept[]
  /** Why each planned image is in the plan, by ID, and the retention rule that dropped it. */
  reasons: ReadonlyMap<string, { reason: CleanupReason; rule: RetentionRule | null }>
  /** What the retention rules said of each listed image with tags; empty without rules. */
  retention: RetentionImageVerdict[]
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list === undefined) map.set(key, [value])
  else list.push(value)
}

/** Just enough of a container for the blockers model, which names what the engine would refuse a delete for. */
function asSummary(container: SnapshotContainer): ContainerSummary {
  return { id: container.id, names: container.names, image: '', imageId: container.imageId, command: '', created: new Date(container.created).toISOString(), state: container.state, status: '' }
}

/**
 * Plans the images and containers of a cleanup. An image goes only when nothing
 * left holds it: no container that stays, no child image that stays, and deleting
 * it would not take a protected hidden parent along (the engine deletes untagged
 * parents left without children). Removing planned containers and images can free
 * further images, so candidates are retried until nothing changes.
 * `allow`, when given, limits candidates to those item keys (a confirmed plan).
 */
export function planImages(snapshot: CleanupSnapshot, options: CleanupOptions, allow: ReadonlySet<string> | null): ImagePlan {
  const filters = filtersOf(options)
  const byId = new Map(snapshot.images.map((image) => [image.id, image]))
  const children = new Map<string, string[]>()
  for (const image of snapshot.images) if (image.parentId !== null) push(children, image.parentId, image.id)
  const users = new Map<string, SnapshotContainer[]>()
  for (const container of snapshot.containers) push(users, container.imageId, container)
  const isProtected = (image: SnapshotImage): boolean => snapshot.pinned.has(image.id) || hasKeepLabel(image.labels)
  const allowed = (key: string): boolean => allow === null || allow.has(key)
  const kept: CleanupKept[] = []

  const plannedContainers: SnapshotContainer[] = []
  if (options.containers) {
    for (const container of snapshot.containers) {
      if (!matchesFilters(container.labels, container.created, filters)) continue
      const key = itemKey('container', container.id)
      const image = byId.get(container.imageId)
      const reason: CleanupKeepReason | null = !isStopped(container) ? 'running' : hasKeepLabel(container.labels) ? 'keep-label' : image !== undefined && isProtected(image) ? 'protected-image' : null
      if (reason !== null) kept.push({ key, kind: 'container', id: container.id, names: container.names, reason, rule: null, blockers: [] })
      else if (allowed(key)) plannedContainers.push(container)
    }
  }
  const removed = new Set(plannedContainers.map((container) => container.id))
  const remainingUsers = (id: string): SnapshotContainer[] => (users.get(id) ?? []).filter((container) => !removed.has(container.id))

  const selection = imageSelection(options)
  const retention = options.retention === undefined ? [] : retentionVerdicts(snapshot.images.filter((image) => image.listed), options.retention, snapshot.readAt)
  const verdicts = new Map(retention.map((verdict) => [verdict.imageId, verdict]))
  const reasons = new Map<string, { reason: CleanupReason; rule: RetentionRule | null }>()
  const candidates: SnapshotImage[] = []
  if (selectsImages(selection)) {
    for (const image of snapshot.images) {
      if (!image.listed || !matchesFilters(image.labels, image.created, filters)) continue
      const verdict = verdicts.get(image.id)
      const dropped = verdict?.verdict === 'dropped'
      const untagged = selection.untagged && image.repoTags.length === 0
      // A retention keep shows even when nothing else selects the image: the rules named it.
      if (!dropped && !untagged && !selection.any && verdict?.verdict !== 'kept') continue
      const key = itemKey('image', image.id)
      const keptBy = (reason: CleanupKeepReason, rule: RetentionRule | null = null): void => {
        kept.push({ key, kind: 'image', id: image.id, names: imageNames(image), reason, rule, blockers: [] })
      }
      if (isProtected(image)) keptBy(snapshot.pinned.has(image.id) ? 'pinned' : 'keep-label')
      // Keeping wins over every way of selecting it, unused included.
      else if (verdict?.verdict === 'kept') keptBy('retention-keep', decidingRule(verdict))
      else if (allowed(key)) {
        candidates.push(image)
        reasons.set(image.id, dropped ? { reason: 'retention', rule: decidingRule(verdict) } : { reason: untagged ? 'dangling' : 'unused', rule: null })
      }
    }
  }

  // Newest first: images are built on older ones, so most children come before their parents and one pass suffices.
  candidates.sort((a, b) => b.created - a.created)
  const deleted = new Set<string>()
  // The hidden parents the engine deletes along with `id`; null when one of them is protected.
  const cascadeOf = (id: string): string[] | null => {
    const taken: string[] = []
    let child = id
    let parent = byId.get(id)?.parentId ?? null
    while (parent !== null) {
      const image = byId.get(parent)
      if (image === undefined || image.repoTags.length + image.repoDigests.length > 0 || remainingUsers(image.id).length > 0) break
      const others = (children.get(image.id) ?? []).filter((other) => other !== child && !deleted.has(other))
      if (others.length > 0) break
      if (isProtected(image)) return null
      taken.push(image.id)
      child = image.id
      parent = image.parentId
    }
    return taken
  }
  const order: SnapshotImage[] = []
  for (let changed = true; changed; ) {
    changed = false
    for (const image of candidates) {
      if (deleted.has(image.id)) continue
      // Unused once the containers and images planned before it are gone.
      if (!isUnused({ containers: remainingUsers(image.id).length, children: (children.get(image.id) ?? []).filter((child) => !deleted.has(child)).length })) continue
      const cascade = cascadeOf(image.id)
      if (cascade === null) continue
      for (const id of [image.id, ...cascade]) deleted.add(id)
      order.push(image)
      changed = true
    }
  }

  // What stays, so a kept parent names the listed images still built on it rather than its intermediates.
  const remaining = snapshot.images.filter((image) => !deleted.has(image.id))
  const family = new FamilyIndex(
    remaining.map((image) => ({ id: image.id, parentId: image.parentId })),
    new Map(remaining.filter((image) => image.listed).map((image) => [image.id, image.repoTags])),
  )
  for (const image of candidates) {
    if (deleted.has(image.id)) continue
    const holding = remainingUsers(image.id)
    const kids = (children.get(image.id) ?? []).filter((child) => !deleted.has(child))
    const blockers = blockersOf({
      imageId: image.id,
      // Extra tags do not keep an image: the cleanup removes them before deleting it.
      tags: [],
      digests: [],
      containers: holding.map(asSummary),
      children: family.childrenOf(image.id),
    })
    const reason: CleanupKeepReason = holding.some((container) => !isStopped(container)) ? 'running-container' : holding.length > 0 ? 'stopped-container' : kids.length > 0 ? 'child-image' : 'protected-parent'
    kept.push({ key: itemKey('image', image.id), kind: 'image', id: image.id, names: imageNames(image), reason, rule: null, blockers })
  }

  const after = new Map<string, string[]>()
  // The nearest planned listed images built on `id`, looking through the hidden parents deleted along.
  const plannedBelow = (id: string): string[] =>
    (children.get(id) ?? []).flatMap((child) => (!deleted.has(child) ? [] : byId.get(child)?.listed === true ? [itemKey('image', child)] : plannedBelow(child)))
  for (const image of order) {
    const containers = (users.get(image.id) ?? []).filter((container) => removed.has(container.id)).map((container) => itemKey('container', container.id))
    after.set(itemKey('image', image.id), [...containers, ...plannedBelow(image.id)])
  }
  return { containers: plannedContainers, images: order, deleted, after, kept, reasons, retention }
}
