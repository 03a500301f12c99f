import { compareNatural } from './natural-sort'
import type { FamilyLink, ImageFamily, ImageRef } from './types'

/** One image of the engine's parent graph (every image, the hidden intermediates included). */
export interface FamilyNode {
  id: string
  parentId: string | null
}

/**
 * The parent graph of the images, read so that it names images the user can see:
 * the classic builder leaves an untagged, unlisted image per build step, so the
 * image a tagged one was built on is usually such an intermediate. Walking past
 * them to the nearest listed image names "web:1" instead of "a4fc489b5df2".
 */
export class FamilyIndex {
  private readonly parents = new Map<string, string | null>()
  private readonly children = new Map<string, string[]>()

  /** `listed`: the images /images/json shows (tagged, or untagged without children), with their tags. */
  constructor(
    nodes: readonly FamilyNode[],
    private readonly listed: ReadonlyMap<string, readonly string[]>,
  ) {
    for (const node of nodes) {
      this.parents.set(node.id, node.parentId)
      if (node.parentId === null) continue
      const siblings = this.children.get(node.parentId)
      if (siblings === undefined) this.children.set(node.parentId, [node.id])
      else siblings.push(node.id)
    }
  }

  isListed(id: string): boolean {
    return this.listed.has(id)
  }

  private refOf(id: string): ImageRef {
    return { id, repoTags: [...(this.listed.get(id) ?? [])] }
  }

  /**
   * The nearest listed image this one was built on, with the intermediates between
   * (nearest first). Without a listed ancestor, the topmost intermediate is named so
   * that a parent that exists is never reported as none. Null when there is no parent.
   */
  parentOf(id: string): FamilyLink | null {
    const via: string[] = []
    const seen = new Set([id])
    let current = this.parents.get(id) ?? null
    while (current !== null && !seen.has(current)) {
      seen.add(current)
      if (this.isListed(current)) return { image: this.refOf(current), via }
      const next = this.parents.get(current) ?? null
      // An intermediate with nothing known above it is the farthest ancestor there is.
      if (next === null) return { image: this.refOf(current), via }
      via.push(current)
      current = next
    }
    return null
  }

  /**
   * The nearest listed images built on this one: each path down stops at the first
   * listed image. `via` holds the intermediates on the way, nearest first; two
   * children that branch from one intermediate both name it.
   */
  childrenOf(id: string): FamilyLink[] {
    const found: FamilyLink[] = []
    const seen = new Set([id])
    const walk = (from: string, via: string[]): void => {
      for (const child of this.children.get(from) ?? []) {
        if (seen.has(child)) continue
        seen.add(child)
        if (this.isListed(child)) found.push({ image: this.refOf(child), via })
        else walk(child, [...via, child])
      }
    }
    walk(id, [])
    // Tagged ones by name, then untagged, then by ID: the engine lists images made in the same second in no fixed order, and the names should not move.
    const name = (link: FamilyLink): string => link.image.repoTags[0] ?? ''
    return found.sort((a, b) => Number(name(a) === '') - Number(name(b) === '') || compareNatural(name(a), name(b)) || a.image.id.localeCompare(b.image.id))
  }

  familyOf(id: string): ImageFamily {
    return { parent: this.parentOf(id), children: this.childrenOf(id) }
  }
}

/** The untagged intermediates a set of links passes through, each once. */
export function intermediatesOf(links: readonly FamilyLink[]): string[] {
  return [...new Set(links.flatMap((link) => link.via))]
}
