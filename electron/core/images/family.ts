import { FamilyIndex } from '../../../shared/image-family'
import type { EngineConnection } from '../engine/connection'
import { imageIdOf, realTags, type ImageListEntry } from './summary'

/** The parent graph of every image (/images/json?all=1) with the listed ones and their tags (/images/json). */
export function familyIndexOf(all: readonly ImageListEntry[], listed: readonly ImageListEntry[]): FamilyIndex {
  return new FamilyIndex(
    all.map((entry) => ({ id: entry.Id, parentId: imageIdOf(entry.ParentId) })),
    new Map(listed.map((entry) => [entry.Id, realTags(entry.RepoTags)])),
  )
}

/** Both lists read fresh: what blocks a delete or what a delete took must be current. */
export async function readFamily(connection: EngineConnection): Promise<FamilyIndex> {
  const [all, listed] = await Promise.all([connection.docker.listImages({ all: true }) as Promise<ImageListEntry[]>, connection.docker.listImages() as Promise<ImageListEntry[]>])
  return familyIndexOf(all, listed)
}
