import { cleanupOptions, type CleanupOptions } from '../../shared/cleanup-input'
import type { CleanupPolicy } from '../../shared/policy-input'
import { UsageError } from './cli-run'

/**
 * `strata cleanup --policy NAME`: the options of a policy saved in the app. A run from
 * the command line is a manual run: it plans afresh and removes what the user confirms
 * (or --yes), not bound by the preview saved with the policy; it records lastRun.
 */

/** Flags that choose candidates: the policy chooses them, so giving one too is a mistake. */
const CHOOSING_FLAGS = ['dangling', 'unused', 'until', 'label', 'label-not', 'containers', 'build-cache'] as const

type Values = Partial<Record<(typeof CHOOSING_FLAGS)[number], unknown>> & { keep?: string[] | undefined }

function given(value: unknown): boolean {
  return value !== undefined && value !== false && !(Array.isArray(value) && value.length === 0)
}

function savedNames(policies: readonly CleanupPolicy[]): string {
  return policies.length === 0 ? 'no policy is saved (save one in the app: Cleanup, Saved policies)' : `saved: ${policies.map((policy) => `"${policy.name}"`).join(', ')}`
}

/** The named policy's options with --keep added to the pins; unknown names and mixed flags are usage errors. */
export function policyCleanupOptions(name: string, values: Values, policies: readonly CleanupPolicy[]): { policy: CleanupPolicy; options: CleanupOptions } {
  const mixed = CHOOSING_FLAGS.find((flag) => given(values[flag]))
  if (mixed !== undefined) throw new UsageError(`--policy chooses what to clean up; it cannot be combined with --${mixed}`)
  const policy = policies.find((saved) => saved.name === name.trim())
  if (policy === undefined) throw new UsageError(`no cleanup policy named "${name}"; ${savedNames(policies)}`)
  const parsed = cleanupOptions.safeParse({ ...policy.options, pinned: values.keep ?? [] })
  if (!parsed.success) throw new UsageError(`--keep is not valid: ${parsed.error.issues[0]?.message ?? ''}`)
  return { policy, options: parsed.data }
}
