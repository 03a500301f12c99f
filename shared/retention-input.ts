import { z } from 'zod'

/**
 * Retention rules: which tags of each repository a cleanup keeps and which it may
 * drop. Kept apart from cleanup-input.ts so the planner, the command line and the
 * policy editor read one grammar.
 *
 * How they decide (the planner applies it, shared/retention.ts computes it):
 * - Tags are grouped by repository (a reference without its tag). A repository's rules
 *   are the base rules, with each field replaced by the first override whose
 *   repository pattern matches.
 * - A tag matching a keepTags pattern is kept.
 * - With keepLast N, the repository's newest N tags are kept and the others are
 *   dropped. Newest: by semantic version when every tag of the repository reads as a
 *   version (1.10 after 1.9, a pre-release before its release), otherwise by the
 *   image's creation time.
 * - A tag matching a dropTags pattern whose image is older than olderThan is dropped.
 * - Keeping wins: an image is a candidate only when at least one of its tags is
 *   dropped and none is kept. The usual protections (pins, strata.keep, anything a
 *   container uses, child images) still apply to it.
 */

/** A glob over the tag alone (`*` any run, `?` one character): v*, latest, release-*. */
export const tagPattern = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_.*?-]+$/, 'a tag pattern uses letters, digits, _ . - and the wildcards * and ?')

/** A glob over the repository (no tag): app, ghcr.io/acme/*. */
export const repositoryPattern = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[a-z0-9._/:*?-]+$/, 'a repository pattern uses lower-case letters, digits, . _ - / : and the wildcards * and ?')

/** An age: a whole number of minutes, hours, days or weeks (30m, 12h, 7d, 2w). */
export const retentionAge = z.string().regex(/^[1-9][0-9]{0,5}[mhdw]$/, 'an age is a whole number and a unit: 30m, 12h, 7d or 2w')

export const dropTagRule = z.object({ pattern: tagPattern, olderThan: retentionAge }).strict()

const ruleFields = {
  /** Keep the newest N tags of each repository; the rest are dropped. */
  keepLast: z.number().int().min(0).max(10_000).optional(),
  /** Tags never dropped. */
  keepTags: z.array(tagPattern).max(100).optional(),
  /** Tags dropped once their image is older than the age. */
  dropTags: z.array(dropTagRule).max(100).optional(),
}

/** Rules for the repositories a pattern matches; a field it sets replaces the base rule's. */
export const retentionOverride = z.object({ repository: repositoryPattern, ...ruleFields }).strict()

export const retentionRules = z
  .object({ ...ruleFields, overrides: z.array(retentionOverride).max(100).optional() })
  .strict()
  .refine((rules) => rules.keepLast !== undefined || (rules.dropTags ?? []).length > 0 || (rules.overrides ?? []).some((o) => o.keepLast !== undefined || (o.dropTags ?? []).length > 0), {
    error: 'retention rules need keepLast or dropTags (keepTags alone drops nothing)',
  })

export type RetentionRules = z.output<typeof retentionRules>
export type RetentionOverride = z.output<typeof retentionOverride>
export type DropTagRule = z.output<typeof dropTagRule>

/** The rule that decided a tag: what the plan shows as "kept by rule X" or "removed by rule Y". */
export type RetentionRule =
  | { kind: 'keep-tag'; pattern: string }
  | { kind: 'keep-last'; count: number }
  | { kind: 'drop-tag'; pattern: string; olderThan: string }
  /** Beyond the newest `count` of its repository. */
  | { kind: 'beyond-last'; count: number }

/** What the rules say of one tag; `override` is the repository pattern whose rules applied, null for the base rules. */
export interface RetentionTagVerdict {
  tag: string
  verdict: 'kept' | 'dropped' | 'none'
  rule: RetentionRule | null
  override: string | null
}

/** What the rules say of one listed image with tags. */
export interface RetentionImageVerdict {
  imageId: string
  verdict: 'kept' | 'dropped' | 'none'
  tags: RetentionTagVerdict[]
}
