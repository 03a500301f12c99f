import { FamilyIndex, type FamilyNode } from '../../../shared/image-family'
import type { EngineConnection } from '../engine/connection'
import { imageIdOf, realTags, type ImageListEntry } from './summary'

/** An image already read from the engine: its place in the parent graph and its tags. */
export interface FamilyImage extends FamilyNode {
  repoTags: readonly string[]
}

/** The parent graph of `all` images, naming the `listed` ones (what /images/json shows) by their tags. */
export function familyIndexOfImages(all: readonly FamilyNode[], listed: readonly FamilyImage[]): FamilyIndex {
  return new FamilyIndex(
    all.map((image) => ({ id: image.id, parentId: image.parentId })),
    new Map(listed.map((image) => [image.id, image.repoTags])),
  )
}

/** The parent graph of every image (/images/json?all=1) with the listed ones and their tags (/images/json). */
export function familyIndexOf(all: readonly ImageListEntry[], listed: readonly ImageListEntry[]): FamilyIndex {
  return familyIndexOfImages(
    all.map((entry) => ({ id: entry.Id, parentId: imageIdOf(entry.ParentId) })),
    listed.map((entry) => ({ id: entry.Id, parentId: imageIdOf(entry.ParentId), repoTags: realTags(entry.RepoTags) })),
  )
}

/** Both lists read fresh: what blocks a delete or what a delete took must be current. */
export async function readFamily(connection: EngineConnection): Promise<FamilyIndex> {
  const [all, listed] = await Promise.all([connection.docker.listImages({ all: true }) as Promise<ImageListEntry[]>, connection.docker.listImages() as Promise<ImageListEntry[]>])
  return familyIndexOf(all, listed)
}
