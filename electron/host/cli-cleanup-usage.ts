import { isSet, type OptionValue } from './cli-options'

/** What `strata --help` and the command dispatch need of cleanup; no engine or schema code. */

export const CLEANUP_USAGE = `  cleanup [--dangling] [--unused] [--until DATE] [--label K[=V]]... [--label-not K[=V]]...
          [--containers] [--build-cache] [--keep REF]... [--dry-run] [--yes] [--json]
                              remove what nothing uses, freeing exactly the bytes the plan shows
                              (layers shared with images that stay are not counted); never forces;
                              images labelled strata.keep, images pinned in the app, --keep images
                              and anything running stay.
                              --until takes a date (2024-05-01, 2024-05-01T12:00:00Z) or an age (36h, 7d);
                              --until and --label alone select unused images; --dry-run only plans
  cleanup --policy NAME [--keep REF]... [--dry-run] [--yes] [--json]
                              clean up with a policy saved in the app (its options; pins as above);
                              plans afresh and asks, like any cleanup, and records the policy's last run`

/** Options only cleanup takes; cli.ts merges them into its option table. */
export const CLEANUP_OPTIONS = {
  dangling: { type: 'boolean', default: false },
  unused: { type: 'boolean', default: false },
  until: { type: 'string' },
  label: { type: 'string', multiple: true },
  'label-not': { type: 'string', multiple: true },
  containers: { type: 'boolean', default: false },
  'build-cache': { type: 'boolean', default: false },
  keep: { type: 'string', multiple: true },
  'dry-run': { type: 'boolean', default: false },
  policy: { type: 'string' },
} as const


/** For the other commands: the first cleanup-only option given, as a usage message; null when none is. */
export function misplacedCleanupOption(values: Record<string, OptionValue>): string | null {
  const given = Object.keys(CLEANUP_OPTIONS).find((name) => isSet(values[name]))
  return given === undefined ? null : `--${given} is an option of cleanup only`
}
