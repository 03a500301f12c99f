import { compareNatural } from './natural-sort'
import type { RetentionImageVerdict, RetentionOverride, RetentionRule, RetentionRules, RetentionTagVerdict } from './retention-input'

/**
 * Evaluates retention rules (the grammar and the decision rules are in
 * retention-input.ts). Pure: the planner, the command line and the policy editor's
 * preview get the same verdicts from the same images and instant.
 */

/** What the rules need of an image. */
export interface RetentionImage {
  id: string
  /** repository:tag, as the engine lists them. */
  repoTags: readonly string[]
  /** Epoch milliseconds. */
  created: number
}

const AGE_UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }

/** Milliseconds of an age such as 30m, 12h, 7d or 2w; null when it is not one. */
export function retentionAgeMs(age: string): number | null {
  const match = /^([1-9][0-9]{0,5})([mhdw])$/.exec(age)
  if (match === null) return null
  return Number(match[1]) * (AGE_UNIT_MS[match[2] ?? ''] ?? 0)
}

/** The repository and tag of a reference: the tag follows the last ':' after the last '/' (a registry port is not a tag). */
export function splitTag(reference: string): { repository: string; tag: string } {
  const colon = reference.lastIndexOf(':')
  if (colon <= reference.lastIndexOf('/')) return { repository: reference, tag: 'latest' }
  return { repository: reference.slice(0, colon), tag: reference.slice(colon + 1) }
}

const globCache = new Map<string, RegExp>()

/** A whole-string glob: `*` any run of characters (a `/` included), `?` exactly one. */
export function globMatches(pattern: string, text: string): boolean {
  let regex = globCache.get(pattern)
  if (regex === undefined) {
    const body = pattern.replace(/[.+^${}()|[\]\\/-]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')
    regex = new RegExp(`^${body}$`, 's')
    globCache.set(pattern, regex)
  }
  return regex.test(text)
}

interface Version {
  parts: number[]
  /** Dot-separated pre-release identifiers; empty for a release. */
  pre: string[]
}

const VERSION = /^v?(\d+(?:\.\d+)*)(?:-([0-9A-Za-z]+(?:[.-][0-9A-Za-z]+)*))?$/

/** A tag read as a version (v1.2.3, 1.10, 2.0.0-rc.1); null when it is not one. */
export function parseVersion(tag: string): Version | null {
  const match = VERSION.exec(tag)
  if (match === null) return null
  return { parts: (match[1] ?? '').split('.').map(Number), pre: match[2] === undefined ? [] : match[2].split('.') }
}

function comparePreIdentifier(a: string, b: string): number {
  const aNumeric = /^\d+$/.test(a)
  const bNumeric = /^\d+$/.test(b)
  if (aNumeric && bNumeric) return Number(a) - Number(b)
  // As semver orders them: numeric identifiers before alphanumeric ones.
  if (aNumeric !== bNumeric) return aNumeric ? -1 : 1
  return a < b ? -1 : a > b ? 1 : 0
}

/** Semantic version order; missing numeric parts count as 0 and a pre-release comes before its release. */
export function compareVersions(a: Version, b: Version): number {
  for (let index = 0; index < Math.max(a.parts.length, b.parts.length); index += 1) {
    const difference = (a.parts[index] ?? 0) - (b.parts[index] ?? 0)
    if (difference !== 0) return Math.sign(difference)
  }
  if (a.pre.length === 0 || b.pre.length === 0) return Number(a.pre.length === 0) - Number(b.pre.length === 0)
  for (let index = 0; index < Math.min(a.pre.length, b.pre.length); index += 1) {
    const difference = comparePreIdentifier(a.pre[index] ?? '', b.pre[index] ?? '')
    if (difference !== 0) return Math.sign(difference)
  }
  return Math.sign(a.pre.length - b.pre.length)
}

/** The rules one repository follows: the base rules with each field the matching override sets replaced. */
interface EffectiveRules {
  keepLast: number | undefined
  keepTags: readonly string[]
  dropTags: readonly { pattern: string; olderThan: string }[]
  override: string | null
}

function rulesFor(repository: string, rules: RetentionRules): EffectiveRules {
  const override: RetentionOverride | undefined = (rules.overrides ?? []).find((candidate) => globMatches(candidate.repository, repository))
  return {
    keepLast: override?.keepLast ?? rules.keepLast,
    keepTags: override?.keepTags ?? rules.keepTags ?? [],
    dropTags: override?.dropTags ?? rules.dropTags ?? [],
    override: override?.repository ?? null,
  }
}

interface TagEntry {
  /** The tag alone, which the patterns and the version order read. */
  tag: string
  /** repository:tag, which the verdict names. */
  reference: string
  image: RetentionImage
}

/**
 * A repository's tags, newest first: by version when every tag reads as one, otherwise
 * by the image's creation time. Ties (equal versions, images made in the same second)
 * fall back to creation time, then to the tags in natural order, highest first, so the
 * order never depends on the order the engine listed them in.
 */
export function newestFirst<T extends TagEntry>(entries: readonly T[]): T[] {
  const versions = new Map(entries.map((entry) => [entry, parseVersion(entry.tag)]))
  const allVersions = [...versions.values()].every((version) => version !== null)
  return [...entries].sort((a, b) => {
    const byVersion = allVersions ? compareVersions(versions.get(b) as Version, versions.get(a) as Version) : 0
    return byVersion || b.image.created - a.image.created || compareNatural(b.tag, a.tag)
  })
}

/** The verdict of one tag; `rank` is its place among its repository's tags, newest first. */
function tagVerdict(entry: TagEntry, rank: number, rules: EffectiveRules, now: number): Omit<RetentionTagVerdict, 'override'> {
  const keepTag = rules.keepTags.find((pattern) => globMatches(pattern, entry.tag))
  const tag = entry.reference
  if (keepTag !== undefined) return { tag, verdict: 'kept', rule: { kind: 'keep-tag', pattern: keepTag } }
  if (rules.keepLast !== undefined && rank < rules.keepLast) return { tag, verdict: 'kept', rule: { kind: 'keep-last', count: rules.keepLast } }
  const drop = rules.dropTags.find((rule) => globMatches(rule.pattern, entry.tag) && now - entry.image.created > (retentionAgeMs(rule.olderThan) ?? Infinity))
  if (drop !== undefined) return { tag, verdict: 'dropped', rule: { kind: 'drop-tag', pattern: drop.pattern, olderThan: drop.olderThan } }
  if (rules.keepLast !== undefined) return { tag, verdict: 'dropped', rule: { kind: 'beyond-last', count: rules.keepLast } }
  return { tag, verdict: 'none', rule: null }
}

/**
 * What the rules say of every image with tags, in the order given. An image is kept
 * when one of its tags is kept (keeping wins), dropped when one is dropped and none
 * kept, and neither otherwise.
 */
export function retentionVerdicts(images: readonly RetentionImage[], rules: RetentionRules, now: number): RetentionImageVerdict[] {
  const byRepository = new Map<string, TagEntry[]>()
  for (const image of images) {
    for (const reference of image.repoTags) {
      const { repository, tag } = splitTag(reference)
      const entry = { tag, reference, image }
      const entries = byRepository.get(repository)
      if (entries === undefined) byRepository.set(repository, [entry])
      else entries.push(entry)
    }
  }
  // A reference names one image, but a crafted or racing listing could repeat one: the key says whose.
  const verdicts = new Map<string, RetentionTagVerdict>()
  const keyOf = (imageId: string, reference: string): string => `${imageId} ${reference}`
  for (const [repository, entries] of byRepository) {
    const effective = rulesFor(repository, rules)
    newestFirst(entries).forEach((entry, rank) => {
      verdicts.set(keyOf(entry.image.id, entry.reference), { ...tagVerdict(entry, rank, effective, now), override: effective.override })
    })
  }
  return images
    .filter((image) => image.repoTags.length > 0)
    .map((image) => {
      const tags = image.repoTags.flatMap((reference) => {
        const verdict = verdicts.get(keyOf(image.id, reference))
        return verdict === undefined ? [] : [verdict]
      })
      const verdict = tags.some((tag) => tag.verdict === 'kept') ? 'kept' : tags.some((tag) => tag.verdict === 'dropped') ? 'dropped' : 'none'
      return { imageId: image.id, verdict, tags }
    })
}

/** The rule behind an image's verdict: its first tag with that verdict; null when no rule decided it. */
export function decidingRule(verdict: RetentionImageVerdict): RetentionRule | null {
  if (verdict.verdict === 'none') return null
  return verdict.tags.find((tag) => tag.verdict === verdict.verdict)?.rule ?? null
}
