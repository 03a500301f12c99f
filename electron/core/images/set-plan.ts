import type { FamilyIndex } from '../../../shared/image-family'
import type { ContainerSummary, FamilyLink, RemoveSetPrediction, SetBlocker } from '../../../shared/types'
import type { CleanupSnapshot, SnapshotContainer, SnapshotImage } from '../cleanup/snapshot'
import { accountStoreUnits } from '../cleanup/store-units'
import { blockersOf } from './blockers'
import { familyIndexOfImages } from './family'

/**
 * Set arithmetic of deleting several images at once, on plain data (a cleanup
 * snapshot) so it is a pure function. An image of the set goes when no container
 * that stays uses it and everything built on it goes too; an image built on it
 * inside the set does not block, one outside does. The engine deletes an untagged
 * hidden parent left without children along with its last child, so a hidden
 * image whose every descendant goes, goes as well.
 */

export interface SetPlan {
  blockers: SetBlocker[]
  keepingContainers: RemoveSetPrediction
  removingContainers: RemoveSetPrediction
}

interface Graph {
  byId: ReadonlyMap<string, SnapshotImage>
  children: ReadonlyMap<string, string[]>
  users: ReadonlyMap<string, SnapshotContainer[]>
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list === undefined) map.set(key, [value])
  else list.push(value)
}

function graphOf(snapshot: CleanupSnapshot): Graph {
  const children = new Map<string, string[]>()
  for (const image of snapshot.images) if (image.parentId !== null) push(children, image.parentId, image.id)
  const users = new Map<string, SnapshotContainer[]>()
  for (const container of snapshot.containers) push(users, container.imageId, container)
  return { byId: new Map(snapshot.images.map((image) => [image.id, image])), children, users }
}

/** Just enough of a container for the blockers model. */
function asSummary(container: SnapshotContainer): ContainerSummary {
  return { id: container.id, names: container.names, image: '', imageId: container.imageId, command: '', created: new Date(container.created).toISOString(), state: container.state, status: '' }
}

/**
 * Which images of `members` go, in delete order, when the containers of the
 * members are removed first (`removeContainers`) or kept. Members are tried newest
 * first and again until nothing changes, so children always come before parents.
 */
function predict(snapshot: CleanupSnapshot, graph: Graph, members: readonly string[], removeContainers: boolean): RemoveSetPrediction {
  const memberSet = new Set(members)
  const removed = new Set(removeContainers ? snapshot.containers.filter((container) => memberSet.has(container.imageId)).map((container) => container.id) : [])
  const heldByContainer = (id: string): boolean => (graph.users.get(id) ?? []).some((container) => !removed.has(container.id))
  const going = new Set<string>()
  // The hidden parents the engine takes along with `id`, walking up while each is untagged, unused and left childless.
  const cascadeOf = (id: string): string[] => {
    const taken: string[] = []
    let child = id
    let parent = graph.byId.get(id)?.parentId ?? null
    while (parent !== null) {
      const image = graph.byId.get(parent)
      if (image === undefined || memberSet.has(image.id) || image.repoTags.length + image.repoDigests.length > 0 || heldByContainer(image.id)) break
      if ((graph.children.get(image.id) ?? []).some((other) => other !== child && !going.has(other))) break
      taken.push(image.id)
      child = image.id
      parent = image.parentId
    }
    return taken
  }
  const candidates = members.flatMap((id) => {
    const image = graph.byId.get(id)
    return image === undefined ? [] : [image]
  })
  candidates.sort((a, b) => b.created - a.created || a.id.localeCompare(b.id))
  const deletable: string[] = []
  const hiddenParents: string[] = []
  for (let changed = true; changed; ) {
    changed = false
    for (const image of candidates) {
      if (going.has(image.id) || heldByContainer(image.id)) continue
      if (!(graph.children.get(image.id) ?? []).every((child) => going.has(child))) continue
      going.add(image.id)
      const cascade = cascadeOf(image.id)
      for (const id of cascade) going.add(id)
      deletable.push(image.id)
      hiddenParents.push(...cascade)
      changed = true
    }
  }
  const containers = snapshot.containers.filter((container) => removed.has(container.id) && going.has(container.imageId)).map((container) => container.id)
  return { deletable, hiddenParents, containers, freedBytes: freedBytesOf(snapshot, going) }
}

/**
 * Bytes freed when the images in `going` are deleted: the size of every chain ID
 * they hold that no image left holds, each counted once. A hidden image's chains
 * are a prefix of its children's, so images whose chains are unknown (hidden ones)
 * are covered by the listed images and container images that hold the rest.
 */
export function freedBytesOf(snapshot: Pick<CleanupSnapshot, 'images' | 'chainSizes' | 'store'>, going: ReadonlySet<string>): number {
  if (snapshot.store !== undefined) {
    // The containerd store: content blobs and snapshots, each freed only when no image left references it.
    const units = snapshot.store.units
    const { freed } = accountStoreUnits(
      snapshot.images.map((image) => ({ id: image.id, units: units.get(image.id) ?? [] })),
      [...going],
    )
    return freed.blobs.bytes + freed.snapshots.bytes
  }
  const kept = new Set<string>()
  for (const image of snapshot.images) if (!going.has(image.id)) for (const chainId of image.chains) kept.add(chainId)
  const freed = new Set<string>()
  for (const image of snapshot.images) if (going.has(image.id)) for (const chainId of image.chains) if (!kept.has(chainId)) freed.add(chainId)
  let bytes = 0
  for (const chainId of freed) bytes += snapshot.chainSizes.get(chainId) ?? 0
  return bytes
}

/** The snapshot's parent graph, read as the Images list shows it: tagged images, and untagged ones without children. */
function familyOf(graph: Graph): FamilyIndex {
  const images = [...graph.byId.values()]
  return familyIndexOfImages(
    images,
    images.filter((image) => image.repoTags.length + image.repoDigests.length > 0 || (graph.children.get(image.id) ?? []).length === 0),
  )
}

/**
 * A child outside the set, named as the single delete names it: itself when listed,
 * else the nearest listed images built on it outside the set, through it. A hidden
 * child with none such (a container holds it) is named by itself.
 */
function namedChildren(graph: Graph, family: FamilyIndex, child: string, members: ReadonlySet<string>): FamilyLink[] {
  const itself: FamilyLink = { image: { id: child, repoTags: [...(graph.byId.get(child)?.repoTags ?? [])] }, via: [] }
  if (family.isListed(child)) return [itself]
  const below = family.childrenOf(child).filter((link) => !members.has(link.image.id))
  return below.length === 0 ? [itself] : below.map((link) => ({ image: link.image, via: [child, ...link.via] }))
}

/**
 * What stops the set: the containers of its images, and images outside the set
 * built on one of them that do not go with it. Tags are no blocker: choosing the
 * image means every name of it goes.
 */
function setBlockers(graph: Graph, members: readonly string[]): SetBlocker[] {
  const memberSet = new Set(members)
  // A hidden image between two members goes with them: only what holds it from outside the set blocks.
  const goesWithSet = (id: string): boolean => {
    const image = graph.byId.get(id)
    if (image === undefined || image.repoTags.length + image.repoDigests.length > 0 || (graph.users.get(id) ?? []).length > 0) return false
    return (graph.children.get(id) ?? []).every((child) => memberSet.has(child) || goesWithSet(child))
  }
  const family = familyOf(graph)
  const blockers: SetBlocker[] = []
  for (const id of members) {
    const outside = (graph.children.get(id) ?? []).filter((child) => !memberSet.has(child) && !goesWithSet(child))
    const found = blockersOf({
      imageId: id,
      tags: [],
      digests: [],
      containers: (graph.users.get(id) ?? []).map(asSummary),
      children: outside.flatMap((child) => namedChildren(graph, family, child, memberSet)),
    })
    blockers.push(...found.map((blocker) => ({ ...blocker, imageId: id })))
  }
  return blockers
}

/** Plans deleting `members` (image IDs present in the snapshot) for both choices about their containers. */
export function planSet(snapshot: CleanupSnapshot, members: readonly string[]): SetPlan {
  const graph = graphOf(snapshot)
  const removingContainers = predict(snapshot, graph, members, true)
  const keepingContainers = predict(snapshot, graph, members, false)
  return { blockers: setBlockers(graph, members), keepingContainers, removingContainers }
}
