import { isSet, type OptionValue } from './cli-options'

/** What `strata --help` and the command dispatch need of cleanup; no engine or schema code. */

export const CLEANUP_USAGE = `  cleanup [--dangling] [--unused] [--until DATE] [--label K[=V]]... [--label-not K[=V]]...
          [--containers] [--build-cache] [--volumes] [--keep REF]... [--dry-run] [--yes] [--json]
          [--keep-last N] [--keep-tag PATTERN]... [--drop-tag PATTERN --older-than AGE]...
                              remove what nothing uses, freeing exactly the bytes the plan shows
                              (layers shared with images that stay are not counted); never forces;
                              images labelled strata.keep, images pinned in the app, --keep images
                              and anything running stay.
                              --until takes a date (2024-05-01, 2024-05-01T12:00:00Z) or an age (36h, 7d);
                              --until and --label alone select unused images; --dry-run only plans;
                              --volumes removes volumes no container mounts (their data is lost:
                              a pull does not bring it back), never unless asked.
                              Retention rules, per repository (a name without its tag): --keep-last N
                              keeps the newest N tags (by version when every tag reads as one, such
                              as 1.9 < 1.10, else by creation time) and removes the others' images;
                              --keep-tag keeps the tags a pattern matches (* and ?); --drop-tag
                              removes matching tags whose image is older than its --older-than AGE
                              (30m, 12h, 7d, 2w): they pair in order, the first --drop-tag with the
                              first --older-than, and so on. A kept tag keeps its image, even from --unused
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
  volumes: { type: 'boolean', default: false },
  keep: { type: 'string', multiple: true },
  'keep-last': { type: 'string' },
  'keep-tag': { type: 'string', multiple: true },
  'drop-tag': { type: 'string', multiple: true },
  'older-than': { type: 'string', multiple: true },
  'dry-run': { type: 'boolean', default: false },
  policy: { type: 'string' },
} as const


/** For the other commands: the first cleanup-only option given, as a usage message; null when none is. */
export function misplacedCleanupOption(values: Record<string, OptionValue>): string | null {
  const given = Object.keys(CLEANUP_OPTIONS).find((name) => isSet(values[name]))
  return given === undefined ? null : `--${given} is an option of cleanup only`
}
