import type { Blocker, ContainerSummary, DeletePlan } from '../../../shared/types'
import { listContainers } from '../containers/list'
import type { EngineConnection } from '../engine/connection'
import type { ImageInspect } from './image-data'
import { imageIdOf, isRunningState, realDigests, realTags } from './summary'

interface AllImagesEntry {
  Id: string
  ParentId?: string
  RepoTags?: string[] | null
}

/** The repository part of a reference: "localhost:5000/app:1" -> "localhost:5000/app". */
export function repositoryOf(reference: string): string {
  const at = reference.indexOf('@')
  if (at !== -1) return reference.slice(0, at)
  const colon = reference.lastIndexOf(':')
  return colon > reference.lastIndexOf('/') ? reference.slice(0, colon) : reference
}

/**
 * moby's isSingleReference: true when the references are at most one tag plus
 * digests of that same repository. Deleting by ID then untags without asking.
 */
export function isSingleReference(tags: readonly string[], digests: readonly string[]): boolean {
  if (tags.length + digests.length === 0) return false
  if (tags.length > 1) return false
  const digestRepositories = new Set(digests.map(repositoryOf))
  if (tags.length === 0) return digestRepositories.size === 1
  const tag = tags[0] ?? ''
  return digests.length === 0 || (digestRepositories.size === 1 && digestRepositories.has(repositoryOf(tag)))
}

export interface BlockerFacts {
  imageId: string
  tags: readonly string[]
  digests: readonly string[]
  containers: readonly ContainerSummary[]
  /** Images (hidden intermediates included) whose parent is this image. */
  children: readonly AllImagesEntry[]
}

/** What stops `DELETE /images/{id}` (by ID, without force), in the engine's own terms. */
export function blockersOf(facts: BlockerFacts): Blocker[] {
  const blockers: Blocker[] = []
  for (const child of facts.children) {
    blockers.push({ kind: 'child-image', id: child.Id, name: realTags(child.RepoTags)[0] ?? child.Id.slice(7, 19), state: null, remedy: 'delete-child', forceOverrides: false })
  }
  for (const container of facts.containers) {
    if (container.imageId !== facts.imageId) continue
    const name = container.names[0] ?? container.id.slice(0, 12)
    if (isRunningState(container.state)) {
      blockers.push({ kind: 'running-container', id: container.id, name, state: container.state, remedy: 'stop-and-remove', forceOverrides: false })
    } else {
      blockers.push({ kind: 'stopped-container', id: container.id, name, state: container.state, remedy: 'remove-container', forceOverrides: true })
    }
  }
  if (facts.tags.length + facts.digests.length > 0 && !isSingleReference(facts.tags, facts.digests)) {
    for (const tag of facts.tags) blockers.push({ kind: 'tag', id: facts.imageId, name: tag, state: null, remedy: 'untag', forceOverrides: true })
  }
  return blockers
}

/** Reads the engine fresh (no cache: a blocker list must be current) and says what blocks deleting `ref`. */
export async function findBlockers(connection: EngineConnection, ref: string): Promise<DeletePlan> {
  const inspect = (await connection.docker.getImage(ref).inspect()) as ImageInspect
  const [containers, all] = await Promise.all([
    // Every container, matched by ImageID here: Podman's ancestor filter does not take a sha256: ID, and Docker's also matches descendants.
    listContainers(connection),
    connection.docker.listImages({ all: true }) as Promise<AllImagesEntry[]>,
  ])
  const tags = realTags(inspect.RepoTags)
  const blockers = blockersOf({
    imageId: inspect.Id,
    tags,
    digests: realDigests(inspect.RepoDigests),
    containers,
    children: all.filter((image) => imageIdOf(image.ParentId) === inspect.Id),
  })
  return { image: { id: inspect.Id, repoTags: tags }, blockers }
}
