import { shortId } from '../../../shared/format'
import type { Blocker, ContainerSummary, DeletePlan, FamilyLink } from '../../../shared/types'
import { listContainers } from '../containers/list'
import type { EngineConnection } from '../engine/connection'
import { readFamily } from './family'
import type { ImageInspect } from './image-data'
import { isRunningState, realDigests, realTags } from './summary'

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
  /**
   * The nearest listed images built on this one (FamilyIndex.childrenOf). The engine
   * refuses because of the direct children, but those are mostly intermediates the
   * list never shows, so each blocker names the listed image they lead to.
   */
  children: readonly FamilyLink[]
}

/** What stops `DELETE /images/{id}` (by ID, without force), in the engine's own terms. */
export function blockersOf(facts: BlockerFacts): Blocker[] {
  const blockers: Blocker[] = []
  for (const child of facts.children) {
    const { id, repoTags } = child.image
    blockers.push({ kind: 'child-image', id, name: repoTags[0] ?? shortId(id), state: null, remedy: 'delete-child', forceOverrides: false, via: [...child.via] })
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
  const [containers, family] = await Promise.all([
    // Every container, matched by ImageID here: Podman's ancestor filter does not take a sha256: ID, and Docker's also matches descendants.
    listContainers(connection),
    readFamily(connection),
  ])
  const tags = realTags(inspect.RepoTags)
  const blockers = blockersOf({
    imageId: inspect.Id,
    tags,
    digests: realDigests(inspect.RepoDigests),
    containers,
    children: family.childrenOf(inspect.Id),
  })
  return { image: { id: inspect.Id, repoTags: tags }, blockers }
}
