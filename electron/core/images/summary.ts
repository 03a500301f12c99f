import type { ImageSummary } from '../../../shared/types'

/** An entry of GET /images/json. */
export interface ImageListEntry {
  Id: string
  RepoTags?: string[] | null
  RepoDigests?: string[] | null
  Created: number
  Size: number
  ParentId?: string
  Labels?: Record<string, string> | null
}

/** The fields of GET /images/{id}/json that a summary needs. */
export interface ImageInspect {
  Id: string
  RepoTags?: string[] | null
  RepoDigests?: string[] | null
  Created: string
  Size: number
  Parent?: string
  Config?: { Labels?: Record<string, string> | null } | null
}

// The engine reports untagged images as "<none>:<none>" on some versions.
function realTags(tags: string[] | null | undefined): string[] {
  return (tags ?? []).filter((tag) => tag !== '<none>:<none>')
}

function realDigests(digests: string[] | null | undefined): string[] {
  return (digests ?? []).filter((digest) => digest !== '<none>@<none>')
}

export function summaryFromListEntry(entry: ImageListEntry): ImageSummary {
  const repoTags = realTags(entry.RepoTags)
  return {
    id: entry.Id,
    repoTags,
    repoDigests: realDigests(entry.RepoDigests),
    created: new Date(entry.Created * 1000).toISOString(),
    size: entry.Size,
    parentId: entry.ParentId !== undefined && entry.ParentId !== '' ? entry.ParentId : null,
    dangling: repoTags.length === 0,
    labels: entry.Labels ?? {},
  }
}

export function summaryFromInspect(inspect: ImageInspect): ImageSummary {
  const repoTags = realTags(inspect.RepoTags)
  return {
    id: inspect.Id,
    repoTags,
    repoDigests: realDigests(inspect.RepoDigests),
    // /images/json has whole seconds; truncating keeps a live-updated entry equal to a listed one.
    created: new Date(Math.floor(new Date(inspect.Created).getTime() / 1000) * 1000).toISOString(),
    size: inspect.Size,
    parentId: inspect.Parent !== undefined && inspect.Parent !== '' ? inspect.Parent : null,
    dangling: repoTags.length === 0,
    labels: inspect.Config?.Labels ?? {},
  }
}
